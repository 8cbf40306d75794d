package org.mdms.records.console;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.common.DomainException;
import org.mdms.records.auth.Caller;
import org.mdms.records.department.DepartmentDtos.DepartmentView;
import org.mdms.records.department.DepartmentRepository;
import org.mdms.records.drug.Drug;
import org.mdms.records.drug.DrugRepository;
import org.mdms.records.patient.Patient;
import org.mdms.records.patient.PatientRepository;
import org.mdms.records.staff.StaffRepository;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Names the console shows beside ids the API returns: drug names on prescription items (the catalogue is not
 * patient data), and the name and MRN of patients in a doctor's own visit list or the pharmacist's queue (what the
 * API's LISTING and DISPENSING views show them); the departments and the doctor's own one for opening a visit.
 */
@ApplicationScoped
public class ConsoleLookups {

    private final DrugRepository drugs;
    private final PatientRepository patients;
    private final DepartmentRepository departments;
    private final StaffRepository staff;

    ConsoleLookups(DrugRepository drugs, PatientRepository patients, DepartmentRepository departments,
                   StaffRepository staff) {
        this.drugs = drugs;
        this.patients = patients;
        this.departments = departments;
        this.staff = staff;
    }

    /** A patient as a search result shows them (name, MRN); a deleted or unknown one is a 404. */
    @WithSession
    public Uni<Patient> livingPatient(long id) {
        return patients.findById(id).invoke(patient -> {
            if (patient == null || patient.isDeleted()) {
                throw DomainException.notFound("patient", id);
            }
        });
    }

    @WithSession
    public Uni<List<DepartmentView>> departments() {
        return departments.listAll(Sort.by("name")).map(all -> all.stream().map(DepartmentView::of).toList());
    }

    /** The department of the caller's staff record, if any. */
    @WithSession
    public Uni<Long> ownDepartment(Caller caller) {
        if (caller.staffId() == null) {
            return Uni.createFrom().nullItem();
        }
        return staff.findById(caller.staffId()).map(member -> member == null ? null : member.getDepartmentId());
    }

    @WithSession
    public Uni<Map<Long, Drug>> drugs(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return drugs.find("id in ?1", ids.stream().distinct().toList()).list()
                .map(found -> found.stream().collect(Collectors.toMap(Drug::getId, Function.identity())));
    }

    @WithSession
    public Uni<Map<Long, Patient>> patients(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return patients.find("id in ?1", ids.stream().distinct().toList()).list()
                .map(found -> found.stream().collect(Collectors.toMap(Patient::getId, Function.identity())));
    }
}
