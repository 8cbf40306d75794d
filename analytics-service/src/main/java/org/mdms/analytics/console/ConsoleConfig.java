package org.mdms.analytics.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the browser finds patient-service's console (sign-in, home): MDMS_CONSOLE_PATIENT_URL. */
@ConfigMapping(prefix = "mdms.console")
public interface ConsoleConfig {

    /** The address a browser uses, not the internal one (mdms.patient.url); Ingress deployments set their origin. */
    @WithDefault("http://localhost:8081")
    String patientUrl();
}
