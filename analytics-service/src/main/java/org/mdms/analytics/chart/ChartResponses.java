package org.mdms.analytics.chart;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.mdms.analytics.common.AnalyticsConfig;
import org.mdms.analytics.common.Chartable;
import org.mdms.analytics.common.Params;

import java.util.Set;

/** Turns an answer into a PNG or SVG response, rendering on a worker thread (XChart and AWT block). */
@ApplicationScoped
public class ChartResponses {

    private final ChartRenderer renderer;
    private final AnalyticsConfig config;

    public ChartResponses(ChartRenderer renderer, AnalyticsConfig config) {
        this.renderer = renderer;
        this.config = config;
    }

    public Uni<Response> render(Uni<? extends Chartable> answer, String format, Integer dpi) {
        String kind = Params.oneOf("format", format, "png", Set.of("png", "svg"));
        int resolution = Params.intInRange("dpi", dpi, config.charts().defaultDpi(), 72, 600);
        return answer.emitOn(Infrastructure.getDefaultWorkerPool())
                .map(a -> "svg".equals(kind)
                        ? Response.ok(renderer.svg(a.chartSpec()), "image/svg+xml").build()
                        : Response.ok(renderer.png(a.chartSpec(), resolution), "image/png").build());
    }
}
