package org.mdms.imaging.maintenance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.mdms.common.PageRequest;
import org.mdms.imaging.support.PageView;
import org.mdms.imaging.support.SqlIds;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The maintenance_report table: every job's report, and the thumbnailer's FAILED renders, are logged and stored
 * here so admins can read what was found. Depends on nothing else in the service, so anyone may file a report.
 */
@ApplicationScoped
public class MaintenanceReportQueries {

    private static final Logger LOG = Logger.getLogger(MaintenanceReportQueries.class);

    private final Pool pool;
    private final ObjectMapper json;

    MaintenanceReportQueries(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** Logs and stores a job's report; answers it with the id it was stored under. */
    public Uni<JobReport> save(JobReport report) {
        if (report.problems() > 0) {
            LOG.warnf("%s: %d problem(s) among %d examined: %s", report.job(), report.problems(), report.examined(),
                    report.findings().size() > 20 ? report.findings().subList(0, 20) + " ..." : report.findings());
        } else {
            LOG.infof("%s: %d examined, no problems", report.job(), report.examined());
        }
        String detail;
        try {
            detail = json.writeValueAsString(report.findings());
        } catch (JsonProcessingException e) {
            detail = "[]";
        }
        return pool.preparedQuery("INSERT INTO maintenance_report (job, started_at, finished_at, examined, problems, detail) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")
                .execute(Tuple.tuple(List.of(report.job(), LocalDateTime.ofInstant(report.startedAt(), ZoneOffset.UTC),
                        LocalDateTime.ofInstant(report.finishedAt(), ZoneOffset.UTC), report.examined(),
                        report.problems(), detail)))
                .map(rows -> new JobReport(SqlIds.lastInsertedId(rows), report.job(),
                        report.startedAt(), report.finishedAt(), report.examined(), report.problems(),
                        report.findings()));
    }

    /** One page of reports, of one job or all, ordered by id as the page's sort says. */
    public Uni<PageView<JobReport>> page(String job, PageRequest page) {
        String where = job == null || job.isBlank() ? "" : " WHERE job = ?";
        Tuple args = job == null || job.isBlank() ? Tuple.tuple() : Tuple.of(job.toUpperCase());
        String order = page.sort().getColumns().get(0).getDirection().name().startsWith("Desc") ? "DESC" : "ASC";
        return pool.preparedQuery("SELECT COUNT(*) AS n FROM maintenance_report" + where).execute(args)
                .map(rows -> rows.iterator().next().getLong("n"))
                .chain(total -> pool.preparedQuery("SELECT * FROM maintenance_report" + where + " ORDER BY id " + order
                                + " LIMIT " + page.size() + " OFFSET " + ((long) page.page() * page.size()))
                        .execute(args)
                        .map(rows -> PageView.of(toReports(rows), page, total)));
    }

    private List<JobReport> toReports(RowSet<Row> rows) {
        List<JobReport> reports = new ArrayList<>();
        for (Row row : rows) {
            List<Finding> findings;
            try {
                findings = json.readValue(row.getString("detail"), new TypeReference<List<Finding>>() {
                });
            } catch (JsonProcessingException e) {
                findings = List.of();
            }
            reports.add(new JobReport(row.getLong("id"), row.getString("job"),
                    row.getLocalDateTime("started_at").toInstant(ZoneOffset.UTC),
                    row.getLocalDateTime("finished_at").toInstant(ZoneOffset.UTC), row.getInteger("examined"),
                    row.getInteger("problems"), findings));
        }
        return reports;
    }
}
