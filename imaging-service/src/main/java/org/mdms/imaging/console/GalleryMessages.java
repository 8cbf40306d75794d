package org.mdms.imaging.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The gallery's words: Chinese by default, English in messages/msg_en.properties. */
@MessageBundle(value = "msg", locale = "zh")
public interface GalleryMessages {

    @Message("MDMS 医疗数据管理") String app_name();
    @Message("跳到正文") String skip_to_content();
    @Message("主导航") String main_navigation();
    @Message("English") String other_language();
    @Message("en") String other_language_code();
    @Message("首页") String home();
    @Message("患者查询") String patients();
    @Message("我的病历") String my_record();
    @Message("影像") String images();
    @Message("患者 {id} 的影像") String images_of(long id);
    @Message("返回病历") String back_to_chart();
    @Message("返回影像列表") String back_to_gallery();
    @Message("类别") String category();
    @Message("全部类别") String all_categories();
    @Message("筛选") String filter();
    @Message("暂无影像。") String none_yet();
    @Message("共 {total} 张，第 {page} / {pages} 页") String page_of(long total, int page, int pages);
    @Message("上一页") String previous();
    @Message("下一页") String next();
    @Message("缩略图生成中…") String thumbnail_pending();
    @Message("缩略图生成失败，原图仍可下载。") String thumbnail_failed();
    @Message("上传影像") String upload();
    @Message("文件") String file();
    @Message("可将文件拖放到此处。") String drop_hint();
    @Message("标题") String title();
    @Message("描述") String description();
    @Message("可见范围") String visibility();
    @Message("{#if v == 'PUBLIC'}公开（临床人员可见）{#else}私密（本人、诊治人员、上传者、管理员）{/if}")
    String visibility_of(String v);
    @Message("上传") String submit_upload();
    @Message("上传未成功：") String upload_failed();
    @Message("已上传。") String uploaded();
    @Message("查看原图") String open_original();
    @Message("下载") String download();
    @Message("文件名") String file_name();
    @Message("尺寸") String dimensions();
    @Message("大小") String size();
    @Message("上传者") String uploaded_by();
    @Message("上传时间") String uploaded_at();
    @Message("无权访问") String forbidden();
    @Message("未找到") String not_found();
    @Message("请求有误") String bad_request();
    @Message("出错了") String error();
    @Message("表单已失效，请返回刷新页面后重试。") String csrf_refused();
    @Message("返回首页") String back_home();

    // --- sign-out, visits and dates, deleted images (issue 14)
    @Message("退出登录") String sign_out();
    @Message("从") String from();
    @Message("到") String to();
    @Message("上传日期（UTC）") String upload_day();
    @Message("就诊") String visit();
    @Message("不关联就诊") String no_visit();
    @Message("{#when type}{#is 'OUTPATIENT'}门诊{#is 'INPATIENT'}住院{#is 'EMERGENCY'}急诊{#else}{type}{/when}") String visit_type(String type);
    @Message("{#when status}{#is 'OPEN'}进行中{#is 'CLOSED'}已结束{#is 'CANCELLED'}已取消{#else}{status}{/when}") String visit_status(String status);
    @Message("已删除的影像") String deleted_images();
    @Message("患者") String patient();
    @Message("删除时间") String deleted_at();
    @Message("删除人") String deleted_by();
    @Message("删除原因") String delete_reason();
    @Message("恢复") String restore();
    @Message("影像 {id} 已恢复。") String restored(long id);
    @Message("没有已删除的影像。") String none_deleted();
    @Message("无法恢复：") String restore_failed();
}
