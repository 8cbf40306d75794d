package org.mdms.analytics.workload;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import org.mdms.analytics.workload.WorkloadDtos.VisitTrendRow;
import org.mdms.analytics.workload.WorkloadDtos.VisitTrends;

import java.io.IOException;

/**
 * Question 5 as JSON, written field by field through the application's Jackson generator, as
 * {@link DepartmentWorkloadJson} writes question 4; the bytes are exactly databind's ({@code AnswerJsonTest}).
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class VisitTrendsJson extends AnswerJsonWriter<VisitTrends> {

    public VisitTrendsJson(ObjectMapper mapper) {
        super(VisitTrends.class, mapper);
    }

    @Override
    void write(JsonGenerator g, VisitTrends t) throws IOException {
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
}
