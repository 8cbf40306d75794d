package org.mdms.imaging.image;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.imaging.audit.AuditService;
import org.mdms.common.DomainException;
import org.mdms.imaging.image.ImageDtos.ImageView;
import org.mdms.imaging.patient.Caller;
import org.mdms.imaging.patient.PatientDirectory;
import org.mdms.imaging.patient.PatientRefs;
import org.mdms.imaging.patient.PeerFailures;
import org.mdms.imaging.patient.Role;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who may see, change and delete which image. The care relationship is patient-service's answer; every read, and
 * every refusal, is audited here.
 */
@ApplicationScoped
public class ImageAccess {

    private static final Set<Role> EDITOR_ROLES = EnumSet.of(Role.ADMIN, Role.DOCTOR, Role.NURSE, Role.TECHNICIAN);

    private final ImageRepository images;
    private final PatientDirectory directory;
    private final AuditService audit;

    ImageAccess(ImageRepository images, PatientDirectory directory, AuditService audit) {
        this.images = images;
        this.directory = directory;
        this.audit = audit;
    }

    public Uni<ImageView> metadata(Caller caller, long id) {
        return visible(caller, id, "READ", true).map(ImageView::of);
    }

    /** The image if the caller may see it (deleted images only for admins), audited as {@code action}. */
    public Uni<Image> visible(Caller caller, long id, String action, boolean allowDeleted) {
        return images.fetch(id)
                .invoke(image -> {
                    if (image == null || image.getPurgedAt() != null
                            || image.isDeleted() && !(allowDeleted && caller.isAdmin())) {
                        throw DomainException.notFound("image", id);
                    }
                })
                .call(image -> authorizeRead(caller, image, action));
    }

    /** The image unless it is unknown, deleted or purged (404). */
    Uni<Image> findLive(long id) {
        return images.fetch(id).invoke(image -> {
            if (image == null || image.isDeleted() || image.getPurgedAt() != null) {
                throw DomainException.notFound("image", id);
            }
        });
    }

    private Uni<Void> authorizeRead(Caller caller, Image image, String action) {
        return mayRead(caller, image).chain(allowed -> allowed
                ? audit.recordRead(caller, action, "IMAGE", image.getId(), image.getPatientId(), null)
                : deny(caller, image, action, "image " + image.getId()
                        + " is private to the patient, their treating staff and admins"));
    }

    /**
     * Admins, the patient themself and whoever uploaded it read any image. PUBLIC means "visible to clinical staff"
     * (the roles that find patients in patient-service's search), never to other patients or analysts; PRIVATE
     * images only to staff in a care relationship with the patient (or break-the-glass), as patient-service says.
     */
    private Uni<Boolean> mayRead(Caller caller, Image image) {
        if (caller.isAdmin() || caller.isPatientSelf(image.getPatientId()) || isUploader(caller, image)) {
            return Uni.createFrom().item(true);
        }
        if (!caller.isStaff()) {
            return Uni.createFrom().item(false);
        }
        if (image.getVisibility() == Visibility.PUBLIC) {
            return Uni.createFrom().item(true);
        }
        return relation(caller, image.getPatientId());
    }

    /** Staff may change an image of a patient they treat, or one they uploaded; admins any. */
    Uni<Void> authorizeChange(Caller caller, Image image, String action) {
        if (!EDITOR_ROLES.contains(caller.role())) {
            return deny(caller, image, action, "role " + caller.roleName() + " may not change images");
        }
        Uni<Boolean> allowed = caller.isAdmin() || caller.username().equals(image.getUploadedBy())
                ? Uni.createFrom().item(true) : relation(caller, image.getPatientId());
        return allowed.chain(ok -> ok ? Uni.createFrom().voidItem()
                : deny(caller, image, action, "only admins, the uploader and staff treating patient "
                        + image.getPatientId() + " may change this image"));
    }

    /** Only the uploader, a doctor treating the patient (or with break-the-glass) and admins delete an image. */
    Uni<Void> authorizeDelete(Caller caller, Image image) {
        Uni<Boolean> allowed = caller.isAdmin() || isUploader(caller, image) ? Uni.createFrom().item(true)
                : !caller.is(Role.DOCTOR) ? Uni.createFrom().item(false)
                : access(caller, image.getPatientId()).map(access -> access.map(a -> a.treats()).orElse(false));
        return allowed.chain(ok -> ok ? Uni.createFrom().voidItem()
                : deny(caller, image, "DELETE", "only admins, the uploader and a doctor treating patient "
                        + image.getPatientId() + " may delete this image"));
    }

    /** true when patient-service says the caller is the patient, treats them, or is an admin. */
    Uni<Boolean> relation(Caller caller, long patientId) {
        return access(caller, patientId).map(access -> access.map(a -> a.mayReadPrivate()).orElse(false));
    }

    private Uni<Optional<PatientRefs.PatientAccess>> access(Caller caller, long patientId) {
        return directory.access(patientId, caller.bearer()).onFailure().transform(PeerFailures::toProblem);
    }

    private static boolean isUploader(Caller caller, Image image) {
        return caller.username() != null && caller.username().equals(image.getUploadedBy());
    }

    /** Audits the refusal, then fails with 403. */
    private <T> Uni<T> deny(Caller caller, Image image, String action, String why) {
        return audit.record(caller, "DENIED", image.getId(), image.getPatientId(), action)
                .chain(() -> Uni.createFrom().failure(DomainException.forbidden(why)));
    }
}
