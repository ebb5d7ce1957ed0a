"""The registry of the change log's event types, each with its zh-Hant name.

``audit.services.record_event`` writes only the types registered here: a type in ``EVENTS``, or
one of the families made at run time (``matching.reply_<status>``, ``admin.<verb>.<model>``).
An unregistered type raises ``UnknownEventType`` where ``JOBDESK_STRICT_EVENT_TYPES`` is on
(development and the tests, the default with ``DEBUG``); in production it is written all the same
(losing the record of a change would be worse) and shows as 「其他事件（code）」.
A new event type: add a member to ``Event`` with its name. Call sites
name the type by its constant: ``record_event(Event.CASE_OPENED, …)``.
"""

from __future__ import annotations

from enum import StrEnum
from types import MappingProxyType

from django.conf import settings


class UnknownEventType(ValueError):
    """``record_event`` was given a type that is not in the registry."""


class Event(StrEnum):
    """Every registered event type, with its zh-Hant name: ``Event.CASE_OPENED.label``."""

    label: str

    def __new__(cls, value: str, label: str) -> Event:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    ACCOUNTS_PASSWORD_CHANGED = "accounts.password_changed", "變更密碼"
    ACCOUNTS_USER_LOCKED = "accounts.user_locked", "帳號因連續登入失敗暫時鎖定"
    ACCOUNTS_USER_UNLOCKED = "accounts.user_unlocked", "解除帳號鎖定"
    API_SERVICE_ACCOUNT_CREATED = "api.service_account_created", "建立 API 服務帳號"
    API_TOKEN_ISSUED = "api.token_issued", "核發 API 權杖"
    API_TOKEN_REVOKED = "api.token_revoked", "撤銷 API 權杖"
    AUDIT_ACCESS_LOG_EXPORTED = "audit.access_log_exported", "匯出個資存取紀錄"
    CASE_ACTIVITY_RECORDED = "case.activity_recorded", "新增服務紀錄"
    CASE_ASSESSING = "case.assessing", "個案進入需求評估"
    CASE_ASSESSMENT_RECORDED = "case.assessment_recorded", "儲存就業服務需求表（O1.2.1）"
    CASE_ASSESSMENT_SIGNED = "case.assessment_signed", "簽核就業服務需求表（O1.2.1）"
    CASE_CLOSED = "case.closed", "核定結案"
    CASE_CLOSURE_REJECTED = "case.closure_rejected", "退回結案申請"
    CASE_CLOSURE_REQUESTED = "case.closure_requested", "申請結案（O3.4.1）"
    CASE_CONFIRMED = "case.confirmed", "個案進入求職規劃"
    CASE_DEVELOPMENT_ACTIVITY = "case.development_activity", "新增求職技能發展活動"
    CASE_FOLLOW_UP = "case.follow_up", "個案進入就業追蹤"
    CASE_FOLLOWED_UP = "case.followed_up", "記錄就業追蹤"
    CASE_NEEDS_CONFIRMED = "case.needs_confirmed", "確認就業服務需求（T1.3）"
    CASE_OPENED = "case.opened", "開案"
    CASE_PLACED = "case.placed", "登錄就業"
    CASE_PLAN_CHANGED = "case.plan_changed", "修改就業計畫"
    CASE_PLAN_CREATED = "case.plan_created", "建立就業計畫"
    CASE_PLAN_STEP_ADDED = "case.plan_step_added", "新增計畫步驟"
    CASE_PLAN_STEP_STATUS = "case.plan_step_status", "變更計畫步驟狀態"
    CASE_PLANNED = "case.planned", "個案進入求職活動（T2.1 計畫已訂定）"
    CASE_REASSIGNED = "case.reassigned", "改派個案"
    CASE_TRANSFER_REQUESTED = "case.transfer_requested", "申請移轉個案至其他據點"
    CASE_TRANSFER_CANCELLED = "case.transfer_cancelled", "撤回個案移轉"
    CASE_TRANSFER_DECLINED = "case.transfer_declined", "不予接收移轉個案"
    CASE_TRANSFERRED = "case.transferred", "接收移轉個案"
    CASE_REOPENED = "case.reopened", "重新開案"
    CASE_REVIEWED = "case.reviewed", "定期評估（O2.3.1）"
    CASE_SKILLS_ASSESSED = "case.skills_assessed", "求職技能評估（T2.2）"
    COMPETENCY_SIGNED = "competency.signed", "職能評量督導簽核"
    COMPETENCY_STARTED = "competency.started", "開始職能自評"
    COMPETENCY_SELF_SAVED = "competency.self_saved", "儲存職能自評"
    COMPETENCY_SELF_SUBMITTED = "competency.self_submitted", "送出職能自評"
    EMPLOYER_DISPUTE_LIFTED = "employer.dispute_lifted", "解除勞資爭議登錄"
    EMPLOYER_DISPUTE_SET = "employer.dispute_set", "登錄勞資爭議"
    EMPLOYER_REGISTERED = "employer.registered", "新增雇主"
    EMPLOYER_UPDATED = "employer.updated", "修改雇主資料"
    EXPORT_LIST_EXPORTED = "export.list_exported", "匯出清單（Excel／CSV）"
    MATCHING_CARD_PRINTED = "matching.card_printed", "介紹卡列印交付"
    MATCHING_RECOMMENDED = "matching.recommended", "推介求職者"
    MATCHING_STARTED = "matching.started", "推介就業報到"
    MATCHING_WITHDRAWN = "matching.withdrawn", "撤回推介"
    OUTREACH_EVENT_CREATED = "outreach.event_created", "新增宣導活動"
    OUTREACH_LEAD_CAPTURED = "outreach.lead_captured", "登錄潛在求職者"
    OUTREACH_LEAD_CONVERTED = "outreach.lead_converted", "潛在求職者轉為求職登記"
    OUTREACH_LEAD_DECLINED = "outreach.lead_declined", "潛在求職者不需服務"
    PRIVACY_CONSENT_RECORDED = "privacy.consent_recorded", "記錄同意書"
    PRIVACY_CONSENT_WITHDRAWN = "privacy.consent_withdrawn", "撤回同意"
    PRIVACY_LEGAL_HOLD_PLACED = "privacy.legal_hold_placed", "設定保存義務（暫停刪除）"
    PRIVACY_LEGAL_HOLD_RELEASED = "privacy.legal_hold_released", "解除保存義務"
    PRIVACY_NOTICE_GIVEN = "privacy.notice_given", "告知個資蒐集事項（個資法第8條）"
    PRIVACY_OTP_ENROLLED = "privacy.otp_enrolled", "啟用雙因素驗證"
    PRIVACY_OTP_FAILED = "privacy.otp_failed", "雙因素驗證碼錯誤"
    PRIVACY_OTP_LOCKED = "privacy.otp_locked", "雙因素驗證因連續錯誤暫時鎖定"
    PRIVACY_OTP_REFUSED_LOCKED = "privacy.otp_refused_locked", "鎖定期間的雙因素驗證被拒"
    PRIVACY_OTP_RESET = "privacy.otp_reset", "重設雙因素驗證"
    PRIVACY_REQUEST_CLOSED = "privacy.request_closed", "當事人權利請求結案"
    PRIVACY_REQUEST_CORRECTION_APPLIED = "privacy.request_correction_applied", "依請求更正資料"
    PRIVACY_REQUEST_EXTENDED = "privacy.request_extended", "延長當事人權利請求期限"
    PRIVACY_REQUEST_RECEIVED = "privacy.request_received", "受理當事人權利請求"
    PRIVACY_SEEKER_ANONYMISED = "privacy.seeker_anonymised", "求職者資料去識別化"
    REFERRAL_CLOSED = "referral.closed", "轉介結束"
    REFERRAL_CONSENT_SIGNED = "referral.consent_signed", "簽署轉介同意書（O3.3.2）"
    REFERRAL_FOLLOWED_UP = "referral.followed_up", "轉介追蹤"
    REFERRAL_NEED_CONFIRMED = "referral.need_confirmed", "確認轉介需求"
    REFERRAL_REPLIED = "referral.replied", "受轉介單位回覆"
    REFERRAL_SENT = "referral.sent", "送出轉介"
    REFERRAL_STARTED = "referral.started", "建立轉介評估（O3.3.1）"
    REFERRAL_STOPPED = "referral.stopped", "轉介停止"
    REPORT_FIGURES_REFRESHED = "report.figures_refreshed", "彙整已結束月份的統計數字"
    REPORT_MONTHLY_REQUESTED = "report.monthly_requested", "申請產製月報"
    REPORT_RUNNING_REFRESHED = "report.running_refreshed", "彙整本月（進行中）的統計數字"
    SEEKER_CHANGED = "seeker.changed", "修改求職者資料"
    SEEKER_REGISTERED = "seeker.registered", "求職登記"
    SEEKER_SENSITIVE_CHANGED = "seeker.sensitive_changed", "修改敏感個資（加密）"
    SEEKER_SENSITIVE_RECORDED = "seeker.sensitive_recorded", "登錄敏感個資（加密）"
    STATUTORY_CLAIM_CERTIFIED = "statutory.claim_certified", "失業認定"
    STATUTORY_CLAIM_ENDED = "statutory.claim_ended", "失業給付案件結束"
    STATUTORY_CLAIM_REGISTERED = "statutory.claim_registered", "受理失業給付申請"
    STATUTORY_JOB_SEARCH_RECORDED = "statutory.job_search_recorded", "登錄求職紀錄"
    STATUTORY_RECERT_CURING = "statutory.recert_curing", "求職紀錄不足，通知限期補正"
    STATUTORY_RECERT_DONE = "statutory.recert_done", "完成失業再認定"
    STATUTORY_RECERT_STOPPED = "statutory.recert_stopped", "未依期再認定，停止給付"
    STATUTORY_REPLY_CARD = "statutory.reply_card", "登錄推介就業情形回覆卡"
    STATUTORY_SUBSIDY_APPLIED = "statutory.subsidy_applied", "申請就業促進津貼"
    STATUTORY_SUBSIDY_DECIDED = "statutory.subsidy_decided", "核定就業促進津貼"
    STATUTORY_SUBSIDY_DOCUMENTS = "statutory.subsidy_documents", "補充津貼申請文件"
    STATUTORY_TARGET_GROUP_RECORDED = "statutory.target_group_recorded", "登錄特定對象身分"
    STATUTORY_TARGET_GROUP_WITHDRAWN = "statutory.target_group_withdrawn", "撤回特定對象身分"
    STATUTORY_TRAINING_ARRANGED = "statutory.training_arranged", "安排職業訓練"
    VACANCY_CHECKED = "vacancy.checked", "檢核職缺內容（就業服務法第5條）"
    VACANCY_CREATED = "vacancy.created", "新增職缺"
    VACANCY_FINDING_OVERRIDDEN = "vacancy.finding_overridden", "認定檢核結果無違法"
    VACANCY_IMPORT = "vacancy.import", "匯入職缺"
    VACANCY_IMPORT_COMMITTED = "vacancy.import_committed", "確認匯入職缺"
    VACANCY_IMPORT_DISCARDED = "vacancy.import_discarded", "放棄匯入職缺"
    VACANCY_IMPORT_EXPIRED = "vacancy.import_expired", "逾期未匯入的上傳檔案已清除"
    VACANCY_IMPORT_STAGED = "vacancy.import_staged", "上傳待匯入職缺"
    VACANCY_OCCUPATION_CONFIRMED = "vacancy.occupation_confirmed", "確認職缺職業代碼"
    VACANCY_RECHECK_FINISHED = "vacancy.recheck_finished", "職缺重新檢核完成"
    VACANCY_RECHECK_STARTED = "vacancy.recheck_started", "開始重新檢核所有職缺"
    VACANCY_REIMPORTED = "vacancy.reimported", "重新匯入職缺"
    VACANCY_STATUS_CHANGED = "vacancy.status_changed", "變更職缺狀態"
    VACANCY_UPDATED = "vacancy.updated", "修改職缺內容"


# Families of event types made at run time.
_REPLIES = {
    "recommended": "已推介",
    "interview": "面試",
    "hired": "錄取",
    "started": "已報到",
    "not_hired": "未錄取",
    "withdrawn": "已撤回",
}
_ADMIN_VERBS = {"created": "新增", "changed": "修改", "deleted": "刪除"}


EVENTS = MappingProxyType({e.value: e.label for e in Event})
REPLY_LABELS = MappingProxyType(_REPLIES)
ADMIN_VERBS = MappingProxyType(_ADMIN_VERBS)


def is_registered(event_type: str) -> bool:
    if event_type in EVENTS:
        return True
    if event_type.startswith("matching.reply_"):
        return event_type.removeprefix("matching.reply_") in REPLY_LABELS
    parts = event_type.split(".")
    return len(parts) == 3 and parts[0] == "admin" and parts[1] in ADMIN_VERBS and bool(parts[2])


def check_event_type(event_type: str) -> None:
    """Raise ``UnknownEventType`` for an unregistered type where the check is strict."""
    strict = getattr(settings, "JOBDESK_STRICT_EVENT_TYPES", settings.DEBUG)
    if strict and not is_registered(event_type):
        raise UnknownEventType(
            f"未登錄的稽核事件類型「{event_type}」：請加到 jobdesk/audit/events.py 的 Event。"
        )
