package org.mdms.contract;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the documents are: the ones this build wrote, the released ones, the announcements. */
final class Contract {

    private Contract() {
    }

    static Path current(String service) {
        String key = "contract." + service.substring(0, service.indexOf('-'));
        Path document = Path.of(System.getProperty(key, "../../" + service + "/target/openapi/openapi.json"));
        if (!Files.exists(document)) {
            throw new AssertionError(service + " wrote no OpenAPI document at " + document + ": build the service first");
        }
        return document;
    }

    static Path released(String service) {
        return Path.of(System.getProperty("contract.released", "released")).resolve(service + ".json");
    }

    static Path announcements() {
        return Path.of(System.getProperty("contract.announced", "announced-breaking-changes.md"));
    }
}
