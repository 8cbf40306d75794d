package org.mdms.records.drug;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.records.changes.ChangeFeed;
import org.mdms.common.DomainException;
import org.mdms.records.common.Page;
import org.mdms.common.PageRequest;
import org.mdms.records.drug.DrugDtos.DrugChange;
import org.mdms.records.drug.DrugDtos.DrugRequest;
import org.mdms.records.drug.DrugDtos.DrugView;

/** The drug catalogue. Not patient data, so reads are not audited; every write is published to the change feed. */
@ApplicationScoped
public class DrugService {

    private final DrugRepository drugs;
    private final ChangeFeed changes;

    DrugService(DrugRepository drugs, ChangeFeed changes) {
        this.drugs = drugs;
        this.changes = changes;
    }

    @WithSession
    public Uni<Page<DrugView>> search(DrugRepository.Criteria criteria, PageRequest page) {
        return Page.of(drugs.search(criteria, page.sort()), page, DrugView::of);
    }

    @WithSession
    public Uni<DrugView> get(long id) {
        return find(id).map(DrugView::of);
    }

    @WithTransaction
    public Uni<DrugView> create(DrugRequest request) {
        Drug drug = new Drug();
        apply(drug, request);
        return checkCodeFree(request.code(), null)
                .chain(() -> drugs.persist(drug))
                .call(this::publish)
                .map(DrugView::of);
    }

    @WithTransaction
    public Uni<DrugView> update(long id, DrugRequest request) {
        return find(id)
                .call(drug -> checkCodeFree(request.code(), drug.getId()))
                .invoke(drug -> apply(drug, request))
                .call(this::publish)
                .map(DrugView::of);
    }

    /** Drugs are never deleted: old prescriptions keep pointing at them. Deactivating stops new prescriptions. */
    @WithTransaction
    public Uni<DrugView> setActive(long id, boolean active) {
        return find(id)
                .invoke(drug -> drug.setActive(active))
                .call(this::publish)
                .map(DrugView::of);
    }

    public Uni<Drug> find(long id) {
        return drugs.findById(id).onItem().ifNull().failWith(() -> DomainException.notFound("drug", id));
    }

    private Uni<Void> checkCodeFree(String code, Long ownId) {
        return drugs.find("code", code).firstResult().invoke(existing -> {
            if (existing != null && !existing.getId().equals(ownId)) {
                throw DomainException.conflict("code", "drug code " + code + " is already in use");
            }
        }).replaceWithVoid();
    }

    private Uni<Void> publish(Drug drug) {
        return Panache.getSession().chain(session -> changes.append(session, ChangeFeed.EntityType.DRUG,
                drug.getId(), ChangeFeed.Operation.UPSERT, DrugChange.of(drug)));
    }

    private static void apply(Drug drug, DrugRequest request) {
        drug.setCode(request.code());
        drug.setName(request.name());
        drug.setGenericName(request.genericName());
        drug.setCategory(request.category());
        drug.setDosageForm(request.dosageForm());
        drug.setStrength(request.strength());
        drug.setUnit(request.unit());
        drug.setPrice(request.price());
        drug.setManufacturer(request.manufacturer());
        drug.setActive(request.active() == null || request.active());
    }
}
