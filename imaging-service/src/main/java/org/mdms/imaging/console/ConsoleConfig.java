package org.mdms.imaging.console;

import io.smallrye.config.ConfigMapping;

/** The console's settings (prefix {@code mdms.console}); MDMS_CONSOLE_PATIENT_URL overrides. */
@ConfigMapping(prefix = "mdms.console")
public interface ConsoleConfig {

    /** patient-service's console as the browser reaches it: sign-in, home, the patient chart. */
    String patientUrl();
}
