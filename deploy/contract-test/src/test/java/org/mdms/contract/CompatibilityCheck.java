package org.mdms.contract;

import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.model.ChangedOperation;
import org.openapitools.openapidiff.core.model.Endpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares a service's current OpenAPI document with its released one (openapi-diff) and lists the breaking changes
 * that announced-breaking-changes.md does not announce. A breaking change is what openapi-diff calls incompatible: an
 * operation removed, a parameter or request field newly required or narrowed, a response field removed or widened.
 */
final class CompatibilityCheck {

    /** A line of the announcement file: {@code - <service> <METHOD> <path> ...}; {@code *} for the path covers all. */
    private static final Pattern ANNOUNCED = Pattern.compile(
            "^\\s*[-*]\\s+`?([a-z-]+)\\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|\\*)\\s+(\\S+?)`?(\\s.*)?$");

    private CompatibilityCheck() {
    }

    /** Every incompatible change of {@code current} against {@code released}, one line each ("METHOD path: what"). */
    static List<String> breakingChanges(String released, String current) {
        ChangedOpenApi diff = OpenApiCompare.fromContents(released, current);
        List<String> breaking = new ArrayList<>();
        for (Endpoint missing : diff.getMissingEndpoints()) {
            breaking.add(missing.getMethod() + " " + missing.getPathUrl() + ": operation removed");
        }
        for (ChangedOperation changed : diff.getChangedOperations()) {
            if (changed.isIncompatible()) {
                breaking.add(changed.getHttpMethod() + " " + changed.getPathUrl() + ": " + whatChanged(changed));
            }
        }
        if (breaking.isEmpty() && diff.isIncompatible()) {
            breaking.add("* *: an incompatible change outside the operations (security, components)");
        }
        return breaking;
    }

    /** The breaking changes of one service that the announcement file does not list. */
    static List<String> unannounced(String service, List<String> breaking, Path announcements) throws IOException {
        Set<String> announced = announced(service, announcements);
        List<String> left = new ArrayList<>();
        for (String change : breaking) {
            String operation = change.substring(0, change.indexOf(':'));
            String method = operation.substring(0, operation.indexOf(' '));
            if (!announced.contains(operation) && !announced.contains(method + " *") && !announced.contains("* *")) {
                left.add(change);
            }
        }
        return left;
    }

    static Set<String> announced(String service, Path announcements) throws IOException {
        Set<String> operations = new TreeSet<>();
        if (!Files.exists(announcements)) {
            return operations;
        }
        for (String line : Files.readAllLines(announcements, StandardCharsets.UTF_8)) {
            Matcher m = ANNOUNCED.matcher(line);
            if (m.matches() && m.group(1).equals(service)) {
                operations.add(m.group(2) + " " + m.group(3));
            }
        }
        return operations;
    }

    private static String whatChanged(ChangedOperation changed) {
        List<String> what = new ArrayList<>();
        if (changed.getParameters() != null && changed.getParameters().isIncompatible()) {
            what.add("parameters");
        }
        if (changed.getRequestBody() != null && changed.getRequestBody().isIncompatible()) {
            what.add("request body");
        }
        if (changed.getApiResponses() != null && changed.getApiResponses().isIncompatible()) {
            what.add("responses");
        }
        if (changed.getSecurityRequirements() != null && changed.getSecurityRequirements().isIncompatible()) {
            what.add("security");
        }
        return what.isEmpty() ? "incompatible change" : "incompatible " + String.join(", ", what);
    }
}
