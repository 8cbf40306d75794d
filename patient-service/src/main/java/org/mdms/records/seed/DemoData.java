package org.mdms.records.seed;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.mdms.records.auth.PasswordHasher;
import org.mdms.records.seed.SeedRows.Pin;
import org.mdms.records.seed.SeedRows.Reference;
import org.mdms.records.seed.SeedRows.StaffRef;
import org.mdms.records.seed.SeedRows.StaffRow;
import org.mdms.records.seed.SeedRows.UserRow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo hospital of ./mdms run (profile local; never prod): on a database without users it creates the demo
 * accounts admin, doctor, nurse, pharmacist, technician, analyst and patient, their staff and patient records, the
 * drug catalogue and, unless mdms.demo.records=false, a year of generated records in which the demo doctor treats
 * the demo patient. Start-up waits for it, so the accounts exist once the service answers.
 */
@ApplicationScoped
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);
    static final List<String> ACCOUNTS = List.of("admin", "doctor", "nurse", "pharmacist", "technician", "analyst",
            "patient");

    private final DemoSettings settings;
    private final SeedService seeder;
    private final SeedWriter writer;

    DemoData(DemoSettings settings, SeedService seeder, SeedWriter writer) {
        this.settings = settings;
        this.seeder = seeder;
        this.writer = writer;
    }

    void onStart(@Observes StartupEvent event) {
        if (!settings.enabled()) {
            return;
        }
        if (ConfigUtils.getProfiles().contains("prod")) {
            LOG.warn("mdms.demo.enabled is ignored in the prod profile: no demo accounts are created");
            return;
        }
        long users = writer.count("user_account").await().atMost(Duration.ofMinutes(1));
        if (users > 0) {
            LOG.infof("demo data: the database already has %d users, nothing to create", users);
            return;
        }
        SeedPlan plan = settings.records()
                ? new SeedPlan(settings.patients(), settings.visitsPerPatient(), 1, 3, 1, 2, settings.seed(),
                SeedPlan.SeedLocale.ZH_CN, settings.historyDays(), SeedPlan.defaultAnchor())
                : new SeedPlan(1, 0, 0, 1, 0, 0, settings.seed(), SeedPlan.SeedLocale.ZH_CN, 1,
                SeedPlan.defaultAnchor());
        String hash = PasswordHasher.hashNow(settings.password());
        List<String> lines = seeder.run(plan, reference -> accounts(reference, hash))
                .collect().asList()
                .await().atMost(Duration.ofMinutes(10));
        if (lines.get(lines.size() - 1).startsWith("ERROR")) {
            throw new IllegalStateException("demo data could not be created: " + lines.get(lines.size() - 1));
        }
        LOG.infof("demo logins (password %s): %s", settings.password(), String.join(", ", ACCOUNTS));
    }

    /** The demo accounts; staff in the hospital just generated, the patient account pinned to the first patient. */
    private Uni<Pin> accounts(Reference reference, String hash) {
        Instant now = Instant.now();
        return writer.reserveIds("user_account", ACCOUNTS.size()).chain(userId ->
                writer.reserveIds("staff", 4).chain(staffId -> {
                    long internal = SeedService.department(reference, "INT").id();
                    long pharmacy = SeedService.department(reference, "PHAR").id();
                    long laboratory = SeedService.department(reference, "LAB").id();
                    List<UserRow> users = new ArrayList<>();
                    String[][] who = {{"admin", "ADMIN", "系统管理员"}, {"doctor", "DOCTOR", "张建国"},
                            {"nurse", "NURSE", "李秀英"}, {"pharmacist", "PHARMACIST", "王芳"},
                            {"technician", "TECHNICIAN", "赵磊"}, {"analyst", "ANALYST", "数据分析员"},
                            {"patient", "PATIENT", "示范患者"}};
                    for (int i = 0; i < who.length; i++) {
                        users.add(new UserRow(userId + i, who[i][0], who[i][1], who[i][2]));
                    }
                    List<StaffRow> staff = List.of(
                            new StaffRow(staffId, userId + 1, internal, "DEMO-D1", "张建国", "DOCTOR", "主任医师",
                                    "13800000001", "doctor@demo.mdms.example.cn"),
                            new StaffRow(staffId + 1, userId + 2, internal, "DEMO-N1", "李秀英", "NURSE", "主管护师",
                                    "13800000002", "nurse@demo.mdms.example.cn"),
                            new StaffRow(staffId + 2, userId + 3, pharmacy, "DEMO-P1", "王芳", "PHARMACIST", "主管药师",
                                    "13800000003", "pharmacist@demo.mdms.example.cn"),
                            new StaffRow(staffId + 3, userId + 4, laboratory, "DEMO-T1", "赵磊", "TECHNICIAN", "主管技师",
                                    "13800000004", "technician@demo.mdms.example.cn"));
                    return writer.execute(writer.hospital(null, List.of(), users, staff, hash, now))
                            .map(v -> new Pin(userId + 6, new StaffRef(staffId, internal),
                                    new StaffRef(staffId + 3, laboratory), new StaffRef(staffId + 2, pharmacy)));
                }));
    }
}
