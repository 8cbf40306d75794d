package org.mdms.analytics.openapi;

import org.mdms.analytics.openapi.ContractFilter.Op;

import java.util.List;
import java.util.Map;

import static org.mdms.analytics.openapi.ContractFilter.Op.op;
import static org.mdms.common.openapi.QueryConstraint.date;
import static org.mdms.common.openapi.QueryConstraint.dayOrInstant;
import static org.mdms.common.openapi.QueryConstraint.month;
import static org.mdms.analytics.openapi.ContractFilter.QueryRule.between;
import static org.mdms.analytics.openapi.ContractFilter.QueryRule.filter;
import static org.mdms.analytics.openapi.ContractFilter.QueryRule.oneOf;

/**
 * analytics-service's operations in the hospital's words, keyed by HTTP method and path template. A new endpoint
 * must get a row here (ApiContractTest fails on an operation without an operationId). Every operation needs a
 * bearer token unless marked open(); 400/401/403/404 are added from the operation's shape, may() adds the rest;
 * query() declares what the server accepts for the dates, months and instants it parses by hand.
 */
final class ApiContract {

    private ApiContract() {
    }

    private static final String[] CHART = {"image/png", "image/svg+xml"};

    /**
     * The query parameters with a closed set or a range, as common/Params, Source, ChartResponses and the resources
     * check them (ParameterConstraintTest sends every value and one outside the set to the running service).
     */
    static final Map<String, ContractFilter.QueryRule> QUERY_PARAMETERS = Map.ofEntries(
            Map.entry("by", oneOf("quantity", "amount")),
            Map.entry("order", oneOf("top", "bottom")),
            Map.entry("granularity", oneOf("day", "week", "month")),
            Map.entry("format", oneOf("png", "svg")),
            Map.entry("source", oneOf("rollup", "facts")),
            Map.entry("type", filter("OUTPATIENT", "INPATIENT", "EMERGENCY")),
            Map.entry("sort", oneOf("id,desc", "startedAt,desc")),
            Map.entry("n", between(1, 100, 10)),
            Map.entry("top", between(1, 50, 10)),
            Map.entry("dpi", between(72, 600, null)),
            Map.entry("year", between(2000, 2100, null)));

    static final List<Op> OPERATIONS = List.of(
            op("GET", "/api/v1/dashboard", "getDashboard").query("date", date()),
            // public only where mdms.analytics.dashboard.public-chart=true (the local demo), so declared as secured
            op("GET", "/api/v1/dashboard/chart", "getDashboardChart").query("date", date()).binary(CHART),

            op("GET", "/api/v1/drugs/{drugId}/usage", "getDrugUsage"),
            op("GET", "/api/v1/drugs/{drugId}/usage/chart", "getDrugUsageChart").binary(CHART),
            op("GET", "/api/v1/drug-rankings", "getDrugRanking")
                    .query("from", month().example("2026-01"), "to", month().example("2026-06")),
            op("GET", "/api/v1/drug-rankings/chart", "getDrugRankingChart")
                    .query("from", month().example("2026-01"), "to", month().example("2026-06"))
                    .binary(CHART),
            op("GET", "/api/v1/doctors/{doctorId}/top-drugs", "getDoctorTopDrugs")
                    .query("from", month().example("2026-01"), "to", month().example("2026-06")),
            op("GET", "/api/v1/doctors/{doctorId}/top-drugs/chart", "getDoctorTopDrugsChart")
                    .query("from", month().example("2026-01"), "to", month().example("2026-06"))
                    .binary(CHART),

            op("GET", "/api/v1/departments/workload", "getDepartmentWorkload")
                    .query("from", date().example("2026-03-01"), "to", date().example("2026-03-31")),
            op("GET", "/api/v1/departments/workload/chart", "getDepartmentWorkloadChart")
                    .query("from", date().example("2026-03-01"), "to", date().example("2026-03-31"))
                    .binary(CHART),
            op("GET", "/api/v1/visits/trends", "getVisitTrends")
                    .query("from", date().example("2026-03-01"), "to", date().example("2026-03-31")),
            op("GET", "/api/v1/visits/trends/chart", "getVisitTrendsChart")
                    .query("from", date().example("2026-03-01"), "to", date().example("2026-03-31"))
                    .binary(CHART),

            op("GET", "/api/v1/patients/{patientId}/vital-signs/summary", "getVitalSignSummary")
                    .query("from", dayOrInstant().example("2026-03-01T00:00:00Z"),
                            "to", dayOrInstant().example("2026-04-01T00:00:00Z")).may(503),
            op("GET", "/api/v1/patients/{patientId}/vital-signs/summary/chart", "getVitalSignChart")
                    .query("from", dayOrInstant().example("2026-03-01T00:00:00Z"),
                            "to", dayOrInstant().example("2026-04-01T00:00:00Z")).binary(CHART)
                    .may(503),

            op("POST", "/api/v1/sync", "syncWarehouse").may(409, 502, 503),
            op("GET", "/api/v1/sync/status", "getSyncStatus"),
            op("POST", "/api/v1/reconciliation", "reconcileWarehouse")
                    .query("from", month().example("2026-01"), "to", month().example("2026-06")).may(502, 503),
            op("GET", "/api/v1/reconciliation/runs", "searchReconciliationRuns"));
}
