package org.mdms.common.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What the server accepts for a query parameter it parses by hand (a date, a month, an instant, a sort, a closed set
 * read as text), written into the parameter's schema as a format, pattern or enum, with an example the server takes.
 * Declared per operation in ApiContract; ParameterConstraintTest tries each on the running service. All three services
 * use this one class (mdms-common).
 */
public record QueryConstraint(String format, String pattern, List<String> values, String example) {

    /** A calendar day as java.time.LocalDate parses it. */
    static final String DAY = "\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])";
    /** The time and offset of an RFC 3339 instant (seconds required, as Instant.parse wants them). */
    static final String TIME = "T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d{1,9})?(Z|[+-](0\\d|1[0-7]):[0-5]\\d|[+-]18:00)";

    /** yyyy-MM-dd (LocalDate.parse). */
    public static QueryConstraint date() {
        return new QueryConstraint("date", null, null, "2026-03-15");
    }

    /** An RFC 3339 instant with its offset (Instant.parse). */
    public static QueryConstraint instant() {
        return new QueryConstraint("date-time", null, null, "2026-03-15T08:30:00Z");
    }

    /** yyyy-MM (YearMonth.parse). */
    public static QueryConstraint month() {
        return new QueryConstraint(null, "^\\d{4}-(0[1-9]|1[0-2])$", null, "2026-03");
    }

    /** A day (that whole UTC day) or an RFC 3339 instant with its offset. */
    public static QueryConstraint dayOrInstant() {
        return new QueryConstraint(null, "^" + DAY + "(" + TIME + ")?$", null, "2026-03-15");
    }

    /** field[,asc|desc] over the fields the list sorts by; the example is the list's default order. */
    public static QueryConstraint sortBy(Collection<String> fields, String defaultOrder) {
        List<String> sorted = fields.stream().sorted().toList();
        return new QueryConstraint(null, "^(" + String.join("|", sorted) + ")(,(asc|desc))?$", null, defaultOrder);
    }

    /** A closed set of values read as text; the example is the first. */
    public static QueryConstraint oneOf(Collection<String> values) {
        return new QueryConstraint(null, null, List.copyOf(values), values.iterator().next());
    }

    /** The same rule with another example (a window's end after its start). */
    public QueryConstraint example(String value) {
        return new QueryConstraint(format, pattern, values, value);
    }

    public void applyTo(Parameter parameter) {
        Schema schema = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        if (parameter.getSchema() != null && parameter.getSchema().getMaxLength() != null) {
            schema.setMaxLength(parameter.getSchema().getMaxLength());
        }
        if (format != null) {
            schema.setFormat(format);
        }
        if (pattern != null) {
            schema.setPattern(pattern);
        }
        if (values != null) {
            schema.setEnumeration(new ArrayList<>(values));
        }
        parameter.setSchema(schema);
        if (parameter.getExample() == null) {
            parameter.setExample(example);
        }
    }

    /**
     * The ContractFilter step of the three services: an operation's table of query constraints (ApiContract), each
     * applied to a query parameter the operation really has; {@code key} names the operation when the table is out of
     * date.
     */
    public static void constrain(Operation operation, String key, Map<String, QueryConstraint> query) {
        query.forEach((name, constraint) -> {
            Parameter parameter = operation.getParameters() == null ? null : operation.getParameters().stream()
                    .filter(p -> p.getIn() == Parameter.In.QUERY && name.equals(p.getName())).findFirst().orElse(null);
            if (parameter == null) {
                throw new IllegalStateException(key + " has no query parameter " + name + " (ApiContract)");
            }
            constraint.applyTo(parameter);
        });
    }
}
