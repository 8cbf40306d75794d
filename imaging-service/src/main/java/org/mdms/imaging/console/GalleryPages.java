package org.mdms.imaging.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import org.mdms.common.DomainException;
import org.mdms.imaging.image.ImageCategory;
import org.mdms.imaging.image.ImageDtos.ImageView;
import org.mdms.imaging.patient.Caller;
import org.mdms.imaging.patient.PatientRefs;
import org.mdms.imaging.patient.Role;
import org.mdms.imaging.support.PageView;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The gallery's Qute pages (templates/GalleryPages/*.html); every page is wrapped in templates/layout.html. */
@CheckedTemplate(basePath = "GalleryPages")
public class GalleryPages {

    /** The roles POST /api/v1/images takes (a patient only for themself; the upload service checks again). */
    private static final Set<Role> UPLOADERS = Set.of(Role.ADMIN, Role.DOCTOR, Role.NURSE, Role.TECHNICIAN);

    /** What the layout needs on every page: who is signed in (null on error pages without a session), CSRF, language. */
    public record Shell(Caller caller, String csrf, Locale locale, String patientUrl) {

        public String lang() {
            return locale.getLanguage();
        }

        public boolean signedIn() {
            return caller != null;
        }

        public boolean searchesPatients() {
            return caller != null && (caller.isAdmin() || caller.isStaff());
        }

        public Long ownPatientId() {
            return caller != null && caller.isPatient() ? caller.patientId() : null;
        }

        public boolean uploadsFor(long patientId) {
            return GalleryPages.uploadsFor(caller, patientId);
        }

        /** An upload date (UTC, as the API's from/to filters read it). */
        public String day(java.time.Instant at) {
            return at == null ? "" : at.atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
        }

        /** A category's name in the page's language. */
        public String categoryName(String code) {
            return ImageCategory.parse(code).map(c -> english() ? c.nameEn() : c.nameZh()).orElse(code);
        }

        public Map<String, String> categories() {
            Map<String, String> names = new LinkedHashMap<>();
            Arrays.stream(ImageCategory.values()).forEach(c -> names.put(c.name(), english() ? c.nameEn() : c.nameZh()));
            return names;
        }

        private boolean english() {
            return Locale.ENGLISH.getLanguage().equals(locale.getLanguage());
        }
    }

    /** One page of the patient's images, filtered by category, with the links to its neighbours. */
    public record Gallery(long patientId, String category, String from, String to, PageView<ImageView> page,
                          Long uploaded, List<PatientRefs.VisitChoice> visits) {

        public String previousUrl() {
            return page.page() > 0 ? url(page.page() - 1) : null;
        }

        public String nextUrl() {
            return page.page() + 1 < page.totalPages() ? url(page.page() + 1) : null;
        }

        public int pageNumber() {
            return page.page() + 1;
        }

        public boolean anyPending() {
            return page.items().stream().anyMatch(i -> "PENDING".equals(i.thumbnailStatus()));
        }

        private String url(int target) {
            // category is a checked code and from/to were read as dates, so none needs escaping
            return "/ui/patients/" + patientId + "/images?page=" + target
                    + (category == null ? "" : "&category=" + category)
                    + (from == null ? "" : "&from=" + from) + (to == null ? "" : "&to=" + to);
        }
    }

    /** The upload form as sent back after a refusal: what was typed, and the API's errors beside their fields. */
    public record UploadForm(String visitId, String category, String visibility, String title, String description,
                             Map<String, String> errors, String detail) {

        static final List<String> FIELDS = List.of("file", "visitId", "category", "visibility", "title",
                "description");

        public static UploadForm empty() {
            return new UploadForm("", "OTHER", "PRIVATE", "", "", Map.of(), null);
        }

        public static UploadForm refused(String visitId, String category, String visibility, String title,
                                         String description, DomainException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            e.errors().stream().filter(f -> FIELDS.contains(f.field()))
                    .forEach(f -> errors.merge(f.field(), f.message(), (a, b) -> a + "; " + b));
            if (errors.isEmpty() && (e.status() == 413 || e.status() == 415)) {
                // too large or not an image: the API names no field, but only the file can be at fault
                errors.put("file", e.getMessage());
            }
            return new UploadForm(visitId == null ? "" : visitId, category, visibility, title, description, errors,
                    e.getMessage());
        }

        public boolean chose(Long visit) {
            return visit != null && visit.toString().equals(visitId);
        }

        public String errorOf(String field) {
            return errors.get(field);
        }

        public boolean refused() {
            return detail != null;
        }
    }

    static boolean uploadsFor(Caller caller, long patientId) {
        return caller != null && (UPLOADERS.contains(caller.role()) || caller.isPatientSelf(patientId));
    }

    /** The soft-deleted images (admins), newest deletion first, with a notice after a restore. */
    public record Deleted(PageView<ImageView> page, Long restored) {

        public String previousUrl() {
            return page.page() > 0 ? "/ui/images/deleted?page=" + (page.page() - 1) : null;
        }

        public String nextUrl() {
            return page.page() + 1 < page.totalPages() ? "/ui/images/deleted?page=" + (page.page() + 1) : null;
        }

        public int pageNumber() {
            return page.page() + 1;
        }
    }

    static native TemplateInstance gallery(Shell shell, Gallery gallery, UploadForm form);

    static native TemplateInstance deleted(Shell shell, Deleted deleted, String problem);

    /** One image's tile, for htmx while its thumbnail is being made. */
    static native TemplateInstance gallery$tile(Shell shell, ImageView img);

    static native TemplateInstance viewer(Shell shell, ImageView image);

    static native TemplateInstance error(Shell shell, int status, String title, String detail);
}
