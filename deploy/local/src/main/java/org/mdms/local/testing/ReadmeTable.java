package org.mdms.local.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A markdown table read from a module's README, so that a test checks the very table a reader sees (the access
 * matrices): the table is the run of lines starting with '|' whose first line starts with {@code header}.
 */
public final class ReadmeTable {

    private ReadmeTable() {
    }

    /** The table's lines (header and separator included) from README.md in the module the tests run in. */
    public static String read(String header) {
        Path readme = Path.of("README.md");
        try {
            List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
            int start = 0;
            while (start < lines.size() && !lines.get(start).startsWith(header)) {
                start++;
            }
            if (start == lines.size()) {
                throw new IllegalStateException(readme.toAbsolutePath() + " has no table starting with " + header);
            }
            int end = start;
            while (end < lines.size() && lines.get(end).startsWith("|")) {
                end++;
            }
            return String.join("\n", lines.subList(start, end)) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
