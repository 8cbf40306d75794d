package org.mdms.records.seed;

import org.junit.jupiter.api.Test;
import org.mdms.records.seed.ReferenceData.Department;
import org.mdms.records.seed.ReferenceData.DepartmentKind;
import org.mdms.records.seed.ReferenceData.LabItem;

import java.math.BigDecimal;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generator's vocabulary files under seed/ are read whole and agree with each other. */
class ReferenceDataTest {

    @Test
    void departmentsListClinicalOnesFirstAndOnePharmacy() {
        assertEquals(23, ReferenceData.DEPARTMENTS.size());
        assertEquals(new Department("INT", "内科", "Internal Medicine", DepartmentKind.CLINICAL),
                ReferenceData.DEPARTMENTS.get(0));
        assertEquals(1, ReferenceData.DEPARTMENTS.stream().filter(d -> d.kind() == DepartmentKind.PHARMACY).count());
        assertEquals(2, ReferenceData.DEPARTMENTS.stream().filter(d -> d.kind() == DepartmentKind.TECHNICAL).count());
    }

    @Test
    void everyDiagnosisBelongsToAKnownDepartmentAndHasAnIcd10Code() {
        Set<String> codes = ReferenceData.DEPARTMENTS.stream().map(Department::code).collect(Collectors.toSet());
        assertEquals(46, ReferenceData.DIAGNOSES.size());
        ReferenceData.DIAGNOSES.forEach(d -> {
            assertTrue(codes.contains(d.departmentCode()), d.toString());
            assertTrue(d.icd10().matches("[A-Z]\\d{2}(\\.\\d)?"), d.toString());
            assertTrue(!d.nameZh().isBlank() && !d.nameEn().isBlank() && !d.complaintZh().isBlank(), d.toString());
        });
    }

    @Test
    void laboratoryRangesAreNumbersLowBelowHigh() {
        assertEquals(10, ReferenceData.LAB_ITEMS.size());
        for (LabItem item : ReferenceData.LAB_ITEMS) {
            assertTrue(new BigDecimal(item.low()).compareTo(new BigDecimal(item.high())) < 0, item.toString());
        }
        assertEquals("3.5-9.5", ReferenceData.LAB_ITEMS.get(0).low() + "-" + ReferenceData.LAB_ITEMS.get(0).high());
    }

    @Test
    void bloodTypesShareOneHundredPercentAndEveryStaffKindHasTitles() {
        assertEquals(100, ReferenceData.BLOOD_TYPES.stream().mapToInt(ReferenceData.BloodType::percent).sum());
        assertEquals(Set.of("DOCTOR", "NURSE", "PHARMACIST", "TECHNICIAN"), ReferenceData.TITLES.keySet());
        assertEquals("主任医师", ReferenceData.TITLES.get("DOCTOR").get(0).zh());
        assertEquals(112, ReferenceData.GIVEN_NAME_CHARACTERS.get("FEMALE").size());
        ReferenceData.AREA_CODES.forEach(code -> assertTrue(code.matches("\\d{6}"), code));
        ReferenceData.MOBILE_PREFIXES.forEach(prefix -> assertTrue(prefix.matches("1\\d{2}"), prefix));
    }
}
