package org.mdms.analytics.common;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** Writes any {@link Tabular} answer as RFC 4180 CSV (UTF-8, CRLF, quoted where needed). */
@Provider
@Produces("text/csv")
public class CsvWriter implements MessageBodyWriter<Tabular> {

    public static final String TEXT_CSV = "text/csv";

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return Tabular.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(Tabular table, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream out)
            throws IOException, WebApplicationException {
        headers.putSingle("Content-Type", "text/csv; charset=UTF-8");
        out.write(toCsv(table).getBytes(StandardCharsets.UTF_8));
    }

    public static String toCsv(Tabular table) {
        StringBuilder csv = new StringBuilder();
        csv.append(line(table.csvHeader().stream().map(h -> (Object) h).toList()));
        for (List<Object> row : table.csvRows()) {
            csv.append(line(row));
        }
        return csv.toString();
    }

    private static String line(List<Object> cells) {
        return cells.stream().map(CsvWriter::cell).collect(Collectors.joining(",")) + "\r\n";
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
