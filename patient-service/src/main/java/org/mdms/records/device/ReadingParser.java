package org.mdms.records.device;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.common.DomainException;
import org.mdms.common.InputProblems;
import org.mdms.records.device.DeviceDtos.Reading;

import java.util.ArrayList;
import java.util.List;

/**
 * A batch body, a JSON array or NDJSON (one reading per line), into readings. A body that is not a batch at all is
 * a 400; an element that is not a reading becomes a refusal at its index, so the rest of the batch is kept.
 */
@ApplicationScoped
public class ReadingParser {

    public static final String NDJSON = "application/x-ndjson";

    /** The reading at index, or why it is not one (then reading is null). */
    public record Parsed(int index, Reading reading, String field, String reason) {
    }

    private final ObjectMapper json;
    private final IngestSettings settings;

    ReadingParser(ObjectMapper json, IngestSettings settings) {
        this.json = json;
        this.settings = settings;
    }

    public List<Parsed> parse(String body, boolean ndjson) {
        List<JsonNode> elements = ndjson ? lines(body) : array(body);
        if (elements.isEmpty()) {
            throw DomainException.invalid("readings", "the batch holds no reading");
        }
        List<Parsed> parsed = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            parsed.add(reading(i, elements.get(i)));
        }
        return parsed;
    }

    /** A stream's text frame: one reading (a JSON object) or a JSON array of readings. */
    public List<Parsed> parseFrame(String frame) {
        String text = frame == null ? "" : frame.strip();
        if (text.startsWith("[")) {
            return parse(text, false);
        }
        return List.of(reading(0, tree(text, "the frame")));
    }

    private List<JsonNode> array(String body) {
        JsonNode root = tree(body == null ? "" : body, "the body");
        if (!root.isArray()) {
            throw DomainException.invalid("readings", "the body must be a JSON array of readings (or NDJSON with "
                    + "Content-Type: " + NDJSON + ")");
        }
        checkCount(root.size());
        List<JsonNode> elements = new ArrayList<>(root.size());
        root.forEach(elements::add);
        return elements;
    }

    private List<JsonNode> lines(String body) {
        List<JsonNode> elements = new ArrayList<>();
        int line = 0;
        for (String text : (body == null ? "" : body).split("\r?\n")) {
            line++;
            if (!text.isBlank()) {
                checkCount(elements.size() + 1);
                elements.add(tree(text, "line " + line));
            }
        }
        return elements;
    }

    private void checkCount(int count) {
        if (count > settings.maxReadings()) {
            throw DomainException.invalid("readings", "a batch holds at most " + settings.maxReadings()
                    + " readings; split it");
        }
    }

    private JsonNode tree(String text, String where) {
        try {
            // "[...] x" is not a batch: trailing tokens are refused, as everywhere else in the API
            return json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
        } catch (JsonProcessingException e) {
            throw DomainException.invalid("readings", where + " is not JSON: " + e.getOriginalMessage());
        }
    }

    private Parsed reading(int index, JsonNode element) {
        if (!element.isObject()) {
            return new Parsed(index, null, "", "a reading must be a JSON object");
        }
        try {
            return new Parsed(index, json.treeToValue(element, Reading.class), null, null);
        } catch (JsonProcessingException e) {
            // in the dialect's words ("must be a number"), never Jackson's (which names Java types)
            InputProblems.Fault fault = InputProblems.unreadableBody(e);
            return new Parsed(index, null, fault.field(), fault.message());
        }
    }
}
