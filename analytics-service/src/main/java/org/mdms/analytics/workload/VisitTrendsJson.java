package org.mdms.analytics.workload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import org.mdms.analytics.workload.WorkloadDtos.VisitTrendRow;
import org.mdms.analytics.workload.WorkloadDtos.VisitTrends;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Question 5 as JSON, written field by field through the application's Jackson generator, as
 * {@link DepartmentWorkloadJson} writes question 4; the bytes are exactly databind's ({@code AnswerJsonTest}).
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class VisitTrendsJson implements MessageBodyWriter<VisitTrends> {

    private final JsonFactory json;

    public VisitTrendsJson(ObjectMapper mapper) {
        this.json = mapper.getFactory();
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == VisitTrends.class;
    }

    @Override
    public void writeTo(VisitTrends answer, Class<?> type, Type genericType, Annotation[] annotations,
                        MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream out)
            throws IOException {
        // the response stream is the server's to close, as with databind's writer
        try (JsonGenerator g = json.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            write(g, answer);
        }
    }

    static void write(JsonGenerator g, VisitTrends t) throws IOException {
        g.writeStartObject();
        g.writeStringField("from", t.from());
        g.writeStringField("to", t.to());
        g.writeStringField("granularity", t.granularity());
        writeLongField(g, "departmentId", t.departmentId());
        g.writeStringField("visitType", t.visitType());
        g.writeStringField("source", t.source());
        g.writeFieldName("rows");
        if (t.rows() == null) {
            g.writeNull();
        } else {
            g.writeStartArray();
            for (VisitTrendRow r : t.rows()) {
                g.writeStartObject();
                g.writeStringField("period", r.period());
                g.writeNumberField("departmentId", r.departmentId());
                g.writeStringField("departmentName", r.departmentName());
                g.writeStringField("visitType", r.visitType());
                g.writeNumberField("visits", r.visits());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void writeLongField(JsonGenerator g, String name, Long value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(value);
        }
    }
}
