package org.mdms.imaging.dicom;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the reader found in one Part 10 file: the transfer syntax, the attributes of {@link DicomTag} as text (numbers
 * of US elements as decimal text; multi-valued text keeps DICOM's backslash), and, when asked for, the bytes of
 * frame 1 (native pixels, or the frame's fragments for an encapsulated syntax); {@code frame} is null otherwise.
 */
public record DicomInstance(String transferSyntaxUid, Map<DicomTag, String> values, boolean encapsulated,
                            byte[] frame) {

    public String get(DicomTag tag) {
        return values.get(tag);
    }

    public Integer integer(DicomTag tag) {
        String v = first(tag);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public Double decimal(DicomTag tag) {
        String v = first(tag);
        if (v == null) {
            return null;
        }
        try {
            return Double.valueOf(v.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The first value of a multi-valued attribute (window centre "40\400" → "40"). */
    public String first(DicomTag tag) {
        String v = values.get(tag);
        if (v == null) {
            return null;
        }
        int cut = v.indexOf('\\');
        return cut < 0 ? v : v.substring(0, cut);
    }

    public int frames() {
        Integer n = integer(DicomTag.NUMBER_OF_FRAMES);
        return n == null || n < 1 ? 1 : n;
    }

    /** The attributes read as DICOM JSON (PS3.18 F.2), the transfer syntax included as (0002,0010). */
    public Map<String, Object> dicomJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("00020010", Map.of("vr", "UI", "Value", List.of(transferSyntaxUid)));
        Map<DicomTag, String> sorted = new EnumMap<>(values);
        sorted.entrySet().stream().sorted(Map.Entry.comparingByKey((a, b) -> Integer.compareUnsigned(a.tag(), b.tag())))
                .forEach(e -> json.put(e.getKey().jsonKey(), attribute(e.getKey(), e.getValue())));
        return json;
    }

    private static Map<String, Object> attribute(DicomTag tag, String text) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("vr", tag.vr());
        if (text == null || text.isEmpty()) {
            return a;
        }
        List<Object> values = java.util.Arrays.stream(text.split("\\\\", -1)).map(v -> switch (tag.vr()) {
            case "PN" -> (Object) Map.of("Alphabetic", v);
            case "US", "IS" -> parseOr(v, Long::valueOf);
            case "DS" -> parseOr(v, Double::valueOf);
            default -> v;
        }).toList();
        a.put("Value", values);
        return a;
    }

    private static Object parseOr(String v, java.util.function.Function<String, Object> parse) {
        try {
            return parse.apply(v.trim());
        } catch (NumberFormatException e) {
            return v;
        }
    }
}
