package org.mdms.records.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import org.mdms.records.auth.Caller;
import org.mdms.records.auth.Role;
import org.mdms.records.common.Page;
import org.mdms.records.patient.PatientDtos.PatientView;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The console's Qute pages (templates/Pages/*.html); every page is wrapped in templates/layout.html. */
@CheckedTemplate(basePath = "Pages")
public class Pages {

    /** What the layout needs on every page: who is signed in (null on the sign-in page), the CSRF token, the language. */
    public record Shell(Caller caller, String displayName, String csrf, Locale locale) {

        public String lang() {
            return locale.getLanguage();
        }

        public boolean signedIn() {
            return caller != null;
        }

        /** Staff find patients; a patient opens only their own chart. */
        public boolean searchesPatients() {
            return caller != null && (caller.is(Role.ADMIN) || (caller.role() != null && caller.role().isStaff()));
        }

        public boolean administers() {
            return caller != null && caller.is(Role.ADMIN);
        }

        public Long ownPatientId() {
            return caller != null && caller.is(Role.PATIENT) ? caller.patientId() : null;
        }
    }

    /** One page of search results with the links to its neighbours (null at either end). */
    public record Results(String query, Page<PatientView> page, boolean deleted) {

        public String previousUrl() {
            return page.page() > 0 ? url(page.page() - 1) : null;
        }

        public String nextUrl() {
            return page.page() + 1 < page.totalPages() ? url(page.page() + 1) : null;
        }

        public int pageNumber() {
            return page.page() + 1;
        }

        private String url(int target) {
            return "/ui/patients?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + (deleted ? "&deleted=true" : "")
                    + "&page=" + target;
        }
    }

    /** {@code next}: the page to go to after signing in (already checked by {@link ConsoleReturn}), or null. */
    static native TemplateInstance signIn(Shell shell, String username, String error, String next);

    static native TemplateInstance home(Shell shell);

    static native TemplateInstance patients(Shell shell, String query, Results results);

    /** Only the result list, for htmx's search-as-you-type. */
    static native TemplateInstance patients$results(Shell shell, String query, Results results);

    static native TemplateInstance chart(Shell shell, PatientChart.Chart chart);

    static native TemplateInstance error(Shell shell, int status, String title, String detail);
}
