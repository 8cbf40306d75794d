package org.mdms.analytics.console;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.analytics.warehouse.Sql;

import java.util.ArrayList;
import java.util.List;

/** The choices of the dashboard's department, drug and doctor pickers, from the warehouse's dimensions. */
@ApplicationScoped
public class PickerQueries {

    /** Enough for the hospital's catalogue; a picker is not a search. */
    static final int LIMIT = 2000;

    private static final String DEPARTMENTS = "SELECT id, name FROM dim_department ORDER BY name, id LIMIT " + LIMIT;
    private static final String DRUGS = "SELECT id, name FROM dim_drug ORDER BY name, id LIMIT " + LIMIT;
    private static final String DOCTORS = "SELECT id, name FROM dim_staff WHERE kind = 'DOCTOR' ORDER BY name, id LIMIT "
            + LIMIT;

    public record Choice(long id, String name) {
    }

    public record Choices(List<Choice> departments, List<Choice> drugs, List<Choice> doctors) {
    }

    private final Pool pool;

    public PickerQueries(Pool pool) {
        this.pool = pool;
    }

    public Uni<Choices> choices() {
        return Uni.combine().all().unis(list(DEPARTMENTS), list(DRUGS), list(DOCTORS)).asTuple()
                .map(all -> new Choices(all.getItem1(), all.getItem2(), all.getItem3()));
    }

    private Uni<List<Choice>> list(String sql) {
        return Sql.query(pool, sql).map(rows -> {
            List<Choice> choices = new ArrayList<>();
            for (Row row : rows) {
                choices.add(new Choice(row.getLong("id"), row.getString("name")));
            }
            return choices;
        });
    }
}
