package org.mdms.analytics.openapi;

import org.mdms.analytics.openapi.ContractFilter.Op;

import java.util.List;
import java.util.Map;

import static org.mdms.analytics.openapi.ContractFilter.Op.op;
import static org.mdms.analytics.openapi.ContractFilter.QueryRule.between;
import static org.mdms.analytics.openapi.ContractFilter.QueryRule.filter;
import static org.mdms.analytics.openapi.ContractFilter.QueryRule.oneOf;

/**
 * analytics-service's operations in the hospital's words, keyed by HTTP method and path template. A new endpoint
 * must get a row here (ApiContractTest fails on an operation without an operationId). Every operation needs a
 * bearer token unless marked open(); 400/401/403/404 are added from the operation's shape, may() adds the rest.
 */
final class ApiContract {

    private ApiContract() {
    }

    private static final String[] CHART = {"image/png", "image/svg+xml"};

    /**
     * The query parameters with a closed set or a range, as common/Params, Source, ChartResponses and the resources
     * check them (EnumParameterTest sends every value and one outside the set to the running service).
     */
    static final Map<String, ContractFilter.QueryRule> QUERY_PARAMETERS = Map.of(
            "by", oneOf("quantity", "amount"),
            "order", oneOf("top", "bottom"),
            "granularity", oneOf("day", "week", "month"),
            "format", oneOf("png", "svg"),
            "source", oneOf("rollup", "facts"),
            "type", filter("OUTPATIENT", "INPATIENT", "EMERGENCY"),
            "sort", oneOf("id,desc", "startedAt,desc"),
            "n", between(1, 100, 10),
            "top", between(1, 50, 10),
            "dpi", between(72, 600, null));

    static final List<Op> OPERATIONS = List.of(
            op("GET", "/api/v1/dashboard", "getDashboard"),
            // public only where mdms.analytics.dashboard.public-chart=true (the local demo), so declared as secured
            op("GET", "/api/v1/dashboard/chart", "getDashboardChart").binary(CHART),

            op("GET", "/api/v1/drugs/{drugId}/usage", "getDrugUsage"),
            op("GET", "/api/v1/drugs/{drugId}/usage/chart", "getDrugUsageChart").binary(CHART),
            op("GET", "/api/v1/drug-rankings", "getDrugRanking"),
            op("GET", "/api/v1/drug-rankings/chart", "getDrugRankingChart").binary(CHART),
            op("GET", "/api/v1/doctors/{doctorId}/top-drugs", "getDoctorTopDrugs"),
            op("GET", "/api/v1/doctors/{doctorId}/top-drugs/chart", "getDoctorTopDrugsChart").binary(CHART),

            op("GET", "/api/v1/departments/workload", "getDepartmentWorkload"),
            op("GET", "/api/v1/departments/workload/chart", "getDepartmentWorkloadChart").binary(CHART),
            op("GET", "/api/v1/visits/trends", "getVisitTrends"),
            op("GET", "/api/v1/visits/trends/chart", "getVisitTrendsChart").binary(CHART),

            op("GET", "/api/v1/patients/{patientId}/vital-signs/summary", "getVitalSignSummary").may(503),
            op("GET", "/api/v1/patients/{patientId}/vital-signs/summary/chart", "getVitalSignChart").binary(CHART)
                    .may(503),

            op("POST", "/api/v1/sync", "syncWarehouse").may(409, 502, 503),
            op("GET", "/api/v1/sync/status", "getSyncStatus"),
            op("POST", "/api/v1/reconciliation", "reconcileWarehouse").may(502, 503),
            op("GET", "/api/v1/reconciliation/runs", "searchReconciliationRuns"));
}
