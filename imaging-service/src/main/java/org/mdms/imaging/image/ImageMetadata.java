package org.mdms.imaging.image;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.imaging.audit.AuditService;
import org.mdms.common.DomainException;
import org.mdms.imaging.image.ImageDtos.ImageUpdate;
import org.mdms.imaging.image.ImageDtos.ImageView;
import org.mdms.imaging.patient.Caller;
import org.mdms.imaging.patient.Role;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Writes to an image's row: the new row of an upload, metadata changes, soft delete and restore, each audited. */
@ApplicationScoped
public class ImageMetadata {

    /** Admins and doctors (treating the patient), and the roles that upload (their own images); not analysts. */
    private static final Set<Role> DELETER_ROLES = EnumSet.of(Role.ADMIN, Role.DOCTOR, Role.NURSE, Role.TECHNICIAN,
            Role.PATIENT);

    private final ImageRepository images;
    private final ImageAccess access;
    private final AuditService audit;

    ImageMetadata(ImageRepository images, ImageAccess access, AuditService audit) {
        this.images = images;
        this.access = access;
        this.audit = audit;
    }

    /** The row of an image whose objects are stored, with its UPLOAD audit entry, in one transaction. */
    @WithTransaction
    Uni<Image> recordUpload(Caller caller, Image image) {
        return images.persist(image)
                .call(() -> audit.record(caller, "UPLOAD", image.getId(), image.getPatientId(),
                        image.getOriginalFilename() + " (" + image.getSizeBytes() + " bytes, " + image.getCategory()
                                + ")"));
    }

    /** Optimistic locking is not optional: the version comes in the body or as If-Match, else 428. */
    public Uni<ImageView> update(Caller caller, long id, ImageUpdate change, String ifMatch) {
        if (change == null) {
            return Uni.createFrom().failure(DomainException.invalid("body", "a JSON body is required"));
        }
        ImageCategory category = change.category() == null ? null : ImageCategory.parse(change.category())
                .orElseThrow(() -> DomainException.invalid("category", ImageCategory.notACategory(change.category())));
        Visibility visibility = change.visibility() == null ? null : Visibility.parse(change.visibility())
                .orElseThrow(() -> DomainException.invalid("visibility", "must be PUBLIC or PRIVATE"));
        if (change.title() != null && change.title().isBlank()) {
            throw DomainException.invalid("title", "must not be blank");
        }
        Integer expected = change.version() != null ? change.version() : versionOf(ifMatch);
        return access.findLive(id)
                .call(image -> access.authorizeChange(caller, image, "UPDATE"))
                .invoke(image -> {
                    if (expected == null) {
                        throw new DomainException(428, "Precondition Required", "version: send the version you "
                                + "read (in the body or as If-Match) so a concurrent change is not overwritten",
                                List.of(new DomainException.FieldError("version",
                                        "is required (or an If-Match header)")));
                    }
                })
                // patient-service was asked above; the transaction opens only now, holding no connection meanwhile
                .chain(ignored -> Panache.withTransaction(() -> images.findById(id).map(image -> {
                    if (expected != image.getVersion()) {
                        throw DomainException.conflict(null, "image " + id + " is at version " + image.getVersion()
                                + ", not " + expected + "; reload it and try again");
                    }
                    image.change(category, change.title() == null ? null : change.title().trim(),
                            change.description() == null ? null : change.description().trim(), visibility,
                            Instant.now());
                    return image;
                }).call(image -> audit.record(caller, "UPDATE", image.getId(), image.getPatientId(),
                        String.valueOf(change))).call(images::flush)))
                .map(ImageView::of);
    }

    public Uni<ImageView> softDelete(Caller caller, long id, String reason) {
        if (!DELETER_ROLES.contains(caller.role())) {
            // a role that never deletes an image: 403 before the reason is looked at
            return Uni.createFrom().failure(DomainException.forbidden("role " + caller.roleName()
                    + " may not delete images"));
        }
        if (reason == null || reason.isBlank()) {
            return Uni.createFrom().failure(DomainException.invalid("reason", "a reason is required to delete an image"));
        }
        if (reason.length() > 500) {
            return Uni.createFrom().failure(DomainException.invalid("reason", "at most 500 characters"));
        }
        return access.findLive(id)
                .call(image -> access.authorizeDelete(caller, image))
                // patient-service was asked above; the transaction opens only now, holding no connection meanwhile
                .chain(ignored -> Panache.withTransaction(() -> images.findById(id).map(image -> {
                    image.softDelete(caller.username(), reason.trim(), Instant.now());
                    return image;
                }).call(image -> audit.record(caller, "DELETE", image.getId(), image.getPatientId(), reason))))
                .map(ImageView::of);
    }

    @WithTransaction
    public Uni<ImageView> restore(Caller caller, long id) {
        return images.findById(id).map(image -> {
                    if (image == null) {
                        throw DomainException.notFound("image", id);
                    }
                    if (image.getPurgedAt() != null) {
                        throw DomainException.conflict(null, "image " + id + " was purged at " + image.getPurgedAt()
                                + " after the retention period; it cannot be restored");
                    }
                    if (!image.isDeleted()) {
                        throw DomainException.conflict(null, "image " + id + " is not deleted");
                    }
                    image.restore(Instant.now());
                    return image;
                }).call(image -> audit.record(caller, "RESTORE", image.getId(), image.getPatientId(), null))
                // flushed before the answer is built, so it carries the new version
                .call(images::flush)
                .map(ImageView::of);
    }

    /** If-Match: the image's version, bare or as an entity tag ("3", W/"3"); null when absent. */
    private static Integer versionOf(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Integer.valueOf(tag);
        } catch (NumberFormatException e) {
            throw DomainException.invalid("If-Match", "'" + ifMatch + "' is not an image version");
        }
    }
}
