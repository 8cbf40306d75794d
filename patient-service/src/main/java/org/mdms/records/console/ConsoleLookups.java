package org.mdms.records.console;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.records.drug.Drug;
import org.mdms.records.drug.DrugRepository;
import org.mdms.records.patient.Patient;
import org.mdms.records.patient.PatientRepository;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Names the console shows beside ids the API returns: drug names on prescription items (the catalogue is not
 * patient data), and the name and MRN of patients in a doctor's own visit list or the pharmacist's queue (what the
 * API's LISTING and DISPENSING views show them).
 */
@ApplicationScoped
public class ConsoleLookups {

    private final DrugRepository drugs;
    private final PatientRepository patients;

    ConsoleLookups(DrugRepository drugs, PatientRepository patients) {
        this.drugs = drugs;
        this.patients = patients;
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
