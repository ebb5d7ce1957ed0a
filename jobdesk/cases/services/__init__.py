"""Every change of state in jobdesk.cases is one function here: atomic, validated, audited.

Other apps call ``place_case`` (matching: an employer hired a recommended seeker) and
``record_activity`` (labour-market information given, referrals); the UI and the API call the rest.
"""

from jobdesk.cases.services.casework import (
    confirm_needs,
    open_case,
    place_case,
    reassign_case,
    record_follow_up,
    record_needs_assessment,
    record_review,
    save_plan,
    sign_needs_assessment,
)
from jobdesk.cases.services.closure import (
    approve_closure,
    closure_blockers,
    reject_closure,
    reopen_case,
    request_closure,
)
from jobdesk.cases.services.outreach import (
    capture_lead,
    convert_lead,
    create_outreach_event,
    decline_lead,
)
from jobdesk.cases.services.records import (
    add_development_activity,
    add_plan_step,
    record_activity,
    save_skills_assessment,
    set_plan_step_status,
)
from jobdesk.cases.services.seekers import register_seeker, update_seeker

__all__ = [
    "add_development_activity",
    "add_plan_step",
    "approve_closure",
    "capture_lead",
    "closure_blockers",
    "confirm_needs",
    "convert_lead",
    "create_outreach_event",
    "decline_lead",
    "open_case",
    "place_case",
    "reassign_case",
    "record_activity",
    "record_follow_up",
    "record_needs_assessment",
    "record_review",
    "register_seeker",
    "reject_closure",
    "reopen_case",
    "request_closure",
    "save_plan",
    "save_skills_assessment",
    "set_plan_step_status",
    "sign_needs_assessment",
    "update_seeker",
]
