package org.mdms.records;

import io.quarkus.test.common.QuarkusTestResource;
import org.mdms.local.testing.EmbeddedInfraResource;

/** Every test in this module runs against the real embedded MariaDB (started once per test JVM). */
@QuarkusTestResource(value = EmbeddedInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @io.quarkus.test.common.ResourceArg(name = "databases", value = "mdms_records"))
public final class EmbeddedDatabase {
    private EmbeddedDatabase() {
    }
}
