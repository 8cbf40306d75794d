package org.mdms.analytics.chart;

import jakarta.enterprise.context.ApplicationScoped;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.style.Styler;
import org.mdms.analytics.common.ChartSpec;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Draws a {@link ChartSpec} with XChart. PNG is drawn at dpi/72 scale and carries a pHYs chunk saying its DPI, so a
 * 300 DPI chart prints at the same size as the 72 DPI one, only sharper. Blocking: call it off the event loop.
 */
@ApplicationScoped
public class ChartRenderer {

    public static final int WIDTH = 800;
    public static final int HEIGHT = 500;

    private final CjkFont fonts;

    public ChartRenderer(CjkFont fonts) {
        this.fonts = fonts;
    }

    public CategoryChart chart(ChartSpec spec) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(spec.title())
                .xAxisTitle(spec.xTitle()).yAxisTitle(spec.yTitle()).build();
        var styler = chart.getStyler();
        styler.setChartTitleFont(fonts.font(Font.BOLD, 16f));
        styler.setLegendFont(fonts.font(Font.PLAIN, 12f));
        styler.setAxisTitleFont(fonts.font(Font.PLAIN, 13f));
        styler.setAxisTickLabelsFont(fonts.font(Font.PLAIN, 11f));
        styler.setAnnotationTextFont(fonts.font(Font.PLAIN, 10f));
        styler.setBaseFont(fonts.font(Font.PLAIN, 12f));
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setXAxisLabelRotation(spec.categories().size() > 8 ? 45 : 0);
        styler.setDefaultSeriesRenderStyle(spec.lines() ? CategorySeries.CategorySeriesRenderStyle.Line
                : CategorySeries.CategorySeriesRenderStyle.Bar);
        List<String> categories = spec.categories().isEmpty() ? List.of("无数据 no data") : spec.categories();
        for (Map.Entry<String, List<Number>> s : spec.series().entrySet()) {
            List<? extends Number> values = spec.categories().isEmpty() ? List.of(0) : s.getValue();
            chart.addSeries(s.getKey(), categories, values.stream().map(v -> (Number) v.doubleValue()).toList());
        }
        if (spec.series().isEmpty()) {
            chart.addSeries("无数据 no data", categories, List.of(0));
        }
        return chart;
    }

    public byte[] png(ChartSpec spec, int dpi) {
        CategoryChart chart = chart(spec);
        double scale = dpi / 72.0;
        BufferedImage image = new BufferedImage((int) Math.round(WIDTH * scale), (int) Math.round(HEIGHT * scale),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.scale(scale, scale);
        chart.paint(g, WIDTH, HEIGHT);
        g.dispose();
        return withDpi(image, dpi);
    }

    public byte[] svg(ChartSpec spec) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart(spec), out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PNG bytes with a pHYs chunk: pixels per metre = dpi / 0.0254. */
    static byte[] withDpi(BufferedImage image, int dpi) {
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image),
                    param);
            String ppm = Integer.toString((int) Math.round(dpi / 0.0254));
            IIOMetadataNode phys = new IIOMetadataNode("pHYs");
            phys.setAttribute("pixelsPerUnitXAxis", ppm);
            phys.setAttribute("pixelsPerUnitYAxis", ppm);
            phys.setAttribute("unitSpecifier", "meter");
            IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
            root.appendChild(phys);
            metadata.mergeTree("javax_imageio_png_1.0", root);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.write(null, new IIOImage(image, null, metadata), param);
            } finally {
                writer.dispose();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
