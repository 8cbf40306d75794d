package org.mdms.records.seed;

import net.datafaker.Faker;
import org.mdms.records.seed.SeedPlan.SeedLocale;
import org.mdms.records.seed.SeedRows.Batch;
import org.mdms.records.seed.SeedRows.DepartmentRow;
import org.mdms.records.seed.SeedRows.DrugRow;
import org.mdms.records.seed.SeedRows.ExaminationRow;
import org.mdms.records.seed.SeedRows.HospitalRow;
import org.mdms.records.seed.SeedRows.ItemRow;
import org.mdms.records.seed.SeedRows.PatientRow;
import org.mdms.records.seed.SeedRows.Pin;
import org.mdms.records.seed.SeedRows.PrescriptionRow;
import org.mdms.records.seed.SeedRows.Reference;
import org.mdms.records.seed.SeedRows.StaffRef;
import org.mdms.records.seed.SeedRows.StaffRow;
import org.mdms.records.seed.SeedRows.UserRow;
import org.mdms.records.seed.SeedRows.VisitRow;
import org.mdms.records.seed.SeedRows.VitalSignRow;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Realistic fake hospital data, in memory only (the {@link SeedWriter} puts it into the database).
 * <p>
 * Deterministic: every patient draws from a {@link Random} re-seeded from (plan seed, patient index), and the
 * hospital's departments and staff from (plan seed, -1), so a plan always yields the same rows for the same ids,
 * however the run is cut into batches and in whatever order the batches are generated. Datafaker supplies
 * surnames, addresses and English names; the medical vocabulary (departments, diagnoses with ICD-10 codes,
 * laboratory items, dosages) is ours, because Datafaker has none in Chinese.
 */
public final class FakeDataGenerator {

    /** Where a run's ids start in each table; ids are assigned arithmetically from these. */
    public record IdBase(long patient, long visit, long prescription, long item, long examination, long vitalSign) {
    }

    private static final DateTimeFormatter BIRTH = DateTimeFormatter.BASIC_ISO_DATE;

    // code, Chinese name, English name, clinical (doctors and visits) or service department
    private static final String[][] DEPARTMENTS = {
            {"INT", "内科", "Internal Medicine", "C"}, {"CARD", "心内科", "Cardiology", "C"},
            {"RESP", "呼吸内科", "Respiratory Medicine", "C"}, {"GAST", "消化内科", "Gastroenterology", "C"},
            {"NEUR", "神经内科", "Neurology", "C"}, {"ENDO", "内分泌科", "Endocrinology", "C"},
            {"NEPH", "肾内科", "Nephrology", "C"}, {"SURG", "普外科", "General Surgery", "C"},
            {"ORTH", "骨科", "Orthopaedics", "C"}, {"UROL", "泌尿外科", "Urology", "C"},
            {"NSUR", "神经外科", "Neurosurgery", "C"}, {"GYN", "妇产科", "Obstetrics and Gynaecology", "C"},
            {"PED", "儿科", "Paediatrics", "C"}, {"OPH", "眼科", "Ophthalmology", "C"},
            {"ENT", "耳鼻喉科", "Otorhinolaryngology", "C"}, {"DERM", "皮肤科", "Dermatology", "C"},
            {"STOM", "口腔科", "Stomatology", "C"}, {"EMER", "急诊科", "Emergency", "C"},
            {"ICU", "重症医学科", "Intensive Care", "C"}, {"TCM", "中医科", "Traditional Chinese Medicine", "C"},
            {"RAD", "放射科", "Radiology", "T"}, {"LAB", "检验科", "Laboratory Medicine", "T"},
            {"PHAR", "药剂科", "Pharmacy", "P"}};

    // department code, ICD-10, diagnosis zh, diagnosis en, chief complaint zh, chief complaint en
    private static final String[][] DIAGNOSES = {
            {"INT", "J06.9", "急性上呼吸道感染", "Acute upper respiratory infection", "发热、咽痛2天", "Fever and sore throat for 2 days"},
            {"INT", "I10", "原发性高血压", "Essential hypertension", "头晕、头痛1周", "Dizziness and headache for a week"},
            {"INT", "E11.9", "2型糖尿病", "Type 2 diabetes mellitus", "口干、多饮、多尿1月", "Thirst and polyuria for a month"},
            {"CARD", "I10", "原发性高血压", "Essential hypertension", "血压升高3年，头晕", "High blood pressure for 3 years, dizziness"},
            {"CARD", "I25.1", "冠状动脉粥样硬化性心脏病", "Atherosclerotic heart disease", "活动后胸闷、胸痛", "Chest tightness on exertion"},
            {"CARD", "I48", "心房颤动", "Atrial fibrillation", "心悸、气短3天", "Palpitations and shortness of breath"},
            {"RESP", "J18.9", "肺炎", "Pneumonia", "咳嗽、咳痰伴发热", "Cough with sputum and fever"},
            {"RESP", "J45.9", "支气管哮喘", "Asthma", "反复喘息、气促", "Recurrent wheezing"},
            {"RESP", "J44.9", "慢性阻塞性肺疾病", "Chronic obstructive pulmonary disease", "慢性咳嗽、活动后气短", "Chronic cough, breathless on exertion"},
            {"GAST", "K29.7", "慢性胃炎", "Gastritis", "上腹部隐痛2周", "Upper abdominal pain for 2 weeks"},
            {"GAST", "K21.9", "胃食管反流病", "Gastro-oesophageal reflux disease", "反酸、烧心", "Acid reflux and heartburn"},
            {"GAST", "K52.9", "急性胃肠炎", "Gastroenteritis", "腹痛、腹泻1天", "Abdominal pain and diarrhoea"},
            {"NEUR", "G43.9", "偏头痛", "Migraine", "反复发作性头痛", "Recurrent headache"},
            {"NEUR", "I63.9", "脑梗死", "Cerebral infarction", "左侧肢体无力6小时", "Left-sided weakness for 6 hours"},
            {"NEUR", "G47.0", "失眠", "Insomnia", "入睡困难1月", "Difficulty falling asleep for a month"},
            {"ENDO", "E11.9", "2型糖尿病", "Type 2 diabetes mellitus", "血糖控制不佳", "Poorly controlled blood sugar"},
            {"ENDO", "E03.9", "甲状腺功能减退症", "Hypothyroidism", "乏力、怕冷", "Fatigue and cold intolerance"},
            {"NEPH", "N18.9", "慢性肾脏病", "Chronic kidney disease", "双下肢水肿", "Swelling of both legs"},
            {"NEPH", "N39.0", "尿路感染", "Urinary tract infection", "尿频、尿急、尿痛", "Frequent and painful urination"},
            {"SURG", "K35.8", "急性阑尾炎", "Acute appendicitis", "转移性右下腹痛", "Migrating right lower abdominal pain"},
            {"SURG", "K80.2", "胆囊结石", "Gallstones", "右上腹疼痛", "Right upper abdominal pain"},
            {"ORTH", "M54.5", "腰痛", "Low back pain", "腰痛伴活动受限", "Low back pain limiting movement"},
            {"ORTH", "S52.5", "桡骨远端骨折", "Fracture of the lower end of the radius", "摔伤后右腕肿痛", "Swollen painful wrist after a fall"},
            {"ORTH", "M17.9", "膝关节骨关节炎", "Osteoarthritis of the knee", "双膝关节疼痛", "Pain in both knees"},
            {"UROL", "N40", "前列腺增生", "Prostatic hyperplasia", "排尿困难、夜尿增多", "Difficult urination, nocturia"},
            {"UROL", "N20.0", "肾结石", "Kidney stone", "腰痛伴血尿", "Flank pain with haematuria"},
            {"NSUR", "S06.0", "脑震荡", "Concussion", "头部外伤后头痛", "Headache after a head injury"},
            {"GYN", "N76.0", "急性阴道炎", "Acute vaginitis", "白带异常3天", "Abnormal discharge for 3 days"},
            {"GYN", "O80", "单胎顺产", "Single spontaneous delivery", "孕39周，规律宫缩", "39 weeks pregnant, regular contractions"},
            {"PED", "J20.9", "急性支气管炎", "Acute bronchitis", "咳嗽3天", "Cough for 3 days"},
            {"PED", "A08.4", "病毒性肠炎", "Viral intestinal infection", "呕吐、腹泻", "Vomiting and diarrhoea"},
            {"OPH", "H10.9", "结膜炎", "Conjunctivitis", "眼红、眼痒", "Red itchy eyes"},
            {"OPH", "H25.9", "老年性白内障", "Senile cataract", "视物模糊半年", "Blurred vision for six months"},
            {"ENT", "J02.9", "急性咽炎", "Acute pharyngitis", "咽痛2天", "Sore throat for 2 days"},
            {"ENT", "J30.4", "变应性鼻炎", "Allergic rhinitis", "鼻塞、流涕、打喷嚏", "Blocked runny nose, sneezing"},
            {"DERM", "L20.9", "特应性皮炎", "Atopic dermatitis", "皮肤瘙痒、红斑", "Itchy red skin"},
            {"DERM", "L50.9", "荨麻疹", "Urticaria", "全身风团伴瘙痒", "Itchy wheals all over"},
            {"STOM", "K02.9", "龋病", "Dental caries", "牙痛3天", "Toothache for 3 days"},
            {"STOM", "K05.1", "慢性牙龈炎", "Chronic gingivitis", "刷牙时牙龈出血", "Bleeding gums"},
            {"EMER", "R10.4", "腹痛", "Abdominal pain", "突发腹痛2小时", "Sudden abdominal pain for 2 hours"},
            {"EMER", "T14.9", "多处软组织挫伤", "Injury", "车祸外伤", "Injured in a traffic accident"},
            {"EMER", "R50.9", "发热", "Fever", "高热39.5℃", "High fever"},
            {"ICU", "A41.9", "脓毒症", "Sepsis", "高热、意识模糊", "High fever and confusion"},
            {"ICU", "J96.0", "急性呼吸衰竭", "Acute respiratory failure", "呼吸困难加重", "Worsening breathlessness"},
            {"TCM", "R53", "乏力", "Malaise and fatigue", "乏力、食欲差", "Tiredness and poor appetite"},
            {"TCM", "G47.0", "失眠", "Insomnia", "失眠多梦", "Insomnia with vivid dreams"}};

    // item zh, item en, unit, low, high, decimals (a numeric laboratory result flagged outside [low, high])
    private static final String[][] LAB_ITEMS = {
            {"白细胞计数", "White blood cell count", "10^9/L", "3.5", "9.5", "1"},
            {"血红蛋白", "Haemoglobin", "g/L", "115", "150", "0"},
            {"血小板计数", "Platelet count", "10^9/L", "125", "350", "0"},
            {"空腹血糖", "Fasting glucose", "mmol/L", "3.9", "6.1", "1"},
            {"总胆固醇", "Total cholesterol", "mmol/L", "2.8", "5.2", "2"},
            {"肌酐", "Creatinine", "μmol/L", "57", "111", "0"},
            {"丙氨酸氨基转移酶", "Alanine aminotransferase", "U/L", "9", "50", "0"},
            {"C反应蛋白", "C-reactive protein", "mg/L", "0", "10", "1"},
            {"糖化血红蛋白", "HbA1c", "%", "4.0", "6.0", "1"},
            {"尿酸", "Uric acid", "μmol/L", "208", "428", "0"}};

    // item zh, item en, normal result zh, normal en, abnormal zh, abnormal en (imaging and ECG reports)
    private static final String[][] REPORT_ITEMS = {
            {"胸部X线", "Chest X-ray", "双肺纹理清晰，心影不大", "Clear lung fields, normal heart size",
                    "右下肺斑片状阴影", "Patchy shadow in the right lower lobe"},
            {"心电图", "Electrocardiogram", "窦性心律，正常心电图", "Sinus rhythm, normal ECG",
                    "窦性心动过速，ST段压低", "Sinus tachycardia, ST depression"},
            {"腹部B超", "Abdominal ultrasound", "肝胆胰脾未见明显异常", "Liver, gallbladder, pancreas, spleen normal",
                    "胆囊多发结石", "Multiple gallstones"}};

    private static final String[] ALLERGIES_ZH = {"青霉素", "头孢类", "磺胺类", "阿司匹林", "海鲜", "花粉", "尘螨", "鸡蛋"};
    private static final String[] ALLERGIES_EN = {"Penicillin", "Cephalosporins", "Sulfonamides", "Aspirin",
            "Seafood", "Pollen", "Dust mites", "Eggs"};
    private static final String[] FEMALE_CHARS = ("秀英华慧巧美娜静淑惠珠翠雅芝玉萍红玲芬芳燕彩春菊兰凤洁梅琳素云莲"
            + "雪荣爱霞香月媛艳瑞佳嘉琼珍莉桂叶璐娅琦晶妍茜秋珊莎锦黛青倩婷婉娴瑾颖露瑶怡雁蓓仪荷丹蓉君琴蕊薇菁梦岚"
            + "婕馨韵悦昭冰爽茗羽欣滢筠柔竹凝晓欢枫芸菲宜舒影丽妮萱雯紫逸蝶").split("");
    private static final String[] MALE_CHARS = ("伟刚勇毅俊峰强军平东文辉力明永健世广志义兴良海山仁波宁贵福生龙"
            + "元全国胜学祥才发武新利清飞彬富顺信杰涛昌成康星光天达安岩中茂进林坚和博诚先敬震振壮思群豪邦承乐绍"
            + "功松善厚庆磊民友裕河哲江超浩亮政谦奇翰朗伯宏鸣朋斌梁栋维启克伦翔旭鹏泽晨辰建家致树德泰盛雄钧冠腾航").split("");
    private static final String[] AREA_CODES = {"110101", "110105", "310101", "310115", "440103", "440305",
            "320102", "330106", "420102", "510104", "610113", "370102", "210102", "500103", "120101", "430102",
            "350203", "130102", "410105", "530102"};
    private static final String[] MOBILE_PREFIXES = {"130", "131", "132", "133", "135", "136", "137", "138", "139",
            "150", "151", "152", "155", "157", "158", "159", "166", "176", "177", "180", "182", "186", "187", "188",
            "189", "191", "199"};
    private static final String[][] BLOOD_TYPES = {{"O+", "30"}, {"A+", "28"}, {"B+", "29"}, {"AB+", "9"},
            {"O-", "1"}, {"A-", "1"}, {"B-", "1"}, {"AB-", "1"}};
    private static final String[][] FREQUENCIES = {{"qd", "每日一次", "once daily", "1"},
            {"bid", "每日两次", "twice daily", "2"}, {"tid", "每日三次", "three times daily", "3"}};
    private static final String[] DOCTOR_TITLES_ZH = {"主任医师", "副主任医师", "主治医师", "住院医师"};
    private static final String[] DOCTOR_TITLES_EN = {"Chief Physician", "Associate Chief Physician",
            "Attending Physician", "Resident"};
    private static final String[] NURSE_TITLES_ZH = {"主任护师", "副主任护师", "主管护师", "护师", "护士"};
    private static final String[] NURSE_TITLES_EN = {"Chief Nurse", "Associate Chief Nurse", "Nurse-in-charge",
            "Senior Nurse", "Nurse"};
    private static final String[] PHARMACIST_TITLES_ZH = {"主任药师", "主管药师", "药师"};
    private static final String[] PHARMACIST_TITLES_EN = {"Chief Pharmacist", "Senior Pharmacist", "Pharmacist"};
    private static final String[] TECHNICIAN_TITLES_ZH = {"主管技师", "技师"};
    private static final String[] TECHNICIAN_TITLES_EN = {"Senior Technician", "Technician"};
    private static final String[] CANCEL_REASONS_ZH = {"患者拒绝用药", "医嘱调整", "重复开具"};
    private static final String[] CANCEL_REASONS_EN = {"Patient declined", "Orders changed", "Issued twice"};

    private final SeedPlan plan;
    private final boolean zh;
    private final IdBase ids;
    private final Reference reference;
    private final Pin pin;
    private final Map<Long, List<String[]>> diagnosesByDepartment = new HashMap<>();
    private final long historySeconds;

    public FakeDataGenerator(SeedPlan plan, IdBase ids, Reference reference, Pin pin) {
        this.plan = plan;
        this.zh = plan.locale() == SeedLocale.ZH_CN;
        this.ids = ids;
        this.reference = reference;
        this.pin = pin;
        this.historySeconds = Math.max(1, plan.historyDays()) * 86_400L;
        Map<String, List<String[]>> byCode = new HashMap<>();
        for (String[] d : DIAGNOSES) {
            byCode.computeIfAbsent(d[0], k -> new ArrayList<>()).add(d);
        }
        for (DepartmentRow department : reference.departments()) {
            diagnosesByDepartment.put(department.id(), byCode.getOrDefault(department.code().replaceAll("-.*", ""),
                    byCode.get("INT")));
        }
    }

    // ------------------------------------------------------------------ the hospital: departments, staff, drugs

    /** Department codes of the generated hospital, in order; clinical ones first. */
    static List<String[]> departmentTemplates() {
        return Arrays.asList(DEPARTMENTS);
    }

    static Faker faker(SeedLocale locale, Random random) {
        return new Faker(locale == SeedLocale.ZH_CN ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH, random);
    }

    /** The hospital and its departments, ids from the given bases. */
    static HospitalAndDepartments hospital(SeedPlan plan, long hospitalId, long firstDepartmentId) {
        boolean zh = plan.locale() == SeedLocale.ZH_CN;
        Random random = new Random(mix(plan.seed(), -1));
        Faker faker = faker(plan.locale(), random);
        String city = faker.address().city();
        String name = zh ? city + "市第" + "一二三四五六七八九".charAt(random.nextInt(9)) + "人民医院"
                : city + " General Hospital";
        String address = zh ? city + "市" + faker.address().streetAddress() : faker.address().fullAddress();
        HospitalRow hospital = new HospitalRow(hospitalId, "H" + hospitalId, name, trim(address, 500),
                zh ? "0" + (10 + random.nextInt(89)) + "-" + (60_000_000 + random.nextInt(30_000_000))
                        : "+1 555 " + (100 + random.nextInt(900)) + " " + (1000 + random.nextInt(9000)));
        List<DepartmentRow> departments = new ArrayList<>();
        for (int i = 0; i < DEPARTMENTS.length; i++) {
            String[] d = DEPARTMENTS[i];
            departments.add(new DepartmentRow(firstDepartmentId + i, hospitalId, d[0], zh ? d[1] : d[2],
                    zh ? d[2] : d[1]));
        }
        return new HospitalAndDepartments(hospital, departments);
    }

    record HospitalAndDepartments(HospitalRow hospital, List<DepartmentRow> departments) {
    }

    record StaffAndUsers(List<UserRow> users, List<StaffRow> staff) {
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
        Random random = new Random(mix(plan.seed(), -2));
        Faker faker = faker(plan.locale(), random);
        List<DepartmentRow> clinical = new ArrayList<>();
        List<DepartmentRow> technical = new ArrayList<>();
        DepartmentRow pharmacy = null;
        for (DepartmentRow d : departments) {
            String kind = Arrays.stream(DEPARTMENTS).filter(t -> t[0].equals(d.code())).findFirst()
                    .map(t -> t[3]).orElse("C");
            switch (kind) {
                case "T" -> technical.add(d);
                case "P" -> pharmacy = d;
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
                String name = personName(faker, random, zh, female);
                String[] titles = switch (kinds[k]) {
                    case "DOCTOR" -> zh ? DOCTOR_TITLES_ZH : DOCTOR_TITLES_EN;
                    case "NURSE" -> zh ? NURSE_TITLES_ZH : NURSE_TITLES_EN;
                    case "PHARMACIST" -> zh ? PHARMACIST_TITLES_ZH : PHARMACIST_TITLES_EN;
                    default -> zh ? TECHNICIAN_TITLES_ZH : TECHNICIAN_TITLES_EN;
                };
                String username = kinds[k].toLowerCase().substring(0, 3) + staffId;
                users.add(new UserRow(userId, username, kinds[k], name));
                staff.add(new StaffRow(staffId, userId, department.id(), "S" + staffId, name, kinds[k],
                        titles[random.nextInt(titles.length)], phone(random, zh),
                        username + (zh ? "@hospital.example.cn" : "@hospital.example.com")));
            }
        }
        return new StaffAndUsers(users, staff);
    }

    // ------------------------------------------------------------------ patients and their care

    /** Patients [from, to) of the run with everything that hangs off them. */
    public Batch batch(int index, int from, int to) {
        Random random = new Random();
        Faker faker = faker(plan.locale(), random);
        int vpp = plan.visitsPerPatient();
        List<PatientRow> patients = new ArrayList<>(to - from);
        List<VisitRow> visits = new ArrayList<>((to - from) * vpp);
        List<PrescriptionRow> prescriptions = new ArrayList<>((int) Math.min(Integer.MAX_VALUE,
                (long) (to - from) * vpp * plan.prescriptionsPerVisit()));
        List<ExaminationRow> examinations = new ArrayList<>();
        List<VitalSignRow> vitals = new ArrayList<>();
        for (int p = from; p < to; p++) {
            random.setSeed(mix(plan.seed(), p));
            boolean pinned = pin != null && p == 0;
            PatientRow patient = patient(faker, random, ids.patient() + p, pinned ? pin.patientUserId() : null);
            patients.add(patient);
            Instant[] starts = new Instant[vpp];
            for (int v = 0; v < vpp; v++) {
                starts[v] = plan.anchor().minusSeconds(60 + (long) (random.nextDouble() * historySeconds));
            }
            Arrays.sort(starts);
            for (int v = 0; v < vpp; v++) {
                long visitIndex = (long) p * vpp + v;
                visit(random, patient, visitIndex, starts[v], pinned, visits, prescriptions, examinations, vitals);
            }
        }
        return new Batch(index, patients, visits, prescriptions, examinations, vitals);
    }

    private PatientRow patient(Faker faker, Random random, long id, Long userId) {
        boolean female = random.nextBoolean();
        int ageDays = (int) (random.nextDouble() * random.nextDouble() * 90 * 365) + 30;
        LocalDate birth = LocalDate.ofInstant(plan.anchor(), ZoneOffset.UTC).minusDays(ageDays);
        String name = personName(faker, random, zh, female);
        String idNumber = zh ? residentId(random, birth, female)
                : String.format("%03d-%02d-%04d", 100 + random.nextInt(665), 1 + random.nextInt(99),
                1 + random.nextInt(9999));
        String address = zh ? faker.address().city() + "市" + faker.address().streetAddress()
                : faker.address().fullAddress();
        String allergies = null;
        if (random.nextInt(100) < 15) {
            String[] names = zh ? ALLERGIES_ZH : ALLERGIES_EN;
            String first = names[random.nextInt(names.length)];
            String second = random.nextInt(3) == 0 ? names[random.nextInt(names.length)] : first;
            allergies = first.equals(second) ? first : first + (zh ? "、" : ", ") + second;
        }
        String email = random.nextInt(10) < 3 ? "p" + id + (zh ? "@mail.example.cn" : "@mail.example.com") : null;
        return new PatientRow(id, userId, String.format("MRN%010d", id), name, female ? "FEMALE" : "MALE", birth,
                idNumber, phone(random, zh), email, trim(address, 500), bloodType(random), allergies,
                personName(faker, random, zh, random.nextBoolean()), phone(random, zh));
    }

    private void visit(Random random, PatientRow patient, long visitIndex, Instant start, boolean pinned,
                       List<VisitRow> visits, List<PrescriptionRow> prescriptions,
                       List<ExaminationRow> examinations, List<VitalSignRow> vitals) {
        long visitId = ids.visit() + visitIndex;
        StaffRef doctor = pinned ? pin.doctor() : pick(random, reference.doctors());
        List<String[]> diagnoses = diagnosesByDepartment.getOrDefault(doctor.departmentId(),
                diagnosesByDepartment.values().iterator().next());
        String[] diagnosis = diagnoses.get(random.nextInt(diagnoses.size()));
        String departmentCode = diagnosis[0];
        String type = departmentCode.equals("EMER") ? "EMERGENCY" : departmentCode.equals("ICU") ? "INPATIENT"
                : random.nextInt(10) == 0 ? "INPATIENT" : "OUTPATIENT";
        Duration length = switch (type) {
            case "INPATIENT" -> Duration.ofHours(48 + random.nextInt(12 * 24));
            case "EMERGENCY" -> Duration.ofMinutes(60 + random.nextInt(300));
            default -> Duration.ofMinutes(10 + random.nextInt(50));
        };
        Instant end = start.plus(length);
        String status;
        if (end.isAfter(plan.anchor())) {
            status = "OPEN";
            end = null;
        } else if (random.nextInt(100) < 3) {
            status = "CANCELLED";
            end = start.plusSeconds(300);
        } else {
            status = "CLOSED";
        }
        Instant last = end == null ? plan.anchor() : end;
        visits.add(new VisitRow(visitId, patient.id(), doctor.id(), doctor.departmentId(), type, status, start, end,
                zh ? diagnosis[4] : diagnosis[5], zh ? diagnosis[2] : diagnosis[3], diagnosis[1]));

        for (int r = 0; r < plan.prescriptionsPerVisit(); r++) {
            long prescriptionIndex = visitIndex * plan.prescriptionsPerVisit() + r;
            prescriptions.add(prescription(random, visitId, patient.id(), doctor, prescriptionIndex,
                    within(random, start, last, 5 * 60, 40 * 60), last, status.equals("CANCELLED"), pinned));
        }
        for (int e = 0; e < plan.examinationsPerVisit(); e++) {
            StaffRef technician = pinned ? pin.technician() : pick(random, reference.technicians());
            examinations.add(examination(random, ids.examination() + visitIndex * plan.examinationsPerVisit() + e,
                    visitId, patient.id(), technician, within(random, start, last, 10 * 60, 90 * 60)));
        }
        for (int s = 0; s < plan.vitalSignsPerVisit(); s++) {
            vitals.add(vitalSign(random, ids.vitalSign() + visitIndex * plan.vitalSignsPerVisit() + s, patient.id(),
                    visitId, s, within(random, start, last, 60, 20 * 60)));
        }
    }

    private PrescriptionRow prescription(Random random, long visitId, long patientId, StaffRef doctor, long index,
                                         Instant issued, Instant last, boolean visitCancelled, boolean pinned) {
        long id = ids.prescription() + index;
        List<ItemRow> items = new ArrayList<>(plan.itemsPerPrescription());
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (int k = 0; k < plan.itemsPerPrescription(); k++) {
            DrugRow drug = pick(random, reference.drugs());
            String[] frequency = FREQUENCIES[random.nextInt(FREQUENCIES.length)];
            int days = random.nextInt(4) == 0 ? 28 : 3 + random.nextInt(12);
            int quantity = 1 + random.nextInt(3);
            BigDecimal amount = drug.price().multiply(BigDecimal.valueOf(quantity)).setScale(2, RoundingMode.HALF_UP);
            total = total.add(amount);
            String dose = (1 + random.nextInt(2)) + "";
            items.add(new ItemRow(ids.item() + index * plan.itemsPerPrescription() + k, id, drug.id(), quantity,
                    zh ? "每次" + dose + doseUnit(drug.dosageForm()) : dose + " dose(s) each time",
                    frequency[0] + " " + (zh ? frequency[1] : frequency[2]), days, drug.price(), amount));
        }
        int roll = random.nextInt(100);
        StaffRef pharmacist = pinned ? pin.pharmacist() : pick(random, reference.pharmacists());
        Instant dispensed = issued.plusSeconds(600 + random.nextInt(3000));
        if (visitCancelled || roll < 6) {
            String[] reasons = zh ? CANCEL_REASONS_ZH : CANCEL_REASONS_EN;
            Instant cancelled = issued.plusSeconds(120 + random.nextInt(1200));
            return new PrescriptionRow(id, visitId, patientId, doctor.id(), doctor.departmentId(), null, "CANCELLED",
                    issued, null, cancelled.isAfter(plan.anchor()) ? plan.anchor() : cancelled,
                    reasons[random.nextInt(reasons.length)], total, items);
        }
        if (roll < 14 || dispensed.isAfter(plan.anchor()) || dispensed.isAfter(last.plusSeconds(86_400))) {
            return new PrescriptionRow(id, visitId, patientId, doctor.id(), doctor.departmentId(), null, "ISSUED",
                    issued, null, null, null, total, items);
        }
        return new PrescriptionRow(id, visitId, patientId, doctor.id(), doctor.departmentId(), pharmacist.id(),
                "DISPENSED", issued, dispensed, null, null, total, items);
    }

    private ExaminationRow examination(Random random, long id, long visitId, long patientId, StaffRef technician,
                                       Instant performed) {
        boolean abnormal = random.nextInt(100) < 15;
        if (random.nextInt(LAB_ITEMS.length + REPORT_ITEMS.length) >= LAB_ITEMS.length) {
            String[] item = REPORT_ITEMS[random.nextInt(REPORT_ITEMS.length)];
            String result = abnormal ? (zh ? item[4] : item[5]) : (zh ? item[2] : item[3]);
            return new ExaminationRow(id, visitId, patientId, technician.id(), zh ? item[0] : item[1], result, null,
                    null, abnormal, performed);
        }
        String[] item = LAB_ITEMS[random.nextInt(LAB_ITEMS.length)];
        double low = Double.parseDouble(item[3]);
        double high = Double.parseDouble(item[4]);
        double span = high - low;
        double value = abnormal
                ? (random.nextBoolean() && low > 0 ? low - span * (0.05 + random.nextDouble() * 0.3)
                : high + span * (0.05 + random.nextDouble() * 0.8))
                : low + span * (0.05 + random.nextDouble() * 0.9);
        BigDecimal rounded = BigDecimal.valueOf(Math.max(0, value)).setScale(Integer.parseInt(item[5]),
                RoundingMode.HALF_UP);
        boolean flagged = rounded.doubleValue() < low || rounded.doubleValue() > high;
        return new ExaminationRow(id, visitId, patientId, technician.id(), zh ? item[0] : item[1],
                rounded.toPlainString(), item[2], item[3] + "-" + item[4], flagged, performed);
    }

    /**
     * One measurement of the visit, types in turn. About one in twelve lies outside the normal range (flagged), but
     * every value stays inside the validation rules of DESIGN.md.
     */
    private static VitalSignRow vitalSign(Random random, long id, long patientId, long visitId, int n,
                                          Instant measured) {
        boolean abnormal = random.nextInt(12) == 0;
        return switch (n % 4) {
            case 0 -> {
                int rate = abnormal ? (random.nextBoolean() ? 38 + random.nextInt(21) : 101 + random.nextInt(60))
                        : 60 + random.nextInt(41);
                yield new VitalSignRow(id, patientId, visitId, "HEART_RATE", BigDecimal.valueOf(rate), null, "/min",
                        rate < 60 || rate > 100, measured);
            }
            case 1 -> {
                int systolic = abnormal ? 140 + random.nextInt(51) : 95 + random.nextInt(44);
                int diastolic = abnormal ? 90 + random.nextInt(21) : 60 + random.nextInt(29);
                diastolic = Math.min(diastolic, systolic - 20);
                yield new VitalSignRow(id, patientId, visitId, "BLOOD_PRESSURE", BigDecimal.valueOf(systolic),
                        BigDecimal.valueOf(diastolic), "mmHg",
                        systolic < 90 || systolic >= 140 || diastolic < 60 || diastolic >= 90, measured);
            }
            case 2 -> {
                int saturation = abnormal ? 85 + random.nextInt(10) : 95 + random.nextInt(6);
                yield new VitalSignRow(id, patientId, visitId, "SPO2", BigDecimal.valueOf(saturation), null, "%",
                        saturation < 95, measured);
            }
            default -> {
                int tenths = abnormal ? 374 + random.nextInt(27) : 360 + random.nextInt(14);
                BigDecimal celsius = BigDecimal.valueOf(tenths, 1);
                yield new VitalSignRow(id, patientId, visitId, "TEMPERATURE", celsius, null, "°C",
                        tenths < 360 || tenths > 373, measured);
            }
        };
    }

    // ------------------------------------------------------------------ small pieces

    static String personName(Faker faker, Random random, boolean zh, boolean female) {
        if (!zh) {
            return (female ? faker.name().femaleFirstName() : faker.name().malefirstName()) + " "
                    + faker.name().lastName();
        }
        String surname = faker.name().lastName();
        if (!female && random.nextInt(4) == 0) {
            return surname + faker.name().firstName(); // Datafaker's zh_CN given names are boys' names
        }
        String[] chars = female ? FEMALE_CHARS : MALE_CHARS;
        String given = chars[random.nextInt(chars.length)];
        if (random.nextInt(10) < 7) {
            given += chars[random.nextInt(chars.length)];
        }
        return surname + given;
    }

    /** An 18-digit resident identity number: area, birth date, sequence (odd for men), ISO 7064 check digit. */
    static String residentId(Random random, LocalDate birth, boolean female) {
        int sequence = random.nextInt(500) * 2 + (female ? 0 : 1);
        String body = AREA_CODES[random.nextInt(AREA_CODES.length)] + birth.format(BIRTH)
                + String.format("%03d", sequence);
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

    private static String phone(Random random, boolean zh) {
        if (zh) {
            return MOBILE_PREFIXES[random.nextInt(MOBILE_PREFIXES.length)]
                    + String.format("%08d", random.nextInt(100_000_000));
        }
        return "+1 555 " + (200 + random.nextInt(800)) + " " + String.format("%04d", random.nextInt(10_000));
    }

    private static String bloodType(Random random) {
        int roll = random.nextInt(100);
        for (String[] type : BLOOD_TYPES) {
            roll -= Integer.parseInt(type[1]);
            if (roll < 0) {
                return type[0];
            }
        }
        return "O+";
    }

    private static String doseUnit(String dosageForm) {
        return switch (dosageForm) {
            case "片剂", "滴丸" -> "片";
            case "胶囊" -> "粒";
            case "颗粒剂", "散剂" -> "袋";
            case "注射液" -> "支";
            case "吸入剂", "气雾剂" -> "吸";
            case "软膏" -> "次（外用）";
            default -> "份";
        };
    }

    /** A time between start + min and start + max seconds, never after last. */
    private static Instant within(Random random, Instant start, Instant last, int minSeconds, int maxSeconds) {
        Instant at = start.plusSeconds(minSeconds + random.nextInt(Math.max(1, maxSeconds - minSeconds)));
        return at.isAfter(last) ? last : at;
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String trim(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    /** A well-spread 64-bit seed from (run seed, stream): SplitMix64's finaliser. */
    static long mix(long seed, long stream) {
        long z = seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
