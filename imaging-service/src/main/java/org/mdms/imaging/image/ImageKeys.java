package org.mdms.imaging.image;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Object keys as DESIGN.md fixes them. */
public final class ImageKeys {

    public static final String ORIGINALS = "originals/";
    public static final String THUMBNAILS = "thumbnails/";
    public static final String TEMP = "temp/";

    private static final Pattern ORIGINAL = Pattern.compile("^originals/\\d+/\\d{4}/\\d{2}/(\\d+)\\.[a-z]+$");
    private static final Pattern DERIVED = Pattern.compile("^thumbnails/(\\d+)-\\d+\\.jpg$");

    private ImageKeys() {
    }

    public static String original(long patientId, long imageId, Instant at, String ext) {
        ZonedDateTime utc = at.atZone(ZoneOffset.UTC);
        return String.format("originals/%d/%04d/%02d/%d.%s", patientId, utc.getYear(), utc.getMonthValue(), imageId, ext);
    }

    public static String derived(long imageId, int size) {
        return THUMBNAILS + imageId + "-" + size + ".jpg";
    }

    /** The image id a key belongs to, if it is one of ours. */
    public static OptionalLong imageIdOf(String key) {
        Matcher m = ORIGINAL.matcher(key);
        if (m.matches()) {
            return OptionalLong.of(Long.parseLong(m.group(1)));
        }
        m = DERIVED.matcher(key);
        if (m.matches()) {
            return OptionalLong.of(Long.parseLong(m.group(1)));
        }
        return OptionalLong.empty();
    }
}
