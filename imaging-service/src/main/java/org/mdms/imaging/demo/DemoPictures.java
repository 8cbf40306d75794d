package org.mdms.imaging.demo;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Generated stand-ins for real clinical pictures (drawn with Java2D), so a demo has something to look at. */
public final class DemoPictures {

    private DemoPictures() {
    }

    /** A 12-lead-style ECG strip on grid paper. */
    public static BufferedImage ecg(long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(1600, 600, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = start(image, new Color(255, 246, 246));
        g.setColor(new Color(245, 190, 190));
        for (int x = 0; x < image.getWidth(); x += 20) {
            g.setStroke(new BasicStroke(x % 100 == 0 ? 1.6f : 0.6f));
            g.drawLine(x, 0, x, image.getHeight());
        }
        for (int y = 0; y < image.getHeight(); y += 20) {
            g.setStroke(new BasicStroke(y % 100 == 0 ? 1.6f : 0.6f));
            g.drawLine(0, y, image.getWidth(), y);
        }
        int rate = 60 + random.nextInt(40);
        int beat = 60 * 1600 / (rate * 8);
        for (int lead = 0; lead < 3; lead++) {
            int base = 130 + lead * 170;
            Path2D trace = new Path2D.Double();
            trace.moveTo(0, base);
            for (int x = 0; x < image.getWidth(); x++) {
                int t = x % beat;
                double y = base + random.nextGaussian() * 0.8;
                if (t > 20 && t < 40) {
                    y -= 12 * Math.sin((t - 20) * Math.PI / 20); // P wave
                } else if (t >= 50 && t < 54) {
                    y += 15;                                      // Q
                } else if (t >= 54 && t < 60) {
                    y -= 110 - lead * 20;                         // R
                } else if (t >= 60 && t < 65) {
                    y += 30;                                      // S
                } else if (t > 85 && t < 125) {
                    y -= 25 * Math.sin((t - 85) * Math.PI / 40); // T wave
                }
                trace.lineTo(x, y);
            }
            g.setColor(new Color(20, 20, 20));
            g.setStroke(new BasicStroke(2f));
            g.draw(trace);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
            g.drawString(new String[] {"I", "II", "V5"}[lead], 12, base - 60);
        }
        g.drawString("MDMS demo ECG  " + rate + " bpm  25 mm/s  10 mm/mV", 20, 585);
        g.dispose();
        return image;
    }

    /** A chest radiograph look-alike: dark field, lungs, spine and ribs. */
    public static BufferedImage xray(long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(1200, 1400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = start(image, Color.BLACK);
        g.setPaint(new RadialGradientPaint(600, 700, 700, new float[] {0f, 1f},
                new Color[] {new Color(90, 90, 90), new Color(10, 10, 10)}));
        g.fillRect(0, 0, 1200, 1400);
        g.setColor(new Color(35, 35, 35));
        g.fill(new Ellipse2D.Double(220, 300, 330, 800));
        g.fill(new Ellipse2D.Double(650, 300, 330, 800));
        g.setColor(new Color(200, 200, 200));
        g.fillRoundRect(570, 150, 60, 1200, 30, 30);
        g.setStroke(new BasicStroke(14f));
        for (int i = 0; i < 9; i++) {
            int y = 330 + i * 85 + random.nextInt(8);
            g.setColor(new Color(170, 170, 170, 200));
            g.drawArc(200, y, 400, 160, 20, 140);
            g.drawArc(600, y, 400, 160, 20, 140);
        }
        g.setColor(new Color(220, 220, 220, 140));
        g.fill(new Ellipse2D.Double(560 + random.nextInt(30), 780, 260, 300));
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.MONOSPACED, Font.BOLD, 36));
        g.drawString("R", 60, 90);
        g.drawString("MDMS DEMO  PA CHEST", 60, 1360);
        g.dispose();
        return image;
    }

    /** A printed lab sheet with a small results table. */
    public static BufferedImage labSheet(long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(1240, 1754, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = start(image, Color.WHITE);
        g.setPaint(new GradientPaint(0, 0, new Color(30, 90, 160), 1240, 0, new Color(60, 150, 200)));
        g.fillRect(0, 0, 1240, 140);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 48));
        g.drawString("MDMS Demo Hospital - Laboratory", 60, 90);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 30));
        String[][] rows = {
                {"WBC", "10^9/L", "3.5-9.5"}, {"RBC", "10^12/L", "4.3-5.8"}, {"HGB", "g/L", "130-175"},
                {"PLT", "10^9/L", "125-350"}, {"GLU", "mmol/L", "3.9-6.1"}, {"CRE", "umol/L", "57-97"}};
        double[][] ranges = {{3.5, 9.5}, {4.3, 5.8}, {130, 175}, {125, 350}, {3.9, 6.1}, {57, 97}};
        int y = 260;
        g.drawString("Test        Result      Unit        Reference", 80, y);
        g.drawLine(80, y + 15, 1160, y + 15);
        for (int i = 0; i < rows.length; i++) {
            y += 70;
            double low = ranges[i][0];
            double high = ranges[i][1];
            double value = low + (high - low) * (random.nextDouble() * 1.3 - 0.1);
            boolean abnormal = value < low || value > high;
            g.setColor(abnormal ? new Color(190, 30, 30) : Color.DARK_GRAY);
            g.drawString(String.format("%-11s %-11.1f %-11s %s%s", rows[i][0], value, rows[i][1], rows[i][2],
                    abnormal ? "  *" : ""), 80, y);
        }
        g.setColor(Color.GRAY);
        g.drawString("Generated demo document - not a real result", 80, 1650);
        g.dispose();
        return image;
    }

    public static Path writeJpeg(BufferedImage image) throws IOException {
        Path file = Files.createTempFile("mdms-demo-", ".jpg");
        ImageIO.write(image, "jpg", file.toFile());
        return file;
    }

    private static Graphics2D start(BufferedImage image, Color background) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(background);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        return g;
    }
}
