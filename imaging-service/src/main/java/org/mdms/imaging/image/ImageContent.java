package org.mdms.imaging.image;

import io.minio.GetObjectResponse;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.imaging.config.ImagingConfig;
import org.mdms.imaging.error.ErrorMapper;
import org.mdms.common.DomainException;
import org.mdms.imaging.error.Problem;
import org.mdms.imaging.image.ImageDtos.PresignedUrl;
import org.mdms.imaging.patient.Caller;
import org.mdms.imaging.storage.ObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Streams an image's bytes (original with Range support, preview, thumbnail) and hands out presigned URLs. */
@ApplicationScoped
public class ImageContent {

    private static final Pattern SINGLE_RANGE = Pattern.compile("^bytes=(\\d*)-(\\d*)$");
    private static final int CHUNK = 64 * 1024;

    public enum Variant {
        ORIGINAL("DOWNLOAD"), PREVIEW("PREVIEW"), THUMBNAIL("THUMBNAIL");

        final String auditAction;

        Variant(String auditAction) {
            this.auditAction = auditAction;
        }

        /** The bucket key of this variant of an image. */
        String key(Image image) {
            return switch (this) {
                case ORIGINAL -> image.getObjectKey();
                case PREVIEW -> image.getPreviewKey();
                case THUMBNAIL -> image.getThumbnailKey();
            };
        }

        /** A preview or thumbnail the async worker has not made yet (PENDING) or could not make (FAILED). */
        boolean notRendered(Image image) {
            return this != ORIGINAL && image.getThumbnailStatus() != null
                    && image.getThumbnailStatus() != ThumbnailStatus.READY;
        }
    }

    /** What goes back to the client: status, headers and (unless 304/416) the object being streamed. */
    public record Download(int status, Map<String, List<String>> headers, GetObjectResponse body, byte[] inline) {

        Download(int status, Map<String, List<String>> headers, GetObjectResponse body) {
            this(status, headers, body, null);
        }

        public Multi<byte[]> chunks() {
            if (inline != null) {
                return Multi.createFrom().item(inline);
            }
            return body == null ? Multi.createFrom().empty() : ImageContent.chunks(body);
        }

        /** A failure before streaming started, as problem+json. */
        public static Download problem(Throwable failure, String path) {
            DomainException p = failure instanceof DomainException pe ? pe
                    : new DomainException(500, "Internal Server Error", "an unexpected error occurred; it has been logged");
            if (!(failure instanceof DomainException)) {
                org.jboss.logging.Logger.getLogger(ImageContent.class).error("download failed", failure);
            }
            Problem body = new Problem("about:blank", p.title(), p.status(), p.getMessage(), path,
                    p.errors().isEmpty() ? null : p.errors());
            byte[] json;
            try {
                json = JSON.writeValueAsBytes(body);
            } catch (Exception e) {
                json = ("{\"status\":" + p.status() + "}").getBytes(StandardCharsets.UTF_8);
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            headers.put("Content-Type", List.of(ErrorMapper.PROBLEM_JSON));
            headers.put("Content-Length", List.of(Integer.toString(json.length)));
            return new Download(p.status(), headers, null, json);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper()
            .findAndRegisterModules();

    private final ImageAccess access;
    private final ObjectStore store;
    private final ImagingConfig config;

    ImageContent(ImageAccess access, ObjectStore store, ImagingConfig config) {
        this.access = access;
        this.store = store;
        this.config = config;
    }

    public Uni<Download> open(Caller caller, long id, Variant variant, String range, String ifNoneMatch) {
        return access.visible(caller, id, variant.auditAction, false).chain(image -> {
            String key = variant.key(image);
            String etag = "\"" + image.getSha256() + (variant == Variant.ORIGINAL ? "" : "-" + variant.name().toLowerCase()) + "\"";
            Map<String, List<String>> headers = new LinkedHashMap<>();
            headers.put("ETag", List.of(etag));
            headers.put("Cache-Control", List.of("private, max-age=300"));
            if (ifNoneMatch != null && Arrays.stream(ifNoneMatch.split(",")).map(String::trim)
                    .anyMatch(tag -> tag.equals(etag) || tag.equals("*"))) {
                return Uni.createFrom().item(new Download(304, headers, null));
            }
            if (variant.notRendered(image)) {
                return Uni.createFrom().item(notRendered(image, variant));
            }
            String contentType = variant == Variant.ORIGINAL ? image.getContentType() : "image/jpeg";
            headers.put("Content-Type", List.of(contentType));
            if (variant != Variant.ORIGINAL) {
                return store.open(key, null, null).map(object -> {
                    GetObjectResponse body = object.orElseThrow(() -> missing(id));
                    String length = body.headers().get("Content-Length");
                    if (length != null) {
                        headers.put("Content-Length", List.of(length));
                    }
                    return new Download(200, headers, body);
                });
            }
            headers.put("Accept-Ranges", List.of("bytes"));
            headers.put("Content-Disposition", List.of("inline; filename*=UTF-8''"
                    + URLEncoder.encode(image.getOriginalFilename(), StandardCharsets.UTF_8).replace("+", "%20")));
            long size = image.getSizeBytes();
            long[] span = range == null ? null : parseRange(range, size);
            if (span != null && span.length == 0) {
                headers.remove("Content-Type");
                headers.put("Content-Range", List.of("bytes */" + size));
                return Uni.createFrom().item(new Download(416, headers, null));
            }
            Long offset = span == null ? null : span[0];
            Long length = span == null ? null : span[1] - span[0] + 1;
            return store.open(key, offset, length).map(object -> {
                GetObjectResponse body = object.orElseThrow(() -> missing(id));
                if (span == null) {
                    headers.put("Content-Length", List.of(Long.toString(size)));
                    return new Download(200, headers, body);
                }
                headers.put("Content-Length", List.of(Long.toString(length)));
                headers.put("Content-Range", List.of("bytes " + span[0] + "-" + span[1] + "/" + size));
                return new Download(206, headers, body);
            });
        });
    }

    /**
     * Async thumbnails not there (yet): 409 problem+json; while PENDING with Retry-After (seconds), since the worker
     * usually finishes within a few seconds; FAILED without, as waiting will not help.
     */
    static Download notRendered(Image image, Variant variant) {
        String path = "/api/v1/images/" + image.getId() + "/" + variant.name().toLowerCase();
        if (image.getThumbnailStatus() == ThumbnailStatus.PENDING) {
            Download d = Download.problem(new DomainException(409, "Not ready yet", "the "
                    + variant.name().toLowerCase() + " of image " + image.getId()
                    + " is still being rendered (thumbnailStatus PENDING); retry after a few seconds"), path);
            d.headers().put("Retry-After", List.of("2"));
            return d;
        }
        return Download.problem(new DomainException(409, "No " + variant.name().toLowerCase(), "image " + image.getId()
                + " has no " + variant.name().toLowerCase() + ": its pixels could not be decoded ("
                + image.getThumbnailError() + "); the original is stored as uploaded"), path);
    }

    public Uni<PresignedUrl> presign(Caller caller, long id, Variant variant) {
        return access.visible(caller, id, "PRESIGN", false).chain(image -> {
            if (variant.notRendered(image)) {
                return Uni.createFrom().failure(DomainException.conflict(null, "the " + variant.name().toLowerCase()
                        + " of image " + id + " is not available (thumbnailStatus " + image.getThumbnailStatus()
                        + "); PENDING ones are ready within seconds"));
            }
            String key = variant.key(image);
            Instant expires = Instant.now().plus(config.images().presignExpiry());
            return store.presign(key, config.images().presignExpiry())
                    .map(url -> new PresignedUrl(url, variant.name(), expires));
        });
    }

    /**
     * One byte range {first, last} (inclusive), null to send everything (no header, several ranges, or a header
     * we do not understand, which RFC 9110 lets us ignore), or an empty array when unsatisfiable (416).
     */
    static long[] parseRange(String header, long size) {
        Matcher m = SINGLE_RANGE.matcher(header.trim());
        if (!m.matches()) {
            return null;
        }
        String first = m.group(1);
        String last = m.group(2);
        if (first.isEmpty() && last.isEmpty()) {
            return null;
        }
        try {
            long start;
            long end;
            if (first.isEmpty()) {
                long suffix = Long.parseLong(last);
                if (suffix == 0) {
                    return new long[0];
                }
                start = Math.max(0, size - suffix);
                end = size - 1;
            } else {
                start = Long.parseLong(first);
                end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
            }
            if (start >= size || end < start) {
                return new long[0];
            }
            return new long[] {start, end};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static DomainException missing(long id) {
        return new DomainException(502, "Object missing", "the stored bytes of image " + id
                + " are missing from object storage; an administrator has to reconcile it");
    }

    /** Reads the object in 64 KB chunks on worker threads, as fast as the client takes them. */
    static Multi<byte[]> chunks(InputStream in) {
        return Multi.createBy().repeating()
                .uni(() -> Uni.createFrom().item(() -> read(in)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .until(chunk -> chunk.length == 0)
                .onTermination().invoke(() -> close(in));
    }

    private static byte[] read(InputStream in) {
        try {
            byte[] buffer = in.readNBytes(CHUNK);
            return buffer;
        } catch (IOException e) {
            throw new IllegalStateException("object storage stream broke: " + e.getMessage(), e);
        }
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the connection is released either way
        }
    }
}
