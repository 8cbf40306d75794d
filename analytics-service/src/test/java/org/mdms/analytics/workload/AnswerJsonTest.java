package org.mdms.analytics.workload;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import org.junit.jupiter.api.Test;
import org.mdms.analytics.workload.WorkloadDtos.DepartmentWorkload;
import org.mdms.analytics.workload.WorkloadDtos.VisitTrendRow;
import org.mdms.analytics.workload.WorkloadDtos.VisitTrends;
import org.mdms.analytics.workload.WorkloadDtos.WorkloadRow;
import org.mdms.local.testing.PatientServiceResource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Questions 4 and 5 are written field by field ({@link DepartmentWorkloadJson}, {@link VisitTrendsJson}): their bytes
 * must be exactly those of the application's databind mapper, for every shape an answer takes (nulls, names that
 * need escaping, non-ASCII names, zero and large amounts, no rows).
 */
@QuarkusTest
@QuarkusTestResource(value = PatientServiceResource.class, restrictToAnnotatedClass = false)
class AnswerJsonTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void departmentWorkloadIsWrittenAsDatabindWritesIt() throws IOException {
        List<WorkloadRow> rows = List.of(
                new WorkloadRow("2026-01-05", 3, "心内科 Cardiology", 12, 7, new BigDecimal("1234.50")),
                new WorkloadRow("2026-01-05", 4, null, 1, 0, new BigDecimal("0.00")),
                new WorkloadRow("2026-01", 17, "A \"quoted\" \\ name\n\t\u0001", 0, 3,
                        new BigDecimal("99999999999999.99")),
                new WorkloadRow("2026-01-06", Long.MAX_VALUE, "", Long.MAX_VALUE, Long.MAX_VALUE,
                        new BigDecimal("-0.01")));
        for (DepartmentWorkload answer : List.of(
                new DepartmentWorkload("2026-01-01", "2026-01-31", "day", null, "rollup", rows),
                new DepartmentWorkload("2026-01-01", "2026-01-31", "month", 3L, "facts", rows.subList(0, 1)),
                new DepartmentWorkload("2026-01-01", "2026-01-01", "week", 9L, "rollup", List.of()))) {
            ByteArrayOutputStream streamed = new ByteArrayOutputStream();
            new DepartmentWorkloadJson(mapper).writeTo(answer, DepartmentWorkload.class, DepartmentWorkload.class, new Annotation[0],
                    MediaType.APPLICATION_JSON_TYPE, new MultivaluedHashMap<>(), streamed);
            assertEquals(new String(mapper.writeValueAsBytes(answer), StandardCharsets.UTF_8),
                    streamed.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void visitTrendsAreWrittenAsDatabindWritesThem() throws IOException {
        List<VisitTrendRow> rows = List.of(
                new VisitTrendRow("2026-01-05", 3, "急诊科 Emergency", "EMERGENCY", 2),
                new VisitTrendRow("2026-01-05", 4, null, "OUTPATIENT", 41),
                new VisitTrendRow("2026-01", 5, "Ward \"B\" / \\ \u2028", "INPATIENT", Long.MAX_VALUE));
        for (VisitTrends answer : List.of(
                new VisitTrends("2026-01-01", "2026-01-31", "day", null, null, "rollup", rows),
                new VisitTrends("2026-01-01", "2026-01-31", "month", 3L, "INPATIENT", "facts", rows.subList(2, 3)),
                new VisitTrends("2026-01-01", "2026-01-01", "week", 9L, "EMERGENCY", "rollup", List.of()))) {
            ByteArrayOutputStream streamed = new ByteArrayOutputStream();
            new VisitTrendsJson(mapper).writeTo(answer, VisitTrends.class, VisitTrends.class, new Annotation[0],
                    MediaType.APPLICATION_JSON_TYPE, new MultivaluedHashMap<>(), streamed);
            assertEquals(new String(mapper.writeValueAsBytes(answer), StandardCharsets.UTF_8),
                    streamed.toString(StandardCharsets.UTF_8));
        }
    }
}
