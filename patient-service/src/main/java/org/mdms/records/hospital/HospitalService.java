package org.mdms.records.hospital;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.common.DomainException;
import org.mdms.common.PageRequest;
import org.mdms.records.common.Like;
import org.mdms.records.common.Page;
import org.mdms.records.hospital.HospitalResource.HospitalRepository;
import org.mdms.records.hospital.HospitalResource.HospitalRequest;
import org.mdms.records.hospital.HospitalResource.HospitalView;

/** Hospitals for the API and the admin console: find by code or name prefix, register, change. */
@ApplicationScoped
public class HospitalService {

    private final HospitalRepository hospitals;

    HospitalService(HospitalRepository hospitals) {
        this.hospitals = hospitals;
    }

    @WithSession
    public Uni<Page<HospitalView>> search(String search, PageRequest request) {
        var query = search == null || search.isBlank()
                ? hospitals.findAll(request.sort())
                : hospitals.find("code like ?1 escape '!' or name like ?1 escape '!'", request.sort(),
                        Like.prefix(search));
        return Page.of(query, request, HospitalView::of);
    }

    @WithSession
    public Uni<HospitalView> get(long id) {
        return find(id).map(HospitalView::of);
    }

    @WithTransaction
    public Uni<HospitalView> create(HospitalRequest request) {
        Hospital hospital = new Hospital();
        apply(hospital, request);
        return hospitals.persistAndFlush(hospital).map(HospitalView::of);
    }

    @WithTransaction
    public Uni<HospitalView> update(long id, HospitalRequest request) {
        return find(id).invoke(hospital -> apply(hospital, request))
                .call(hospitals::flush)
                .map(HospitalView::of);
    }

    private Uni<Hospital> find(long id) {
        return hospitals.findById(id).onItem().ifNull().failWith(() -> DomainException.notFound("hospital", id));
    }

    private static void apply(Hospital hospital, HospitalRequest request) {
        hospital.setCode(request.code());
        hospital.setName(request.name());
        hospital.setAddress(request.address());
        hospital.setPhone(request.phone());
    }
}
