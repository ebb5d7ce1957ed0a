"""Every change of state of employers and vacancies: atomic, validated, audited."""

from jobdesk.employers.services.employers import (
    find_or_register_employer,
    lift_labour_dispute,
    register_employer,
    set_labour_dispute,
    update_employer,
)
from jobdesk.employers.services.imports import (
    ImportResult,
    commit_import_batch,
    discard_import_batch,
    expire_import_batches,
    import_file,
    preview_file,
    stage_import,
    staged_preview,
)
from jobdesk.employers.services.vacancies import (
    change_vacancy_status,
    confirm_occupation,
    create_vacancy,
    override_finding,
    recheck_vacancy,
    update_vacancy,
)

__all__ = [
    "ImportResult",
    "change_vacancy_status",
    "commit_import_batch",
    "confirm_occupation",
    "create_vacancy",
    "discard_import_batch",
    "expire_import_batches",
    "find_or_register_employer",
    "import_file",
    "lift_labour_dispute",
    "override_finding",
    "preview_file",
    "recheck_vacancy",
    "register_employer",
    "set_labour_dispute",
    "stage_import",
    "staged_preview",
    "update_employer",
    "update_vacancy",
]
