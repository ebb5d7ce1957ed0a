"""zh-Hant names of the change log's event types and subject types, for the auditors' pages.

Subject types are named by their models' ``verbose_name`` (every model has a zh-Hant one).

Every event type written by ``record_event`` has its name here (a test scans the code for the
literal ones); the families made at run time (``matching.reply_<status>``, ``admin.<verb>.<model>``)
are named by their parts. An unknown type shows as 「其他事件（code）」, never as a bare code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

EVENT_LABELS: dict[str, str] = {
    "api.service_account_created": "建立 API 服務帳號",
    "api.token_issued": "核發 API 權杖",
    "api.token_revoked": "撤銷 API 權杖",
    "competency.signed": "職能評量督導簽核",
    "competency.started": "開始職能自評",
    "report.monthly_requested": "申請產製月報",
    "report.figures_refreshed": "彙整已結束月份的統計數字",
    "statutory.claim_certified": "失業認定",
    "statutory.claim_ended": "失業給付案件結束",
    "statutory.claim_registered": "受理失業給付申請",
    "statutory.job_search_recorded": "登錄求職紀錄",
    "statutory.recert_stopped": "未依期再認定，停止給付",
    "statutory.reply_card": "登錄推介就業情形回覆卡",
    "statutory.subsidy_applied": "申請就業促進津貼",
    "statutory.subsidy_decided": "核定就業促進津貼",
    "statutory.subsidy_documents": "補充津貼申請文件",
    "statutory.target_group_recorded": "登錄特定對象身分",
    "statutory.target_group_withdrawn": "撤回特定對象身分",
    "statutory.training_arranged": "安排職業訓練",
    "vacancy.recheck_finished": "職缺重新檢核完成",
    "vacancy.recheck_started": "開始重新檢核所有職缺",
    "accounts.password_changed": "變更密碼",
    "accounts.user_unlocked": "解除帳號鎖定",
    "accounts.user_locked": "帳號因連續登入失敗暫時鎖定",
    "audit.access_log_exported": "匯出個資存取紀錄",
    "export.list_exported": "匯出清單（Excel／CSV）",
    "case.activity_recorded": "新增服務紀錄",
    "case.assessing": "個案進入需求評估",
    "case.assessment_recorded": "儲存就業服務需求表（O1.2.1）",
    "case.assessment_signed": "簽核就業服務需求表（O1.2.1）",
    "case.closed": "核定結案",
    "case.closure_rejected": "退回結案申請",
    "case.closure_requested": "申請結案（O3.4.1）",
    "case.confirmed": "個案進入求職規劃",
    "case.development_activity": "新增求職技能發展活動",
    "case.follow_up": "個案進入就業追蹤",
    "case.followed_up": "記錄就業追蹤",
    "case.needs_confirmed": "確認就業服務需求（T1.3）",
    "case.opened": "開案",
    "case.placed": "登錄就業",
    "case.plan_step_added": "新增計畫步驟",
    "case.plan_step_status": "變更計畫步驟狀態",
    "case.plan_changed": "修改就業計畫",
    "case.plan_created": "建立就業計畫",
    "case.planned": "個案進入求職活動（T2.1 計畫已訂定）",
    "case.reassigned": "改派個案",
    "case.reopened": "重新開案",
    "case.reviewed": "定期評估（O2.3.1）",
    "case.skills_assessed": "求職技能評估（T2.2）",
    "employer.dispute_lifted": "解除勞資爭議登錄",
    "employer.dispute_set": "登錄勞資爭議",
    "employer.registered": "新增雇主",
    "employer.updated": "修改雇主資料",
    "matching.recommended": "推介求職者",
    "matching.started": "推介就業報到",
    "matching.card_printed": "介紹卡列印交付",
    "matching.withdrawn": "撤回推介",
    "outreach.event_created": "新增宣導活動",
    "outreach.lead_captured": "登錄潛在求職者",
    "outreach.lead_converted": "潛在求職者轉為求職登記",
    "outreach.lead_declined": "潛在求職者不需服務",
    "privacy.consent_recorded": "記錄同意書",
    "privacy.consent_withdrawn": "撤回同意",
    "privacy.legal_hold_placed": "設定保存義務（暫停刪除）",
    "privacy.legal_hold_released": "解除保存義務",
    "privacy.notice_given": "告知個資蒐集事項（個資法第8條）",
    "privacy.otp_enrolled": "啟用雙因素驗證",
    "privacy.otp_failed": "雙因素驗證碼錯誤",
    "privacy.otp_locked": "雙因素驗證因連續錯誤暫時鎖定",
    "privacy.otp_refused_locked": "鎖定期間的雙因素驗證被拒",
    "privacy.otp_reset": "重設雙因素驗證",
    "privacy.request_closed": "當事人權利請求結案",
    "privacy.request_correction_applied": "依請求更正資料",
    "privacy.request_extended": "延長當事人權利請求期限",
    "privacy.request_received": "受理當事人權利請求",
    "privacy.seeker_anonymised": "求職者資料去識別化",
    "referral.closed": "轉介結束",
    "referral.consent_signed": "簽署轉介同意書（O3.3.2）",
    "referral.followed_up": "轉介追蹤",
    "referral.need_confirmed": "確認轉介需求",
    "referral.replied": "受轉介單位回覆",
    "referral.sent": "送出轉介",
    "referral.started": "建立轉介評估（O3.3.1）",
    "referral.stopped": "轉介停止",
    "seeker.changed": "修改求職者資料",
    "seeker.registered": "求職登記",
    "seeker.sensitive_changed": "修改敏感個資（加密）",
    "seeker.sensitive_recorded": "登錄敏感個資（加密）",
    "vacancy.checked": "檢核職缺內容（就業服務法第5條）",
    "vacancy.created": "新增職缺",
    "vacancy.finding_overridden": "認定檢核結果無違法",
    "vacancy.import": "匯入職缺",
    "vacancy.import_committed": "確認匯入職缺",
    "vacancy.import_discarded": "放棄匯入職缺",
    "vacancy.import_staged": "上傳待匯入職缺",
    "vacancy.import_expired": "逾期未匯入的上傳檔案已清除",
    "vacancy.occupation_confirmed": "確認職缺職業代碼",
    "vacancy.reimported": "重新匯入職缺",
    "vacancy.status_changed": "變更職缺狀態",
    "vacancy.updated": "修改職缺內容",
}

# Families of event types made at run time.
REPLY_LABELS = {
    "recommended": "已推介",
    "interview": "面試",
    "hired": "錄取",
    "started": "已報到",
    "not_hired": "未錄取",
    "withdrawn": "已撤回",
}
ADMIN_VERBS = {"created": "新增", "changed": "修改", "deleted": "刪除"}


def event_label(event_type: str) -> str:
    if event_type in EVENT_LABELS:
        return EVENT_LABELS[event_type]
    if event_type.startswith("matching.reply_"):
        status = event_type.removeprefix("matching.reply_")
        if status in REPLY_LABELS:
            return f"雇主回覆推介：{REPLY_LABELS[status]}"
    parts = event_type.split(".")
    if len(parts) == 3 and parts[0] == "admin" and parts[1] in ADMIN_VERBS:
        return f"系統管理：{ADMIN_VERBS[parts[1]]}{model_label(parts[2])}"
    return f"其他事件（{event_type}）"


def model_label(model_name: str) -> str:
    """The zh-Hant name (``verbose_name``) of a model named without its app."""
    for model in apps.get_models():
        if model._meta.model_name == model_name:
            return str(model._meta.verbose_name)
    return model_name


def subject_label(subject_type: str) -> str:
    """「求職者」 for ``cases.jobseeker``: the model's own zh-Hant ``verbose_name``."""
    try:
        return str(apps.get_model(subject_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return subject_type


def event_choices() -> list[tuple[str, str]]:
    return sorted(EVENT_LABELS.items(), key=lambda item: item[0])


# Keys of before/after snapshots that are not model fields.
SNAPSHOT_KEYS = {
    "acknowledged": "已確認之提醒",
    "recorded_days_early": "提早記錄天數",
    "reason": "原因",
    "comment": "意見",
    "filters": "篩選條件",
    "status": "狀態",
    "findings": "檢核結果",
    "counsellor": "個案管理員",
}


@dataclass(frozen=True)
class ChangeRow:
    key: str
    label: str
    before: str
    after: str
    changed: bool


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list | tuple):
        return "、".join(_shown(v) for v in value) or "—"
    if isinstance(value, dict):
        return "；".join(f"{k}：{_shown(v)}" for k, v in value.items()) or "—"
    return str(value)


def _field_label(subject_type: str, key: str) -> str:
    try:
        field = apps.get_model(subject_type)._meta.get_field(key)
    except (LookupError, ValueError, FieldDoesNotExist):
        return SNAPSHOT_KEYS.get(key, key)
    return str(getattr(field, "verbose_name", key))


def change_rows(subject_type: str, before: Any, after: Any) -> list[ChangeRow]:
    """The before/after snapshots side by side, one row per key, changed ones marked."""
    before = before if isinstance(before, dict) else {}
    after = after if isinstance(after, dict) else {}
    keys = list(before) + [k for k in after if k not in before]
    rows = []
    for key in keys:
        old, new = _shown(before.get(key)), _shown(after.get(key))
        changed = key in before and key in after and before[key] != after[key]
        rows.append(ChangeRow(key, _field_label(subject_type, key), old, new, changed))
    return rows
