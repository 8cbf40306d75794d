package org.mdms.analytics.workload;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.analytics.common.DimensionQueries;
import org.mdms.analytics.common.Source;
import org.mdms.analytics.workload.WorkloadDtos.DepartmentWorkload;
import org.mdms.analytics.workload.WorkloadDtos.VisitTrends;

import java.time.LocalDate;

/** Questions 4 and 5 from the day rollups grouped by day, ISO week or month (or from the raw facts, Source.FACTS). */
@ApplicationScoped
public class WorkloadService {

    private final WorkloadQueries queries;
    private final DimensionQueries dimensions;

    public WorkloadService(WorkloadQueries queries, DimensionQueries dimensions) {
        this.queries = queries;
        this.dimensions = dimensions;
    }

    /** Question 4: visits, prescriptions and revenue per department and period. */
    public Uni<DepartmentWorkload> workload(LocalDate from, LocalDate to, String granularity, Long departmentId,
                                            Source source) {
        return dimensions.requireDepartment(departmentId)
                .chain(() -> queries.workload(from, to, granularity, departmentId, source))
                .map(rows -> new DepartmentWorkload(from.toString(), to.toString(), granularity, departmentId,
                        source.name().toLowerCase(), rows));
    }

    /** Question 5: visits per type, department and period. */
    public Uni<VisitTrends> visitTrends(LocalDate from, LocalDate to, String granularity, Long departmentId,
                                        String visitType, Source source) {
        return dimensions.requireDepartment(departmentId)
                .chain(() -> queries.visitTrends(from, to, granularity, departmentId, visitType, source))
                .map(rows -> new VisitTrends(from.toString(), to.toString(), granularity, departmentId, visitType,
                        source.name().toLowerCase(), rows));
    }
}
