package org.mdms.analytics.chart;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.mdms.analytics.common.AnalyticsConfig;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The font charts are drawn with. Java's logical fonts have no Chinese glyphs on a bare server (they render
 * boxes), so we load a real font with both CJK and Latin glyphs (one font draws a whole label: a CJK-only fallback
 * font draws digits and Latin letters as boxes): mdms.analytics.charts.font-file if set, else the bundled
 * WenQuanYi Micro Hei (Apache 2.0, from Debian's fonts-wqy-microhei; see fonts/wqy-microhei-LICENSE.txt).
 */
@ApplicationScoped
public class CjkFont {

    private static final Logger LOG = Logger.getLogger(CjkFont.class);
    static final String BUNDLED = "/fonts/wqy-microhei.ttc";

    private final Font base;

    public CjkFont(AnalyticsConfig config) {
        System.setProperty("java.awt.headless", "true");
        this.base = load(config.charts().fontFile().orElse(null));
    }

    static Font load(String file) {
        try {
            Font font;
            // createFonts reads single fonts and collections (.ttc) alike; the first face is the proportional one
            if (file != null) {
                try (InputStream in = Files.newInputStream(Path.of(file))) {
                    font = Font.createFonts(in)[0];
                }
            } else {
                try (InputStream in = CjkFont.class.getResourceAsStream(BUNDLED)) {
                    if (in == null) {
                        throw new IllegalStateException(BUNDLED + " is missing from the classpath");
                    }
                    font = Font.createFonts(in)[0];
                }
            }
            GraphicsEnvironment.getLocalGraphicsEnvironment().registerFont(font);
            if (font.canDisplayUpTo("药品月度用量 Top drugs 2026-11 0123456789") != -1) {
                LOG.warnf("chart font %s cannot display Chinese and Latin; labels will show boxes", font.getFontName());
            }
            return font;
        } catch (IOException | FontFormatException e) {
            throw new IllegalStateException("cannot load the chart font " + (file == null ? BUNDLED : file), e);
        }
    }

    public Font font(int style, float size) {
        return base.deriveFont(style, size);
    }
}
