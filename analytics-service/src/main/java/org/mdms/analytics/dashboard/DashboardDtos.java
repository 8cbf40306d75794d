package org.mdms.analytics.dashboard;

import org.mdms.analytics.common.ChartSpec;
import org.mdms.analytics.common.Chartable;
import org.mdms.analytics.common.Tabular;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** Question 7: the dashboard summary. */
public final class DashboardDtos {

    private DashboardDtos() {
    }

    public record TopDrug(long drugId, String drugCode, String drugName, long quantity, BigDecimal amount) {
    }

    public record Dashboard(String date, long visits, long prescriptions, BigDecimal revenue, long vitalMeasurements,
                            long abnormalVitals, String topDrugsFrom, String topDrugsTo, List<TopDrug> topDrugs)
            implements Tabular, Chartable {
        @Override
        public List<String> csvHeader() {
            return List.of("metric", "value");
        }

        @Override
        public List<List<Object>> csvRows() {
            List<List<Object>> rows = new ArrayList<>();
            rows.add(List.of("date", date));
            rows.add(List.of("visits", visits));
            rows.add(List.of("prescriptions", prescriptions));
            rows.add(List.of("revenue", revenue));
            rows.add(List.of("vital_measurements", vitalMeasurements));
            rows.add(List.of("abnormal_vitals", abnormalVitals));
            for (int i = 0; i < topDrugs.size(); i++) {
                rows.add(List.of("top_drug_" + (i + 1), topDrugs.get(i).drugName() + " (" + topDrugs.get(i).quantity()
                        + ")"));
            }
            return rows;
        }

        @Override
        public ChartSpec chartSpec() {
            LinkedHashMap<String, List<Number>> series = new LinkedHashMap<>();
            series.put("数量 quantity", topDrugs.stream().map(d -> (Number) d.quantity()).toList());
            return new ChartSpec("常用药品 Top drugs " + topDrugsFrom + "~" + topDrugsTo + "  今日 " + date + ": 就诊 "
                    + visits + " / 处方 " + prescriptions + " / 异常体征 " + abnormalVitals, "药品 drug",
                    "数量 quantity", topDrugs.stream().map(TopDrug::drugName).toList(), series, false);
        }
    }
}
