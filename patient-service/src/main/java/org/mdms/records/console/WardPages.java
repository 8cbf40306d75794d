package org.mdms.records.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import org.mdms.records.alert.AlertDtos.Statistics;
import org.mdms.records.console.ClinicalDesk.Times;
import org.mdms.records.console.WardDesk.AlertRow;
import org.mdms.records.console.WardDesk.Department;
import org.mdms.records.console.WardDesk.WardView;

import java.util.List;

/** The live pages (templates/WardPages/*.html): the ward view and the alert inbox, kept current by server-sent events. */
@CheckedTemplate(basePath = "WardPages")
public class WardPages {

    static native TemplateInstance wards(Pages.Shell shell, List<Department> departments);

    static native TemplateInstance ward(Pages.Shell shell, Times times, WardView ward);

    static native TemplateInstance alerts(Pages.Shell shell, Times times, List<AlertRow> alerts, boolean acts,
                                          Statistics statistics, String notice);
}
