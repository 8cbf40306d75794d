package org.mdms.records.seed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The generator's vocabulary (departments, diagnoses with ICD-10 codes, laboratory items, titles, name characters),
 * read once from the tab-separated files under seed/ on the class path. Each file starts with '#' comment lines,
 * then a header naming its columns; the order of the rows matters (draws are by index, so a plan's data stays the
 * same).
 */
final class ReferenceData {

    enum DepartmentKind { CLINICAL, TECHNICAL, PHARMACY }

    /** A department of a generated hospital; clinical ones get doctors, nurses and visits. */
    record Department(String code, String nameZh, String nameEn, DepartmentKind kind) {
    }

    record Diagnosis(String departmentCode, String icd10, String nameZh, String nameEn, String complaintZh,
                     String complaintEn) {
    }

    /** A numeric laboratory result; low and high as written (they also form the printed reference range). */
    record LabItem(String nameZh, String nameEn, String unit, String low, String high, int decimals) {
    }

    /** An examination reported in words. */
    record ReportItem(String nameZh, String nameEn, String normalZh, String normalEn, String abnormalZh,
                      String abnormalEn) {
    }

    record Frequency(String code, String zh, String en, int timesPerDay) {
    }

    record BloodType(String type, int percent) {
    }

    /** A term in both languages. */
    record Term(String zh, String en) {

        String in(boolean chinese) {
            return chinese ? zh : en;
        }
    }

    static final List<Department> DEPARTMENTS = read("departments.tsv", 4, f -> new Department(f[0], f[1], f[2],
            DepartmentKind.valueOf(f[3])));
    static final List<Diagnosis> DIAGNOSES = read("diagnoses.tsv", 6, f -> new Diagnosis(f[0], f[1], f[2], f[3],
            f[4], f[5]));
    static final List<LabItem> LAB_ITEMS = read("lab-items.tsv", 6, f -> new LabItem(f[0], f[1], f[2], f[3], f[4],
            Integer.parseInt(f[5])));
    static final List<ReportItem> REPORT_ITEMS = read("report-items.tsv", 6, f -> new ReportItem(f[0], f[1], f[2],
            f[3], f[4], f[5]));
    static final List<Term> ALLERGIES = read("allergies.tsv", 2, f -> new Term(f[0], f[1]));
    static final List<Term> CANCEL_REASONS = read("cancel-reasons.tsv", 2, f -> new Term(f[0], f[1]));
    static final List<Frequency> FREQUENCIES = read("frequencies.tsv", 4, f -> new Frequency(f[0], f[1], f[2],
            Integer.parseInt(f[3])));
    static final List<BloodType> BLOOD_TYPES = read("blood-types.tsv", 2, f -> new BloodType(f[0],
            Integer.parseInt(f[1])));
    static final List<String> AREA_CODES = read("area-codes.tsv", 1, f -> f[0]);
    static final List<String> MOBILE_PREFIXES = read("mobile-prefixes.tsv", 1, f -> f[0]);
    /** Staff kind (DOCTOR, NURSE, PHARMACIST, TECHNICIAN) to its titles, in file order. */
    static final Map<String, List<Term>> TITLES = read("staff-titles.tsv", 3, f -> f).stream()
            .collect(Collectors.groupingBy(f -> f[0], Collectors.mapping(f -> new Term(f[1], f[2]),
                    Collectors.toList())));
    /** FEMALE / MALE to the characters Chinese given names are made of. */
    static final Map<String, List<String>> GIVEN_NAME_CHARACTERS = read("given-name-characters.tsv", 2, f -> f)
            .stream().collect(Collectors.toMap(f -> f[0], f -> Arrays.asList(f[1].split(""))));

    private ReferenceData() {
    }

    private static <T> List<T> read(String file, int columns, Function<String[], T> row) {
        String resource = "seed/" + file;
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource);
        if (in == null) {
            in = ReferenceData.class.getClassLoader().getResourceAsStream(resource);
        }
        if (in == null) {
            throw new IllegalStateException(resource + " is missing from the class path");
        }
        List<T> rows = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            boolean header = true;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (fields.length != columns) {
                    throw new IllegalStateException(resource + ": " + columns + " columns expected in " + line);
                }
                rows.add(row.apply(fields));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException(resource + " has no rows");
        }
        return List.copyOf(rows);
    }
}
