package org.mdms.records.auth;

/**
 * What a user name may be: ASCII letters, digits, '.', '_' and '-', nothing else (no whitespace, control characters,
 * NUL or look-alike letters). Names are compared byte for byte: 'ADMIN' and 'admin ' are not 'admin'.
 */
public final class UserNames {

    public static final String PATTERN = "[A-Za-z0-9._-]+";
    public static final String RULE = "may contain letters, digits, '.', '_' and '-' only";

    private UserNames() {
    }
}
