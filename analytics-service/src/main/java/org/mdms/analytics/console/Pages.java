package org.mdms.analytics.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;

/** The dashboard's Qute pages (templates/Pages/*.html), each wrapped in templates/layout.html. */
@CheckedTemplate(basePath = "Pages")
public class Pages {

    /**
     * What the layout needs: who is signed in (null on an error page without a session), their role, the language
     * and patient-service's console, where sign-in, home and sign-out live.
     */
    public record Shell(String displayName, String role, String csrf, Locale locale, String patientUrl) {

        public String lang() {
            return locale.getLanguage();
        }

        public boolean signedIn() {
            return role != null;
        }

        public boolean admin() {
            return "ADMIN".equals(role);
        }
    }

    /** The pickers' first values: the API's own defaults, written out so the user sees the period asked. */
    public record Defaults(LocalDate today) {

        public int year() {
            return today.getYear();
        }

        public String thisMonth() {
            return YearMonth.from(today).toString();
        }

        public String yearAgoMonth() {
            return YearMonth.from(today).minusMonths(11).toString();
        }

        public String monthAgo() {
            return today.minusDays(29).toString();
        }

        public String day() {
            return today.toString();
        }
    }

    static native TemplateInstance analytics(Shell shell, PickerQueries.Choices choices, Defaults defaults);

    static native TemplateInstance error(Shell shell, int status, String title, String detail);
}
