package org.mdms.records.seed;

import org.mdms.records.seed.SeedRows.DrugRow;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The drug catalogue the demo and the generator use: 60 common drugs from seed/drugs-zh.csv. */
final class DrugCatalogue {

    static final String RESOURCE = "seed/drugs-zh.csv";

    // well-known Chinese manufacturers, assigned round-robin so every catalogue load gives the same answer
    private static final String[] MANUFACTURERS = {"华北制药股份有限公司", "石药集团有限公司", "扬子江药业集团有限公司",
            "齐鲁制药有限公司", "上海医药集团股份有限公司", "华润双鹤药业股份有限公司", "广州白云山医药集团股份有限公司",
            "江苏恒瑞医药股份有限公司", "浙江海正药业股份有限公司", "哈药集团制药总厂"};

    private DrugCatalogue() {
    }

    /** The catalogue's rows (id 0: ids are given when they are inserted). */
    static List<DrugRow> load() {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            in = DrugCatalogue.class.getClassLoader().getResourceAsStream(RESOURCE);
        }
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the classpath");
        }
        List<DrugRow> drugs = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = lines.readLine();
            if (header == null || !header.startsWith("code,")) {
                throw new IllegalStateException(RESOURCE + " has no header line");
            }
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                // code,name_zh,generic_name_en,category,dosage_form,strength,unit,price_cny (no quoted commas)
                String[] f = line.split(",", -1);
                if (f.length != 8) {
                    throw new IllegalStateException(RESOURCE + ": bad line " + line);
                }
                drugs.add(new DrugRow(0, f[0].strip(), f[1].strip(), f[2].strip(), f[3].strip(), f[4].strip(),
                        f[5].strip(), f[6].strip(), new BigDecimal(f[7].strip()).setScale(2),
                        MANUFACTURERS[drugs.size() % MANUFACTURERS.length]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return drugs;
    }
}
