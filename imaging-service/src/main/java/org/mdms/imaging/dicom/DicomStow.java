package org.mdms.imaging.dicom;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.mdms.common.DomainException;
import org.mdms.imaging.dicom.DicomDtos.StowInstance;
import org.mdms.imaging.dicom.DicomDtos.StowResult;
import org.mdms.imaging.patient.Caller;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * STOW-RS (PS3.18 10.5): many Part 10 files in one {@code multipart/related; type="application/dicom"} body. Each
 * part goes through the same receive and ingest as a single upload (same matching, duplicate and conflict rules);
 * a refused part does not stop the others, and the answer lists every part's outcome.
 */
@ApplicationScoped
public class DicomStow {

    private static final Logger LOG = Logger.getLogger(DicomStow.class);

    private final DicomReceiver receiver;
    private final DicomIngest ingest;

    DicomStow(DicomReceiver receiver, DicomIngest ingest) {
        this.receiver = receiver;
        this.ingest = ingest;
    }

    /** The request's media type must be multipart/related of application/dicom parts; its boundary. */
    static String boundaryOf(String contentType) {
        String lower = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("multipart/related")) {
            throw new DomainException(415, "Unsupported Media Type", "Content-Type: send multipart/related; "
                    + "type=\"application/dicom\"; boundary=...", List.of(new DomainException.FieldError(
                    "Content-Type", "must be multipart/related")), null);
        }
        String type = parameter(contentType, "type");
        if (type != null && !type.equalsIgnoreCase(DicomResource.APPLICATION_DICOM)) {
            throw new DomainException(415, "Unsupported Media Type", "Content-Type: type=\"" + type + "\" is not "
                    + "stored; this endpoint takes type=\"application/dicom\" (Part 10 files)",
                    List.of(new DomainException.FieldError("Content-Type", "type must be application/dicom")), null);
        }
        return MultipartRelated.boundary(contentType);
    }

    private static String parameter(String contentType, String name) {
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith(name + "=")) {
                String v = p.substring(name.length() + 1).trim();
                return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
            }
        }
        return null;
    }

    /**
     * Blocking (worker thread): reads the parts one after the other, each into its own buffer (memory, or a
     * temporary file past the memory limit), then ingests them in order. A part that cannot be read is REFUSED
     * with its reason; a body that is not multipart at all is a 400 for the whole request.
     */
    public Uni<StowResult> store(Caller caller, InputStream body, String contentType) {
        MultipartRelated parts = new MultipartRelated(body, boundaryOf(contentType));
        List<Object> received = new ArrayList<>();
        try {
            for (MultipartRelated.Part part = parts.next(); part != null; part = parts.next()) {
                received.add(receive(part));
            }
        } catch (IOException e) {
            discard(received);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            discard(received);
            throw e;
        }
        if (received.isEmpty()) {
            throw DomainException.invalid("body", "the multipart/related body has no parts");
        }
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < received.size(); i++) {
            numbers.add(i);
        }
        return Multi.createFrom().iterable(numbers)
                .onItem().transformToUniAndConcatenate(i -> outcome(caller, i + 1, received.get(i)))
                .collect().asList()
                .eventually(() -> discard(received))
                .map(DicomStow::summary);
    }

    /** A part as received, or the refusal it earned (a StowInstance). */
    private Object receive(MultipartRelated.Part part) {
        String type = part.contentType().toLowerCase(Locale.ROOT);
        if (!type.isEmpty() && !type.startsWith(DicomResource.APPLICATION_DICOM)) {
            return new StowInstance(0, "REFUSED", null, 415, "Content-Type", "a part of type '"
                    + part.contentType() + "' is not a DICOM Part 10 file (application/dicom)", null);
        }
        try {
            return receiver.receive(part.body(), -1);
        } catch (DomainException e) {
            return refused(0, null, e);
        }
    }

    private Uni<StowInstance> outcome(Caller caller, int number, Object part) {
        if (part instanceof StowInstance refusal) {
            return Uni.createFrom().item(new StowInstance(number, refusal.outcome(), null, refusal.status(),
                    refusal.field(), refusal.reason(), null));
        }
        DicomReceiver.Received r = (DicomReceiver.Received) part;
        String sop = r.dicom().get(DicomTag.SOP_INSTANCE_UID);
        return Uni.createFrom().deferred(() -> ingest.ingest(caller, r))
                .map(o -> new StowInstance(number, o.created() ? "STORED" : "EXISTING", sop,
                        o.created() ? 201 : 200, null, null, o.instance()))
                .onFailure(DomainException.class).recoverWithItem(t -> refused(number, sop, (DomainException) t));
    }

    private static StowInstance refused(int number, String sop, DomainException e) {
        String field = e.errors().isEmpty() ? null : e.errors().get(0).field();
        return new StowInstance(number, "REFUSED", sop, e.status(), field, e.getMessage(), null);
    }

    private static StowResult summary(List<StowInstance> all) {
        int stored = (int) all.stream().filter(i -> "STORED".equals(i.outcome())).count();
        int existing = (int) all.stream().filter(i -> "EXISTING".equals(i.outcome())).count();
        return new StowResult(stored, existing, all.size() - stored - existing, all);
    }

    private static void discard(List<Object> received) {
        for (Object r : received) {
            if (r instanceof DicomReceiver.Received body) {
                body.discard();
            }
        }
        LOG.tracef("discarded %d STOW-RS parts", received.size());
    }
}
