package org.mdms.records.common;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.mdms.common.DomainException;
import org.mdms.common.InputProblems;

/**
 * A yes/no query parameter is exactly {@code true} or {@code false}. JAX-RS reads anything else ({@code ?fix=abc},
 * {@code ?includeDeleted=yes}) as false without a word; here it is refused with 400 naming the parameter, before the
 * resource method runs.
 */
public class StrictBooleans {

    /** The yes/no query parameters of each resource method, found once. */
    private final Map<Method, List<String>> yesNoParameters = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void refuseGuesses(ResourceInfo resource, UriInfo uri) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return;
        }
        for (String name : yesNoParameters.computeIfAbsent(method, StrictBooleans::yesNoParametersOf)) {
            List<String> values = uri.getQueryParameters().get(name);
            for (String value : values == null ? List.<String>of() : values) {
                if (!isBoolean(value)) {
                    throw DomainException.invalid(name, "must be true or false, got '" + InputProblems.shorten(value) + "'");
                }
            }
        }
    }

    private static List<String> yesNoParametersOf(Method method) {
        return Arrays.stream(method.getParameters())
                .filter(p -> p.getType() == boolean.class || p.getType() == Boolean.class)
                .map(p -> p.getAnnotation(QueryParam.class))
                .filter(q -> q != null)
                .map(QueryParam::value)
                .toList();
    }

    /** The rule, also used by the error mapper when it names the parameter at fault. */
    public static boolean isBoolean(String value) {
        return "true".equals(value) || "false".equals(value);
    }
}
