package org.mdms.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * Request bodies are read exactly or refused (400 naming the field): no fraction into an integer, no string into a
 * number or a number into a string, no number for an enum or a timestamp, no duplicate key, no null for a primitive,
 * nothing after the JSON value. Unknown properties are refused too ({@code quarkus.jackson.fail-on-unknown-properties
 * =true}); REST client records that read a peer's answers opt out with {@code @JsonIgnoreProperties(ignoreUnknown =
 * true)}. All three services use this one class (mdms-common).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /** What a string field with a control character is told. */
    static final String PLAIN_TEXT = "must be text without control characters";

    /**
     * A copy of the strict mapper for the REST clients that read another MDMS service's answers: as strict, except that
     * text may hold any character. Input is refused with control characters, but a record stored before that rule (or
     * imported around the API) may hold one, and a peer's record must stay readable rather than fail the caller.
     */
    public static ObjectMapper forPeerAnswers(ObjectMapper strict) {
        ObjectMapper copy = strict.copy();
        // a module registered later is asked first: its plain String deserializer stands in for PlainText
        copy.registerModule(new SimpleModule("mdms-peer-text").addDeserializer(String.class, StringDeserializer.instance));
        return copy;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        // a string field takes only a JSON string: 12, 1.5 or true are refused, not turned into "12"
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        // dates and timestamps only as ISO-8601 text: 12 is not "12 seconds after 1970", [2026,1,1] not a date
        // text without control characters (tab, line feed and carriage return aside): a NUL is not part of a name
        mapper.registerModule(new SimpleModule("mdms-plain-text").addDeserializer(String.class, new PlainText()));
        mapper.registerModule(new SimpleModule("mdms-strict-time").setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                          JsonDeserializer<?> deserializer) {
                return "java.time".equals(description.getBeanClass().getPackageName())
                        ? new TextOnly(deserializer) : deserializer;
            }
        }));
    }

    /** A JSON string without control characters but tab, line feed and carriage return; else refused naming the field. */
    private static final class PlainText extends StdScalarDeserializer<String> {

        PlainText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            if (text != null && text.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F)) {
                throw InvalidFormatException.from(parser, PLAIN_TEXT, text, String.class);
            }
            return text;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    /** Reads a value only from a JSON string, else refuses it as the wrong type. */
    private static final class TextOnly extends DelegatingDeserializer {

        TextOnly(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new TextOnly(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return context.handleUnexpectedToken(handledType(), parser);
            }
            return super.deserialize(parser, context);
        }
    }
}
