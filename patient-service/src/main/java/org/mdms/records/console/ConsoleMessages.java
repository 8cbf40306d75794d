package org.mdms.records.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;
import org.mdms.records.auth.Role;
import org.mdms.records.patient.Patient;

/** The console's words: Chinese by default, English in messages/msg_en.properties. */
@MessageBundle(value = "msg", locale = "zh")
public interface ConsoleMessages {

    @Message("MDMS 医疗数据管理") String app_name();
    @Message("跳到正文") String skip_to_content();
    @Message("主导航") String main_navigation();
    @Message("English") String other_language();
    @Message("en") String other_language_code();
    @Message("登录") String sign_in();
    @Message("退出登录") String sign_out();
    @Message("用户名") String username();
    @Message("密码") String password();
    @Message("用户名或密码错误") String bad_credentials();
    @Message("尝试次数过多，请 {seconds} 秒后再试") String too_many_attempts(long seconds);
    @Message("请填写{field}") String required(String field);
    @Message("会话已结束，请重新登录") String session_ended();
    @Message("已退出登录") String signed_out();
    @Message("首页") String home();
    @Message("欢迎，{name}") String welcome(String name);
    @Message("您的角色：") String your_role();
    @Message("患者查询") String patients();
    @Message("我的病历") String my_record();
    @Message("按姓名（前缀）、病历号、电话或身份证号查找患者，打开病历。") String patients_help();
    @Message("查看本人的就诊记录与处方。") String my_record_help();
    @Message("数据分析看板") String analytics();
    @Message("七项统计问题的交互图表、CSV 下载，以及数据同步与对账状态。") String analytics_help();
    @Message("姓名、病历号、电话或身份证号") String search_hint();
    @Message("搜索") String search();
    @Message("输入至少一个字开始查找。") String search_prompt();
    @Message("没有找到匹配的患者。") String no_results();
    @Message("共 {total} 条，第 {page} / {pages} 页") String page_of(long total, int page, int pages);
    @Message("上一页") String previous();
    @Message("下一页") String next();
    @Message("病历号") String mrn();
    @Message("姓名") String name();
    @Message("性别") String gender();
    @Message("年龄") String age();
    @Message("身份证号") String id_number();
    @Message("出生日期") String birth_date();
    @Message("电话") String phone();
    @Message("电子邮箱") String email();
    @Message("地址") String address();
    @Message("血型") String blood_type();
    @Message("过敏史") String allergies();
    @Message("紧急联系人") String emergency_contact();
    @Message("基本信息") String demographics();
    @Message("就诊记录") String visits();
    @Message("处方") String prescriptions();
    @Message("暂无记录。") String none_yet();
    @Message("您的角色在此不显示这部分内容。") String section_hidden();
    @Message("开始时间") String started_at();
    @Message("类型") String type();
    @Message("状态") String status();
    @Message("主诉") String chief_complaint();
    @Message("诊断") String diagnosis();
    @Message("开具时间") String issued_at();
    @Message("药品") String items();
    @Message("金额") String total();
    @Message("{count} 项") String item_count(int count);
    @Message("无权访问") String forbidden();
    @Message("未找到") String not_found();
    @Message("请求有误") String bad_request();
    @Message("出错了") String error();
    @Message("表单已失效，请返回刷新页面后重试。") String csrf_refused();
    @Message("返回首页") String back_home();

    @Message("{#when role}{#is ADMIN}管理员{#is DOCTOR}医生{#is NURSE}护士{#is PHARMACIST}药师"
            + "{#is TECHNICIAN}技师{#is ANALYST}分析员{#is PATIENT}患者{/when}")
    String role(Role role);

    @Message("{#when gender}{#is MALE}男{#is FEMALE}女{#is OTHER}其他{#else}未知{/when}")
    String gender_of(Patient.Gender gender);

    // --- clinical pages (ClinicalResource): visits, examinations, vital signs, prescribing, dispensing, patients
    @Message("今日就诊") String todays_visits();
    @Message("查看您今天的就诊，记录检查与生命体征，开具处方。") String todays_visits_help();
    @Message("今天还没有您的就诊。") String no_visits_today();
    @Message("患者") String patient();
    @Message("打开") String open();
    @Message("就诊") String visit();
    @Message("检查检验") String examinations();
    @Message("记录检查结果") String record_examination();
    @Message("项目") String exam_item();
    @Message("结果") String result();
    @Message("单位") String unit();
    @Message("参考范围") String reference_range();
    @Message("异常") String abnormal();
    @Message("正常") String normal();
    @Message("检查时间") String performed_at();
    @Message("生命体征") String vital_signs();
    @Message("记录生命体征") String record_vital_sign();
    @Message("数值") String value();
    @Message("舒张压（仅血压）") String secondary_value();
    @Message("测量时间") String measured_at();
    @Message("正常范围") String normal_range();
    @Message("开处方") String prescribe();
    @Message("查找药品") String drug_search();
    @Message("药品名称、通用名或编码") String drug_search_hint();
    @Message("添加") String add();
    @Message("药品") String drug();
    @Message("数量") String quantity();
    @Message("用量") String dosage();
    @Message("频次") String frequency();
    @Message("天数") String days();
    @Message("备注") String note();
    @Message("单价") String unit_price();
    @Message("金额") String amount();
    @Message("开具处方") String issue_prescription();
    @Message("单价与合计由服务器按药品目录计算，开具后显示。") String total_by_server();
    @Message("没有找到可开的药品。") String no_drugs();
    @Message("尚未添加药品：先查找药品再点“添加”。") String no_lines();
    @Message("作废处方") String cancel_prescription();
    @Message("作废原因") String cancel_reason();
    @Message("发药队列") String pharmacy();
    @Message("待发药的处方，按开具时间先后排列。") String pharmacy_help();
    @Message("没有待发药的处方。") String pharmacy_empty();
    @Message("发药") String dispense();
    @Message("登记新患者") String register_patient();
    @Message("编辑患者信息") String edit_patient();
    @Message("保存") String save();
    @Message("与当前状态冲突") String conflict();
    @Message("请更正标出的字段。") String form_has_errors();
    @Message("返回就诊") String back_to_visit();
    @Message("请选择") String choose();
    @Message("医生") String doctor_visits();
    @Message("处方 {id} 已发药。") String dispensed_notice(long id);
    @Message("{#when status}{#is OPEN}进行中{#is CLOSED}已结束{#is CANCELLED}已取消{/when}")
    String visit_status(org.mdms.records.visit.Visit.Status status);
    @Message("{#when type}{#is OUTPATIENT}门诊{#is INPATIENT}住院{#is EMERGENCY}急诊{/when}")
    String visit_type(org.mdms.records.visit.Visit.Type type);
    @Message("{#when status}{#is ISSUED}待发药{#is DISPENSED}已发药{#is CANCELLED}已作废{/when}")
    String rx_status(org.mdms.records.prescription.Prescription.Status status);
    @Message("{#when type}{#is HEART_RATE}心率{#is BLOOD_PRESSURE}血压{#is SPO2}血氧饱和度{#is TEMPERATURE}体温{/when}")
    String vital_type(org.mdms.records.vitals.VitalType type);
    // --- admin pages (users, audit, patient delete/restore) and the API's refusals in Chinese
    @Message("管理") String admin();
    @Message("用户管理") String admin_users();
    @Message("审计查询") String audit();
    @Message("用户名或显示名（前缀）") String user_search_hint();
    @Message("没有找到匹配的用户。") String no_users();
    @Message("显示名") String display_name();
    @Message("角色") String role_label();
    @Message("正常") String user_enabled();
    @Message("已停用") String user_disabled();
    @Message("已锁定") String user_locked();
    @Message("锁定至") String locked_until();
    @Message("新建用户") String new_user();
    @Message("创建") String create();
    @Message("停用账户") String disable_user();
    @Message("停用后，该用户的所有会话立即结束。") String disable_help();
    @Message("启用账户") String enable_user();
    @Message("解除锁定") String unlock_user();
    @Message("重置密码") String reset_password();
    @Message("新密码") String new_password();
    @Message("设置密码") String set_password();
    @Message("用户已创建。") String user_created();
    @Message("账户已停用，该用户的会话已结束。") String user_was_disabled();
    @Message("账户已启用。") String user_was_enabled();
    @Message("账户已解除锁定。") String user_was_unlocked();
    @Message("密码已设置，该用户需重新登录。") String user_password_set();
    @Message("操作人") String audit_who();
    @Message("操作") String audit_what();
    @Message("患者 ID") String audit_patient();
    @Message("起始时间（UTC）") String audit_from();
    @Message("截止时间（UTC）") String audit_to();
    @Message("时间（UTC）") String audit_when();
    @Message("详情") String audit_detail();
    @Message("没有符合条件的审计记录。") String no_audit();
    @Message("患者记录管理") String patient_admin();
    @Message("返回病历") String back_to_chart();
    @Message("此患者记录已删除（软删除），仅管理员可见。") String patient_is_deleted();
    @Message("删除原因") String delete_reason();
    @Message("删除患者记录") String delete_patient();
    @Message("恢复患者记录") String restore_patient();
    @Message("谁打开过此病历") String opened_by();
    @Message("包括已删除的患者") String include_deleted();
    @Message("已删除") String deleted_badge();
    @Message("请求有误，请检查输入。") String problem_bad_request();
    @Message("您无权执行此操作或查看此内容。") String problem_forbidden();
    @Message("记录不存在或已删除。") String problem_not_found();
    @Message("操作与记录的当前状态冲突，请刷新后重试。") String problem_conflict();
    @Message("此项必填") String field_required();
    @Message("格式不正确") String field_format();
    @Message("须为正数") String field_positive();
    @Message("已被使用（或与现有名称仅大小写不同）") String field_taken();
    @Message("引用的记录不存在或不匹配") String field_unknown();
    @Message("输入有误") String field_invalid();
    @Message("在审计查询中查看全部 {total} 条") String opened_by_all(long total);
    @Message("以下字段有误：{fields}") String problem_fields(String fields);
    @Message("与现有记录冲突：{fields} 已被使用。") String problem_taken(String fields);
    @Message("引用的记录不存在或不匹配：{fields}") String problem_unknown(String fields);
    @Message("长度须在 {min} 到 {max} 个字符之间") String field_size(int min, int max);

    // --- admin pages: hospitals, departments, staff
    @Message("医院") String hospitals();
    @Message("科室") String departments();
    @Message("医护人员") String staff();
    @Message("编码") String code();
    @Message("编辑") String edit();
    @Message("取消") String cancel();
    @Message("医院") String hospital();
    @Message("说明") String description();
    @Message("工号") String staff_no();
    @Message("类别") String staff_kind();
    @Message("科室") String department();
    @Message("登录账户 ID") String user_id();
    @Message("职称") String title();
    @Message("在职") String active();

    @Message("{#when kind}{#is DOCTOR}医生{#is NURSE}护士{#is PHARMACIST}药师{#is TECHNICIAN}技师{/when}")
    String staff_kind_of(org.mdms.records.staff.Staff.Kind kind);

    // --- the ward view and the alert inbox (WardConsoleResource)
    @Message("病区") String wards();
    @Message("{name} · 病区实时") String ward_title(String name);
    @Message("本科室在院患者（进行中的就诊）各项生命体征的最新读数，实时更新，无需刷新；异常值标为“异常”。") String ward_help();
    @Message("选择科室查看病区。") String ward_choose();
    @Message("本科室目前没有在院患者。") String ward_empty();
    @Message("患者") String ward_new_patient();
    @Message("正在连接实时数据…") String live_connecting();
    @Message("实时更新中") String live_on();
    @Message("实时连接中断，正在重连…") String live_lost();
    @Message("当前警报") String current_alerts();
    @Message("—") String no_reading();
    @Message("警报") String alerts_inbox();
    @Message("您可查看的未处理与已确认警报，按严重程度排列；新警报实时出现。") String alerts_help();
    @Message("没有未处理的警报。") String no_alerts();
    @Message("严重程度") String severity();
    @Message("警报") String alert();
    @Message("发生时间") String alert_opened_at();
    @Message("操作") String actions();
    @Message("确认") String acknowledge();
    @Message("确认备注（可选）") String acknowledge_note();
    @Message("解除") String resolve();
    @Message("警报 {id} 已确认。") String alert_acknowledged_notice(long id);
    @Message("警报 {id} 已解除。") String alert_resolved_notice(long id);
    @Message("科室警报统计（近 7 天发生的警报）") String alert_statistics();
    @Message("确认用时与解除用时自警报发生起计，单位为秒；百分位按最近秩法（nearest-rank）取值。") String statistics_rule();
    @Message("近 7 天没有警报。") String no_statistics();
    @Message("无科室") String no_department();
    @Message("合计") String stat_total();
    @Message("确认用时 p50 / p95") String time_to_acknowledge();
    @Message("解除用时 p50 / p95") String time_to_resolve();
    @Message("{#when severity}{#is LOW}低{#is MEDIUM}中{#is HIGH}高{#is CRITICAL}危急{/when}")
    String severity_of(org.mdms.records.alert.Severity severity);
    @Message("{#when status}{#is OPEN}未处理{#is ACKNOWLEDGED}已确认{#is RESOLVED}已解除{/when}")
    String alert_status_of(org.mdms.records.alert.AlertStatus status);
    // --- visits opened and closed, prescription lines removed (issue 14)
    @Message("开始就诊") String open_visit();
    @Message("结束就诊") String close_visit();
    @Message("结束时间") String ended_at();
    @Message("留空即为现在") String ended_at_hint();
    @Message("诊断编码（ICD-10）") String diagnosis_code();
    @Message("接诊医生：{name}") String doctor_is(String name);
    @Message("移除") String remove_line();
    @Message("合计（服务器按药品目录价格计算）") String draft_total();
}
