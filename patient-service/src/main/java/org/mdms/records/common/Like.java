package org.mdms.records.common;

/**
 * Prefix searches: what a user types is matched literally, so '%' and '_' are characters, not wildcards. Every
 * query using a value from here writes {@code like :param escape '!'}: an explicit escape character, because the
 * backslash is no escape character when the server runs with NO_BACKSLASH_ESCAPES.
 */
public final class Like {

    private Like() {
    }

    /** {@code text} stripped and escaped, followed by '%'; null for a blank or absent search. */
    public static String prefix(String text) {
        return text == null || text.isBlank() ? null : escape(text.strip()) + "%";
    }

    /** For {@code escape '!'}. */
    public static String escape(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
