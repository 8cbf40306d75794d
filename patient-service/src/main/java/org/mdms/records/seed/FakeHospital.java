package org.mdms.records.seed;

import net.datafaker.Faker;
import org.mdms.records.seed.ReferenceData.Department;
import org.mdms.records.seed.ReferenceData.DepartmentKind;
import org.mdms.records.seed.ReferenceData.Term;
import org.mdms.records.seed.SeedPlan.SeedLocale;
import org.mdms.records.seed.SeedRows.DepartmentRow;
import org.mdms.records.seed.SeedRows.HospitalRow;
import org.mdms.records.seed.SeedRows.StaffRow;
import org.mdms.records.seed.SeedRows.UserRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The generated hospital: its departments and its staff with their sign-in accounts. Deterministic, from the plan's
 * seed alone (streams -1 and -2), whatever the number of batches.
 */
final class FakeHospital {

    record HospitalAndDepartments(HospitalRow hospital, List<DepartmentRow> departments) {
    }

    record StaffAndUsers(List<UserRow> users, List<StaffRow> staff) {
    }

    private FakeHospital() {
    }

    /** Departments of the generated hospital, in order; clinical ones first. */
    static List<Department> departmentTemplates() {
        return ReferenceData.DEPARTMENTS;
    }

    /** The hospital and its departments, ids from the given bases. */
    static HospitalAndDepartments hospital(SeedPlan plan, long hospitalId, long firstDepartmentId) {
        boolean zh = plan.locale() == SeedLocale.ZH_CN;
        Random random = new Random(SeedRandom.mix(plan.seed(), -1));
        Faker faker = SeedRandom.faker(plan.locale(), random);
        String city = faker.address().city();
        String name = zh ? city + "市第" + "一二三四五六七八九".charAt(random.nextInt(9)) + "人民医院"
                : city + " General Hospital";
        String address = zh ? city + "市" + faker.address().streetAddress() : faker.address().fullAddress();
        HospitalRow hospital = new HospitalRow(hospitalId, "H" + hospitalId, name, trim(address, 500),
                zh ? "0" + (10 + random.nextInt(89)) + "-" + (60_000_000 + random.nextInt(30_000_000))
                        : "+1 555 " + (100 + random.nextInt(900)) + " " + (1000 + random.nextInt(9000)));
        List<DepartmentRow> departments = new ArrayList<>();
        List<Department> templates = departmentTemplates();
        for (int i = 0; i < templates.size(); i++) {
            Department d = templates.get(i);
            departments.add(new DepartmentRow(firstDepartmentId + i, hospitalId, d.code(),
                    zh ? d.nameZh() : d.nameEn(), zh ? d.nameEn() : d.nameZh()));
        }
        return new HospitalAndDepartments(hospital, departments);
    }

    /** How many doctors a hospital of this many patients has; nurses as many, pharmacists and technicians fewer. */
    static int doctorsFor(int patients) {
        return (int) Math.min(2000, Math.max(20, (patients + 99L) / 100));
    }

    /**
     * Doctors and nurses across the clinical departments, pharmacists in the pharmacy, technicians in radiology and
     * the laboratory, each with a sign-in account.
     */
    static StaffAndUsers staff(SeedPlan plan, List<DepartmentRow> departments, long firstUserId, long firstStaffId) {
        boolean zh = plan.locale() == SeedLocale.ZH_CN;
        Random random = new Random(SeedRandom.mix(plan.seed(), -2));
        Faker faker = SeedRandom.faker(plan.locale(), random);
        List<DepartmentRow> clinical = new ArrayList<>();
        List<DepartmentRow> technical = new ArrayList<>();
        DepartmentRow pharmacy = null;
        for (DepartmentRow d : departments) {
            DepartmentKind kind = departmentTemplates().stream().filter(t -> t.code().equals(d.code())).findFirst()
                    .map(Department::kind).orElse(DepartmentKind.CLINICAL);
            switch (kind) {
                case TECHNICAL -> technical.add(d);
                case PHARMACY -> pharmacy = d;
                default -> clinical.add(d);
            }
        }
        int doctors = doctorsFor(plan.patients());
        int support = Math.max(2, doctors / 10);
        List<UserRow> users = new ArrayList<>();
        List<StaffRow> staff = new ArrayList<>();
        String[] kinds = {"DOCTOR", "NURSE", "PHARMACIST", "TECHNICIAN"};
        int[] counts = {doctors, doctors, support, support};
        for (int k = 0; k < kinds.length; k++) {
            for (int i = 0; i < counts[k]; i++) {
                long userId = firstUserId + users.size();
                long staffId = firstStaffId + staff.size();
                DepartmentRow department = switch (kinds[k]) {
                    case "PHARMACIST" -> pharmacy;
                    case "TECHNICIAN" -> technical.get(i % technical.size());
                    default -> clinical.get(i % clinical.size());
                };
                boolean female = kinds[k].equals("NURSE") ? random.nextInt(10) < 9 : random.nextBoolean();
                String name = FakePeople.personName(faker, random, zh, female);
                List<Term> titles = ReferenceData.TITLES.get(kinds[k]);
                String username = kinds[k].toLowerCase().substring(0, 3) + staffId;
                users.add(new UserRow(userId, username, kinds[k], name));
                staff.add(new StaffRow(staffId, userId, department.id(), "S" + staffId, name, kinds[k],
                        titles.get(random.nextInt(titles.size())).in(zh), FakePeople.phone(random, zh),
                        username + (zh ? "@hospital.example.cn" : "@hospital.example.com")));
            }
        }
        return new StaffAndUsers(users, staff);
    }

    static String trim(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
