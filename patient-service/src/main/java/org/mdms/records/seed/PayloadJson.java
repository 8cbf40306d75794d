package org.mdms.records.seed;

import org.mdms.records.seed.SeedRows.ExaminationRow;
import org.mdms.records.seed.SeedRows.ItemRow;
import org.mdms.records.seed.SeedRows.PatientRow;
import org.mdms.records.seed.SeedRows.PrescriptionRow;
import org.mdms.records.seed.SeedRows.VisitRow;
import org.mdms.records.seed.SeedRows.VitalSignRow;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Change-event payloads of the bulk path, written straight into a StringBuilder. Serialising half a million events
 * through Jackson was a third of the seed's CPU; these writers produce the same JSON as Jackson does for the feature
 * packages' change records (SeedPayloadTest compares them field by field).
 */
final class PayloadJson {

    private final StringBuilder json = new StringBuilder(512);
    private boolean first;

    private PayloadJson() {
    }

    static String patient(PatientRow p) {
        return new PayloadJson().open().field("id", p.id()).field("gender", p.gender())
                .field("birthYear", p.birthDate().getYear()).field("deleted", false).close();
    }

    static String visit(VisitRow v) {
        return new PayloadJson().open().field("id", v.id()).field("patientId", v.patientId())
                .field("doctorId", v.doctorId()).field("departmentId", v.departmentId()).field("type", v.type())
                .field("status", v.status()).field("startedAt", v.startedAt()).field("endedAt", v.endedAt())
                .field("diagnosisCode", v.diagnosisCode()).close();
    }

    static String prescription(PrescriptionRow p) {
        PayloadJson out = new PayloadJson().open().field("id", p.id()).field("visitId", p.visitId())
                .field("patientId", p.patientId()).field("doctorId", p.doctorId())
                .field("departmentId", p.departmentId()).field("status", p.status()).field("issuedAt", p.issuedAt())
                .field("dispensedAt", p.dispensedAt()).field("cancelledAt", p.cancelledAt())
                .field("totalAmount", p.totalAmount()).name("items");
        out.json.append('[');
        for (int i = 0; i < p.items().size(); i++) {
            ItemRow item = p.items().get(i);
            if (i > 0) {
                out.json.append(',');
            }
            out.open().field("id", item.id()).field("drugId", item.drugId()).field("quantity", item.quantity())
                    .field("unitPrice", item.unitPrice()).field("amount", item.amount()).json.append('}');
            out.first = false;
        }
        out.json.append(']');
        return out.close();
    }

    static String examination(ExaminationRow e) {
        return new PayloadJson().open().field("id", e.id()).field("visitId", e.visitId())
                .field("patientId", e.patientId()).field("technicianId", e.technicianId()).field("item", e.item())
                .field("abnormal", e.abnormal()).field("performedAt", e.performedAt()).close();
    }

    static String vitalSign(VitalSignRow s) {
        return new PayloadJson().open().field("id", s.id()).field("patientId", s.patientId())
                .field("visitId", s.visitId()).field("type", s.type()).field("value", s.value())
                .field("secondaryValue", s.secondaryValue()).field("unit", s.unit()).field("abnormal", s.abnormal())
                .field("measuredAt", s.measuredAt()).close();
    }

    private PayloadJson open() {
        json.append('{');
        first = true;
        return this;
    }

    private String close() {
        return json.append('}').toString();
    }

    private PayloadJson name(String name) {
        if (!first) {
            json.append(',');
        }
        first = false;
        json.append('"').append(name).append("\":");
        return this;
    }

    private PayloadJson field(String name, long value) {
        name(name).json.append(value);
        return this;
    }

    private PayloadJson field(String name, Long value) {
        name(name).json.append(value == null ? "null" : value.toString());
        return this;
    }

    private PayloadJson field(String name, boolean value) {
        name(name).json.append(value);
        return this;
    }

    private PayloadJson field(String name, BigDecimal value) {
        // Jackson writes BigDecimal with toString(); our values have small scales, never an exponent
        name(name).json.append(value == null ? "null" : value.toString());
        return this;
    }

    private PayloadJson field(String name, Instant value) {
        // Jackson's InstantSerializer writes ISO-8601 like Instant.toString()
        return value == null ? nullField(name) : field(name, value.toString());
    }

    private PayloadJson nullField(String name) {
        name(name).json.append("null");
        return this;
    }

    private PayloadJson field(String name, String value) {
        if (value == null) {
            return nullField(name);
        }
        name(name).json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
        return this;
    }
}
