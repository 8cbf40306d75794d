package org.mdms.analytics.it;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mdms.local.testing.PatientServiceResource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mdms.analytics.it.Records.ANALYST;
import static org.mdms.analytics.it.Records.DOCTOR;

/** The answers as CSV, PNG charts at a chosen resolution and SVG, for records made in {@link Records}. */
@QuarkusTest
@QuarkusTestResource(value = PatientServiceResource.class, restrictToAnnotatedClass = false)
class ExportsAgainstRecordsTest {

    private static Records records;

    @BeforeEach
    void signInAndMakeRecordsOnce() {
        // here, not in @BeforeAll: RestAssured points at the application only around each test
        Records.signIn();
        if (records == null) {
            records = Records.make();
        }
    }

    @Test
    void aDrugsUseAsCsvGivesAHeaderAndTwelveMonths() {
        Records.sync();
        long drug = records.drugs.get(0);
        String csv = ANALYST.analytics().accept("text/csv").get("/api/v1/drugs/" + drug + "/usage?year="
                + records.thisMonth.getYear()).then().statusCode(200).contentType(containsString("text/csv"))
                .extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals(13, lines.size(), csv);
        assertEquals("month,drug_id,drug_code,drug_name,quantity,amount,prescriptions", lines.get(0));
        String[] cells = lines.get(records.thisMonth.getMonthValue()).split(",");
        assertEquals(records.thisMonth.toString(), cells[0]);
        assertEquals(records.usage(drug)[0].longValue(), Long.parseLong(cells[4]));
        assertEquals(records.usage(drug)[1].setScale(2), new BigDecimal(cells[5]));
    }

    @Test
    void everyAnswerAsCsvHasAsManyCellsInEachRowAsInItsHeader() {
        Records.sync();
        for (String path : List.of("/api/v1/drug-rankings", "/api/v1/departments/workload", "/api/v1/visits/trends",
                "/api/v1/dashboard", "/api/v1/patients/" + records.patientA + "/vital-signs/summary")) {
            // question 6 is a clinical read: the treating doctor asks it, the analyst the population answers
            Peer caller = path.contains("/vital-signs/") ? DOCTOR : ANALYST;
            String body = caller.analytics().accept("text/csv").get(path).then().statusCode(200).extract().asString();
            List<String> rows = body.lines().toList();
            assertTrue(rows.size() > 1, path + " has rows: " + body);
            int columns = rows.get(0).split(",").length;
            rows.forEach(r -> assertEquals(columns, r.split(",", -1).length, path + ": " + r));
        }
    }

    @Test
    void chartsArePngWithTheRequestedDpiAndDrawnContent() throws Exception {
        Records.sync();
        for (String path : List.of("/api/v1/drugs/" + records.drugs.get(0) + "/usage/chart",
                "/api/v1/drug-rankings/chart", "/api/v1/doctors/" + DOCTOR.staffId() + "/top-drugs/chart",
                "/api/v1/departments/workload/chart", "/api/v1/visits/trends/chart",
                "/api/v1/patients/" + records.patientA + "/vital-signs/summary/chart", "/api/v1/dashboard/chart")) {
            Peer caller = path.contains("/vital-signs/") ? DOCTOR : ANALYST;
            byte[] png = caller.analytics().get(path + "?format=png&dpi=150").then().statusCode(200)
                    .contentType("image/png").extract().asByteArray();
            assertEquals(5906, pixelsPerMetre(png), path);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertEquals(1667, image.getWidth(), path);
            assertEquals(1042, image.getHeight(), path);
            assertTrue(distinctColours(image) > 10, path + " has drawn content");
        }
        byte[] defaultDpi = ANALYST.analytics().get("/api/v1/dashboard/chart?format=png").then().statusCode(200)
                .extract().asByteArray();
        assertEquals(11811, pixelsPerMetre(defaultDpi), "300 DPI by default");
    }

    @Test
    void aChartAsSvgDrawsItsTextAsPaths() {
        String svg = ANALYST.analytics().get("/api/v1/drug-rankings/chart?format=svg").then().statusCode(200)
                .contentType("image/svg+xml").extract().asString();
        assertTrue(svg.contains("<svg"));
        // VectorGraphics2D draws text as outlines: the CJK title is there as glyph paths, viewable without the font
        assertTrue(svg.contains("<path d=\"M"), "text and bars drawn as vector paths");
    }

    /** The pHYs chunk's x pixels per unit (unit 1 = metre). */
    static int pixelsPerMetre(byte[] png) {
        ByteBuffer buffer = ByteBuffer.wrap(png);
        buffer.position(8);
        while (buffer.remaining() > 12) {
            int length = buffer.getInt();
            byte[] type = new byte[4];
            buffer.get(type);
            if ("pHYs".equals(new String(type, StandardCharsets.US_ASCII))) {
                int x = buffer.getInt();
                buffer.getInt();
                assertEquals(1, buffer.get(), "unit is the metre");
                return x;
            }
            buffer.position(buffer.position() + length + 4);
        }
        throw new AssertionError("no pHYs chunk");
    }

    static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
