package org.mdms.analytics.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The dashboard's words: Chinese by default, English in messages/msg_en.properties. */
@MessageBundle(value = "msg", locale = "zh")
public interface DashboardMessages {

    @Message("MDMS 医疗数据管理") String app_name();
    @Message("跳到正文") String skip_to_content();
    @Message("主导航") String main_navigation();
    @Message("English") String other_language();
    @Message("en") String other_language_code();
    @Message("首页") String home();
    @Message("数据分析") String analytics();
    @Message("数据分析看板") String dashboard_title();
    @Message("您的角色：") String your_role();
    @Message("管理员") String role_admin();
    @Message("分析员") String role_analyst();
    @Message("本页图表需要启用 JavaScript；CSV 与图片仍可通过 API 获取。") String needs_script();
    @Message("同步与对账") String status_title();
    @Message("同步状态") String sync_status();
    @Message("最近对账") String reconciliation_runs();
    @Message("加载中…") String loading();
    @Message("下载 CSV") String csv();
    @Message("PNG 图片") String png();
    @Message("SVG 图片") String svg();
    @Message("查询") String show();
    @Message("科室") String department();
    @Message("全部科室") String all_departments();
    @Message("药品") String drug();
    @Message("医生") String doctor();
    @Message("患者 ID") String patient_id();
    @Message("年份") String year();
    @Message("起始月") String from_month();
    @Message("结束月") String to_month();
    @Message("起始日") String from_day();
    @Message("结束日") String to_day();
    @Message("日期") String date();
    @Message("统计口径") String by();
    @Message("数量") String quantity();
    @Message("金额") String amount();
    @Message("排序") String order();
    @Message("用量最多") String top();
    @Message("用量最少") String bottom();
    @Message("条数") String n();
    @Message("粒度") String granularity();
    @Message("日") String day();
    @Message("周") String week();
    @Message("月") String month();
    @Message("就诊类型") String visit_type();
    @Message("全部类型") String all_types();
    @Message("门诊") String outpatient();
    @Message("住院") String inpatient();
    @Message("急诊") String emergency();
    @Message("就诊") String visits();
    @Message("处方") String prescriptions();
    @Message("收入") String revenue();
    @Message("生命体征测量") String vital_measurements();
    @Message("异常测量") String abnormal_vitals();
    @Message("暂无数据") String no_data();
    @Message("1. 药品月度用量") String q1();
    @Message("2. 药品用量排行") String q2();
    @Message("3. 医生常用药品") String q3();
    @Message("4. 科室工作量") String q4();
    @Message("5. 就诊趋势") String q5();
    @Message("6. 患者生命体征统计") String q6();
    @Message("7. 当日概览") String q7();
    @Message("仅限管理员及与患者有诊疗关系的医护人员。") String q6_note();
    @Message("无权访问") String forbidden();
    @Message("数据分析看板仅对分析员和管理员开放。") String dashboard_forbidden();
    @Message("出错了") String error();
    @Message("返回首页") String back_home();

    // --- sign-out (issue 14)
    @Message("退出登录") String sign_out();
    @Message("表单已失效，请返回刷新页面后重试。") String csrf_refused();
}
