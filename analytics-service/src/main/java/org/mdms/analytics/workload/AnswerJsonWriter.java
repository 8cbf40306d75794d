package org.mdms.analytics.workload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * An answer written field by field through the application's Jackson generator (its settings, so the bytes are
 * databind's), for answers of thousands of rows where databind's per-row bean serialisation costs; each subclass
 * writes one answer type.
 */
abstract class AnswerJsonWriter<T> implements MessageBodyWriter<T> {

    private final Class<T> answerType;
    private final JsonFactory json;

    AnswerJsonWriter(Class<T> answerType, ObjectMapper mapper) {
        this.answerType = answerType;
        this.json = mapper.getFactory();
    }

    /** The whole answer, as databind would write it (same field order, nulls written). */
    abstract void write(JsonGenerator g, T answer) throws IOException;

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == answerType;
    }

    @Override
    public void writeTo(T answer, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        // the response stream is the server's to close, as with databind's writer
        try (JsonGenerator g = json.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            write(g, answer);
        }
    }

    static void writeLongField(JsonGenerator g, String name, Long value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(value);
        }
    }
}
