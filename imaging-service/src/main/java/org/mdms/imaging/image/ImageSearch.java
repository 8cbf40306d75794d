package org.mdms.imaging.image;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.imaging.audit.AuditService;
import org.mdms.common.DomainException;
import org.mdms.imaging.image.ImageDtos.ImageView;
import org.mdms.imaging.patient.Caller;
import org.mdms.common.PageRequest;
import org.mdms.imaging.support.PageView;
import org.mdms.common.QueryChecks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Finding images: each caller sees only what they may (private images need the care relationship), audited. */
@ApplicationScoped
public class ImageSearch {

    public static final Map<String, String> SORTABLE = Map.of(
            "createdAt", "createdAt", "title", "title", "sizeBytes", "sizeBytes", "category", "category",
            "id", "id", "updatedAt", "updatedAt", "deletedAt", "deletedAt");

    /** The search parameters as received, still as text where the client typed them. */
    public record Filter(Long patientId, Long visitId, String category, String from, String to, String q) {
    }

    private final ImageRepository images;
    private final ImageAccess access;
    private final AuditService audit;

    ImageSearch(ImageRepository images, ImageAccess access, AuditService audit) {
        this.images = images;
        this.access = access;
        this.audit = audit;
    }

    /** The filter's category and from/to window, parsed; a bad category, from and to are reported together. */
    public record Bounds(ImageCategory category, Instant from, Instant to) {

        public static Bounds of(Filter filter) {
            QueryChecks checks = new QueryChecks();
            ImageCategory category = checks.check(() -> filter.category() == null || filter.category().isBlank()
                    ? null : ImageCategory.parse(filter.category()).orElseThrow(() ->
                    DomainException.invalid("category", ImageCategory.notACategory(filter.category()))));
            Instant from = checks.check(() -> day("from", filter.from(), false));
            Instant to = checks.check(() -> day("to", filter.to(), true));
            checks.refuseIfAny();
            if (from != null && to != null && !from.isBefore(to)) {
                throw DomainException.invalid("to", "must not be before from, got '" + filter.to() + "'");
            }
            return new Bounds(category, from, to);
        }
    }

    /** Refuses (403) a role that reads no patient's images (analysts), before any parameter is looked at. */
    public void checkRole(Caller caller) {
        if (!caller.readsPatientImages()) {
            throw DomainException.forbidden("role " + caller.roleName() + " does not read patients' images");
        }
    }

    public Uni<PageView<ImageView>> search(Caller caller, Filter filter, Bounds bounds, PageRequest page) {
        checkRole(caller);
        Long patientId = filter.patientId();
        if (caller.isPatient() && patientId == null) {
            patientId = caller.patientId() == null ? -1L : caller.patientId();
        }
        if (caller.isPatient() && !caller.isPatientSelf(patientId)) {
            throw DomainException.forbidden("patients see only their own images");
        }
        Long patient = patientId;
        return seesPrivate(caller, patient)
                .map(all -> new ImageRepository.Criteria(patient, filter.visitId(), bounds.category(), bounds.from(),
                        bounds.to(), filter.q(), !all))
                .chain(criteria -> images.search(criteria, page))
                .map(result -> result.map(ImageView::of))
                .call(result -> audit.recordRead(caller, "LIST", "IMAGE", null, patient,
                        result.totalItems() + " images, filter " + filter));
    }

    /** Private images show for admins, the patient themself and staff treating the one patient searched for. */
    private Uni<Boolean> seesPrivate(Caller caller, Long patientId) {
        if (caller.isAdmin()) {
            return Uni.createFrom().item(true);
        }
        if (patientId == null) {
            return Uni.createFrom().item(false);
        }
        if (caller.isPatient()) {
            return Uni.createFrom().item(caller.isPatientSelf(patientId));
        }
        return access.relation(caller, patientId);
    }

    public Uni<PageView<ImageView>> deleted(Caller caller, PageRequest page) {
        return images.deleted(page)
                .map(result -> result.map(ImageView::of))
                .call(result -> audit.record(caller, "LIST", null, null, "deleted images"));
    }

    private static Instant day(String field, String text, boolean endOfDay) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text.trim());
            return (endOfDay ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw DomainException.invalid(field, "must be a date as yyyy-MM-dd, got '" + text + "'");
        }
    }
}
