package org.mdms.imaging.image;

import java.util.Arrays;
import java.util.Optional;

/** PRIVATE: the patient, their treating staff and admins. PUBLIC: any signed-in user. */
public enum Visibility {
    PUBLIC, PRIVATE;

    public static Optional<Visibility> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(v -> v.name().equalsIgnoreCase(text.trim())).findFirst();
    }
}
