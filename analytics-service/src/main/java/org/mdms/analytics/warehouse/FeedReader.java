package org.mdms.analytics.warehouse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.annotation.Nullable;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.analytics.warehouse.Changes.DepartmentChange;
import org.mdms.analytics.warehouse.Changes.DrugChange;
import org.mdms.analytics.warehouse.Changes.ExaminationChange;
import org.mdms.analytics.warehouse.Changes.PatientChange;
import org.mdms.analytics.warehouse.Changes.PrescriptionChange;
import org.mdms.analytics.warehouse.Changes.StaffChange;
import org.mdms.analytics.warehouse.Changes.VisitChange;
import org.mdms.analytics.warehouse.Changes.VitalSignBatchChange;
import org.mdms.analytics.warehouse.Changes.VitalSignChange;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads change events into the typed payloads of {@link Changes}, strictly: a field missing (or renamed), null where
 * the contract does not allow it, or of the wrong type fails with a {@link FeedContractException} naming the event
 * and the field, instead of a default being written. Fields the reader does not know are ignored (patient-service
 * may add some). Events of one entity collapse to the latest; a VITAL_SIGN_BATCH event counts as one VITAL_SIGN event
 * per element, in its order.
 */
@ApplicationScoped
public class FeedReader {

    /** One batch, typed: the latest state of every entity it names, per entity type, in feed order. */
    public record Batch(Map<Long, DepartmentChange> departments, Map<Long, StaffChange> staff,
                        Map<Long, PatientChange> patients, Map<Long, DrugChange> drugs,
                        Map<Long, VisitChange> visits, Map<Long, PrescriptionChange> prescriptions,
                        Map<Long, VitalSignChange> vitalSigns, Map<Long, ExaminationChange> examinations) {
    }

    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    public Batch read(List<ChangeEvent> events) {
        Batch batch = new Batch(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(),
                new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(),
                new LinkedHashMap<>());
        for (ChangeEvent e : events) {
            if (e.entityType() == null) {
                throw new FeedContractException(e, "entityType", "is missing");
            }
            switch (e.entityType()) {
                case "DEPARTMENT" -> batch.departments().put(e.entityId(), read(e, DepartmentChange.class));
                case "STAFF" -> batch.staff().put(e.entityId(), read(e, StaffChange.class));
                case "PATIENT" -> {
                    PatientChange p = read(e, PatientChange.class);
                    // a DELETE carries the patient's last state; the warehouse keeps it, flagged
                    batch.patients().put(e.entityId(), "DELETE".equals(e.operation()) && !p.deleted()
                            ? new PatientChange(p.id(), p.gender(), p.birthYear(), true) : p);
                }
                case "DRUG" -> batch.drugs().put(e.entityId(), read(e, DrugChange.class));
                case "VISIT" -> batch.visits().put(e.entityId(), read(e, VisitChange.class));
                case "PRESCRIPTION" -> batch.prescriptions().put(e.entityId(), read(e, PrescriptionChange.class));
                case "VITAL_SIGN" -> batch.vitalSigns().put(e.entityId(), read(e, VitalSignChange.class));
                // devices' readings: each element as a VITAL_SIGN event of its id, in order (a later event wins)
                case "VITAL_SIGN_BATCH" -> read(e, VitalSignBatchChange.class).vitalSigns()
                        .forEach(v -> batch.vitalSigns().put(v.id(), v));
                case "EXAMINATION" -> batch.examinations().put(e.entityId(), read(e, ExaminationChange.class));
                default -> {
                    // an entity type the warehouse does not keep (the feed may grow): nothing to write
                }
            }
        }
        return batch;
    }

    /** One event's payload as {@code type}, or a FeedContractException naming the first field that does not fit. */
    <T extends Record> T read(ChangeEvent event, Class<T> type) {
        JsonNode payload = event.payload();
        if (payload == null || !payload.isObject()) {
            throw new FeedContractException(event, "", "is missing or not an object");
        }
        requireFields(event, payload, type, "");
        try {
            return json.treeToValue(payload, type);
        } catch (JsonProcessingException e) {
            throw new FeedContractException(event, path(e), "has the wrong type (" + e.getOriginalMessage() + ")");
        }
    }

    /** Every component of the record present, non-null unless {@link Nullable}; lists of records element by element. */
    private static void requireFields(ChangeEvent event, JsonNode node, Class<?> type, String prefix) {
        for (RecordComponent component : type.getRecordComponents()) {
            String field = prefix + component.getName();
            JsonNode value = node.get(component.getName());
            if (value == null) {
                throw new FeedContractException(event, field, "is missing");
            }
            if (value.isNull()) {
                if (component.isAnnotationPresent(Nullable.class)) {
                    continue;
                }
                throw new FeedContractException(event, field, "is null");
            }
            if (List.class.isAssignableFrom(component.getType())) {
                if (!value.isArray()) {
                    throw new FeedContractException(event, field, "is not an array");
                }
                Class<?> element = (Class<?>) ((ParameterizedType) component.getGenericType())
                        .getActualTypeArguments()[0];
                for (int i = 0; element.isRecord() && i < value.size(); i++) {
                    if (!value.get(i).isObject()) {
                        throw new FeedContractException(event, field + "[" + i + "]", "is not an object");
                    }
                    requireFields(event, value.get(i), element, field + "[" + i + "].");
                }
            }
        }
    }

    private static String path(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping)) {
            return "";
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : mapping.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
