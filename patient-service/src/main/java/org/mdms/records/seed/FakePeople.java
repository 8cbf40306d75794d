package org.mdms.records.seed;

import net.datafaker.Faker;
import org.mdms.records.seed.ReferenceData.BloodType;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;

/** What identifies a generated person: name, resident identity number, phone, blood type. */
final class FakePeople {

    private static final DateTimeFormatter BIRTH = DateTimeFormatter.BASIC_ISO_DATE;

    private FakePeople() {
    }

    static String personName(Faker faker, Random random, boolean zh, boolean female) {
        if (!zh) {
            return (female ? faker.name().femaleFirstName() : faker.name().malefirstName()) + " "
                    + faker.name().lastName();
        }
        String surname = faker.name().lastName();
        if (!female && random.nextInt(4) == 0) {
            return surname + faker.name().firstName(); // Datafaker's zh_CN given names are boys' names
        }
        List<String> chars = ReferenceData.GIVEN_NAME_CHARACTERS.get(female ? "FEMALE" : "MALE");
        String given = chars.get(random.nextInt(chars.size()));
        if (random.nextInt(10) < 7) {
            given += chars.get(random.nextInt(chars.size()));
        }
        return surname + given;
    }

    /** An 18-digit resident identity number: area, birth date, sequence (odd for men), ISO 7064 check digit. */
    static String residentId(Random random, LocalDate birth, boolean female) {
        int sequence = random.nextInt(500) * 2 + (female ? 0 : 1);
        List<String> areas = ReferenceData.AREA_CODES;
        String body = areas.get(random.nextInt(areas.size())) + birth.format(BIRTH) + String.format("%03d", sequence);
        return body + checkDigit(body);
    }

    static char checkDigit(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return "10X98765432".charAt(sum % 11);
    }

    static String phone(Random random, boolean zh) {
        if (zh) {
            List<String> prefixes = ReferenceData.MOBILE_PREFIXES;
            return prefixes.get(random.nextInt(prefixes.size())) + String.format("%08d", random.nextInt(100_000_000));
        }
        return "+1 555 " + (200 + random.nextInt(800)) + " " + String.format("%04d", random.nextInt(10_000));
    }

    /** Drawn by each type's share of the population. */
    static String bloodType(Random random) {
        int roll = random.nextInt(100);
        for (BloodType type : ReferenceData.BLOOD_TYPES) {
            roll -= type.percent();
            if (roll < 0) {
                return type.type();
            }
        }
        return "O+";
    }
}
