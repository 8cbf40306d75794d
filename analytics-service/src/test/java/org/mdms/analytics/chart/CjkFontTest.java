package org.mdms.analytics.chart;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chinese labels are drawn as glyphs, not as the "missing glyph" box (tofu). A font without a character draws the
 * same .notdef box for every such character, so: (1) the font says it can display the label, (2) two different
 * Chinese characters render to different pixels, and (3) neither renders like a character the font surely lacks
 * (a private-use code point).
 */
class CjkFontTest {

    private static final Font FONT = CjkFont.load(null).deriveFont(Font.PLAIN, 40f);

    static int[] render(Font font, String text) {
        BufferedImage image = new BufferedImage(60, 60, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 60, 60);
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
        g.setFont(font);
        g.drawString(text, 5, 45);
        g.dispose();
        return image.getRGB(0, 0, 60, 60, null, 0, 60);
    }

    static long inked(int[] pixels) {
        return Arrays.stream(pixels).filter(p -> (p & 0xFFFFFF) != 0xFFFFFF).count();
    }

    @Test
    void chineseLabelsRenderAsGlyphsNotBoxes() {
        // whole labels mix Chinese, Latin and digits: one font must draw all of them
        assertEquals(-1, FONT.canDisplayUpTo("药品月度用量 科室工作量 就诊趋势 生命体征 阿莫西林 Top drugs 2026-11 0123456789"));
        int[] missing = render(FONT, "\uE000");
        for (String ch : new String[]{"药", "品", "科", "室", "T", "d", "2", "7"}) {
            int[] glyph = render(FONT, ch);
            assertTrue(inked(glyph) > 30, ch + " draws ink");
            assertFalse(Arrays.equals(glyph, missing), ch + " is not the missing-glyph box");
        }
        assertFalse(Arrays.equals(render(FONT, "药"), render(FONT, "品")), "different characters, different pixels");
        assertFalse(Arrays.equals(render(FONT, "2"), render(FONT, "7")), "digits are glyphs too");
    }

    @Test
    void theChartPngCarriesTheRequestedDpi() {
        // the renderer writes a pHYs chunk: 300 DPI = 11811 pixels per metre
        byte[] png = ChartRenderer.withDpi(new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB), 300);
        String ascii = new String(png, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = ascii.indexOf("pHYs");
        assertTrue(at > 0);
        int ppm = java.nio.ByteBuffer.wrap(png, at + 4, 4).getInt();
        assertEquals(11811, ppm);
    }
}
