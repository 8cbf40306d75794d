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
}
