package org.mdms.analytics.workload;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import org.mdms.analytics.workload.WorkloadDtos.DepartmentWorkload;
import org.mdms.analytics.workload.WorkloadDtos.WorkloadRow;

import java.io.IOException;

/**
 * Question 4 as JSON, written field by field through the application's Jackson generator: a long window by day is
 * thousands of rows, written here without databind's per-row bean serialisation. The bytes are exactly databind's
 * (same field order, nulls written, numbers and strings through the same generator; {@code AnswerJsonTest}).
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class DepartmentWorkloadJson extends AnswerJsonWriter<DepartmentWorkload> {

    public DepartmentWorkloadJson(ObjectMapper mapper) {
        super(DepartmentWorkload.class, mapper);
    }

    @Override
    void write(JsonGenerator g, DepartmentWorkload w) throws IOException {
        g.writeStartObject();
        g.writeStringField("from", w.from());
        g.writeStringField("to", w.to());
        g.writeStringField("granularity", w.granularity());
        writeLongField(g, "departmentId", w.departmentId());
        g.writeStringField("source", w.source());
        g.writeFieldName("rows");
        if (w.rows() == null) {
            g.writeNull();
        } else {
            g.writeStartArray();
            for (WorkloadRow r : w.rows()) {
                g.writeStartObject();
                g.writeStringField("period", r.period());
                g.writeNumberField("departmentId", r.departmentId());
                g.writeStringField("departmentName", r.departmentName());
                g.writeNumberField("visits", r.visits());
                g.writeNumberField("prescriptions", r.prescriptions());
                g.writeNumberField("revenue", r.revenue());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }
}
