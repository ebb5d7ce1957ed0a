"""Employers (雇主), their vacancies (職缺／求才), §5 findings and import batches."""

from jobdesk.employers.models.employer import DisputeKind, Employer
from jobdesk.employers.models.imports import ImportBatch, ImportStatus
from jobdesk.employers.models.recheck import AdRecheckRun, RecheckStatus
from jobdesk.employers.models.vacancy import (
    FindingStatus,
    PayBasis,
    Shift,
    Vacancy,
    VacancyFinding,
    VacancySource,
    VacancyStatus,
)

__all__ = [
    "AdRecheckRun",
    "DisputeKind",
    "Employer",
    "FindingStatus",
    "ImportBatch",
    "ImportStatus",
    "PayBasis",
    "RecheckStatus",
    "Shift",
    "Vacancy",
    "VacancyFinding",
    "VacancySource",
    "VacancyStatus",
]
