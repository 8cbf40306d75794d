package org.mdms.local.testing;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Test resources keep what they started in static fields, but each Quarkus test profile loads them again in a new
 * class loader. System properties are the one place every class loader of the JVM shares, so the coordinates of a
 * running child process are kept there, with its pid to tell whether it still runs.
 */
final class JvmShared {

    private JvmShared() {
    }

    static void write(String key, Map<String, String> settings, long pid) {
        Properties properties = new Properties();
        properties.putAll(settings);
        StringWriter text = new StringWriter();
        try {
            properties.store(text, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        System.setProperty(key, text.toString());
        System.setProperty(key + ".pid", Long.toString(pid));
    }

    static Map<String, String> read(String key) {
        String text = System.getProperty(key);
        String pid = System.getProperty(key + ".pid");
        if (text == null || pid == null
                || !ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false)) {
            return null;
        }
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> settings = new HashMap<>();
        properties.forEach((k, v) -> settings.put((String) k, (String) v));
        return Map.copyOf(settings);
    }
}
