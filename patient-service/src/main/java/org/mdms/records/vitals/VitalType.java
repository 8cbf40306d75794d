package org.mdms.records.vitals;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mdms.common.DomainException;

import java.math.BigDecimal;
import java.util.Set;

/**
 * The measurable vital signs with DESIGN.md's rules: a value outside the plausible range is refused (400 naming
 * the field); a plausible value outside the normal range is stored and flagged abnormal.
 */
@Schema(name = "VitalType")
public enum VitalType {
    HEART_RATE("/min", Set.of("/min", "bpm", "beats/min"), "20", "300", "60", "100"),
    /** value = systolic, secondaryValue = diastolic. */
    BLOOD_PRESSURE("mmHg", Set.of("mmHg", "mmhg"), "50", "250", "90", "139"),
    SPO2("%", Set.of("%"), "0", "100", "95", "100"),
    TEMPERATURE("°C", Set.of("°C", "℃", "C", "Cel"), "30.0", "45.0", "36.0", "37.3");

    private static final BigDecimal DIASTOLIC_MIN = new BigDecimal("30");
    private static final BigDecimal DIASTOLIC_MAX = new BigDecimal("150");
    private static final BigDecimal DIASTOLIC_NORMAL_MIN = new BigDecimal("60");
    private static final BigDecimal DIASTOLIC_NORMAL_MAX = new BigDecimal("89");

    private final String unit;
    private final Set<String> acceptedUnits;
    private final BigDecimal min;
    private final BigDecimal max;
    private final BigDecimal normalMin;
    private final BigDecimal normalMax;

    VitalType(String unit, Set<String> acceptedUnits, String min, String max, String normalMin, String normalMax) {
        this.unit = unit;
        this.acceptedUnits = acceptedUnits;
        this.min = new BigDecimal(min);
        this.max = new BigDecimal(max);
        this.normalMin = new BigDecimal(normalMin);
        this.normalMax = new BigDecimal(normalMax);
    }

    public String unit() {
        return unit;
    }

    /** The normal range of the value (systolic for BLOOD_PRESSURE), as a chart's band. */
    public BigDecimal normalMin() {
        return normalMin;
    }

    public BigDecimal normalMax() {
        return normalMax;
    }

    /** The normal diastolic range for BLOOD_PRESSURE; null for the other types. */
    public BigDecimal secondaryNormalMin() {
        return this == BLOOD_PRESSURE ? DIASTOLIC_NORMAL_MIN : null;
    }

    public BigDecimal secondaryNormalMax() {
        return this == BLOOD_PRESSURE ? DIASTOLIC_NORMAL_MAX : null;
    }

    /** The canonical unit; a sent unit must be one of its spellings (a Fahrenheit temperature is refused). */
    public String checkUnit(String field, String sent) {
        if (sent != null && !acceptedUnits.contains(sent.strip())) {
            throw DomainException.invalid(field, "unit of " + name() + " must be " + unit + ", not " + sent);
        }
        return unit;
    }

    /**
     * Checks the values against the plausible range (field names are prefixed, e.g. "readings[2].") and tells
     * whether they are outside the normal range.
     */
    public boolean checkAndFlag(String prefix, BigDecimal value, BigDecimal secondaryValue) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            String what = this == BLOOD_PRESSURE ? "systolic pressure" : name();
            throw DomainException.invalid(prefix + "value", what + " must be between " + min.toPlainString()
                    + " and " + max.toPlainString() + " " + unit);
        }
        boolean abnormal = value.compareTo(normalMin) < 0 || value.compareTo(normalMax) > 0;
        if (this != BLOOD_PRESSURE) {
            if (secondaryValue != null) {
                throw DomainException.invalid(prefix + "secondaryValue", "secondaryValue is only for "
                        + "BLOOD_PRESSURE (the diastolic pressure)");
            }
            return abnormal;
        }
        if (secondaryValue == null) {
            throw DomainException.invalid(prefix + "secondaryValue", "BLOOD_PRESSURE needs the diastolic pressure "
                    + "in secondaryValue");
        }
        if (secondaryValue.compareTo(DIASTOLIC_MIN) < 0 || secondaryValue.compareTo(DIASTOLIC_MAX) > 0) {
            throw DomainException.invalid(prefix + "secondaryValue", "diastolic pressure must be between "
                    + DIASTOLIC_MIN + " and " + DIASTOLIC_MAX + " mmHg");
        }
        if (secondaryValue.compareTo(value) >= 0) {
            throw DomainException.invalid(prefix + "secondaryValue", "diastolic pressure must be below the "
                    + "systolic pressure");
        }
        return abnormal || secondaryValue.compareTo(DIASTOLIC_NORMAL_MIN) < 0
                || secondaryValue.compareTo(DIASTOLIC_NORMAL_MAX) > 0;
    }
}
