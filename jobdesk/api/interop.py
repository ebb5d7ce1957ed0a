"""Vacancies in other systems' shapes: schema.org JobPosting (JSON-LD) and 台灣就業通 open data.

JobPosting: https://schema.org/JobPosting — ``occupationalCategory`` carries the 職業標準分類
(6th revision, 2010) code as a ``CategoryCode`` in its code set. The 台灣就業通 open-data feed
(data.gov.tw 44062) names its fields as ``TAIWANJOBS_FIELDS`` (the importer reads them); the
mapping below is the importer's (``employers.importing.mapping.TAIWANJOBS_KEYS``) in reverse, so
a vacancy exported here imports back to the same values.
"""

from __future__ import annotations

from typing import Any

from jobdesk.employers.importing.mapping import TAIWANJOBS_KEYS
from jobdesk.employers.importing.readers import TAIWANJOBS_FIELDS
from jobdesk.employers.models import PayBasis, Shift, Vacancy

OCCUPATION_CODE_SET = "職業標準分類（第6次修訂，2010）"
_UNIT = {PayBasis.MONTHLY: "MONTH", PayBasis.HOURLY: "HOUR", PayBasis.DAILY: "DAY"}
_EMPLOYMENT = {
    Shift.PART_TIME: "PART_TIME",
    Shift.DAY: "FULL_TIME",
    Shift.EVENING: "FULL_TIME",
    Shift.NIGHT: "FULL_TIME",
    Shift.ROTATING: "FULL_TIME",
}
#: 台灣就業通's SALARYCD words for our pay bases (the importer's PAY_WORDS read them back).
_SALARY_WORDS = {
    PayBasis.MONTHLY: "月薪",
    PayBasis.HOURLY: "時薪",
    PayBasis.DAILY: "日薪",
    PayBasis.PIECE: "論件",
    PayBasis.NEGOTIABLE: "面議",
}


def job_posting(vacancy: Vacancy) -> dict[str, Any]:
    """The vacancy as a schema.org JobPosting (JSON-LD)."""
    employer = vacancy.employer
    doc: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "identifier": {
            "@type": "PropertyValue",
            "name": "jobdesk",
            "value": str(vacancy.public_id),
        },
        "title": vacancy.title,
        "description": vacancy.description or vacancy.title,
        "hiringOrganization": {
            "@type": "Organization",
            "name": employer.name,
            **({"taxID": employer.ubn} if employer.ubn else {}),
        },
        "totalJobOpenings": vacancy.headcount,
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressCountry": "TW",
                **({"addressRegion": vacancy.county} if vacancy.county else {}),
                **(
                    {
                        "addressLocality": vacancy.township.district,
                        "postalCode": vacancy.township.zip3,
                    }
                    if vacancy.township
                    else {}
                ),
            },
        },
    }
    if vacancy.occupation is not None:
        doc["occupationalCategory"] = {
            "@type": "CategoryCode",
            "codeValue": vacancy.occupation.code,
            "name": vacancy.occupation.name,
            "inCodeSet": {"@type": "CategoryCodeSet", "name": OCCUPATION_CODE_SET},
        }
    if vacancy.opens_on:
        doc["datePosted"] = vacancy.opens_on.isoformat()
    if vacancy.closes_on:
        doc["validThrough"] = vacancy.closes_on.isoformat()
    kinds = sorted({_EMPLOYMENT[Shift(s)] for s in vacancy.shifts if s in Shift.values})
    if kinds:
        doc["employmentType"] = kinds if len(kinds) > 1 else kinds[0]
    if vacancy.hours:
        doc["workHours"] = vacancy.hours
    unit = _UNIT.get(PayBasis(vacancy.pay_basis)) if vacancy.pay_basis in PayBasis.values else None
    if unit and (vacancy.pay_min or vacancy.pay_max):
        value: dict[str, Any] = {"@type": "QuantitativeValue", "unitText": unit}
        if vacancy.pay_min:
            value["minValue"] = vacancy.pay_min
        if vacancy.pay_max:
            value["maxValue"] = vacancy.pay_max
        doc["baseSalary"] = {"@type": "MonetaryAmount", "currency": "TWD", "value": value}
    if vacancy.education is not None:
        doc["educationRequirements"] = {
            "@type": "EducationalOccupationalCredential",
            "credentialCategory": vacancy.education.name,
        }
    if vacancy.experience_years:
        doc["experienceRequirements"] = {
            "@type": "OccupationalExperienceRequirements",
            "monthsOfExperience": vacancy.experience_years * 12,
        }
    if vacancy.skills:
        doc["skills"] = vacancy.skills
    if vacancy.source_url:
        doc["url"] = vacancy.source_url
    return doc


def _date_text(day: Any) -> str:
    return day.strftime("%Y/%m/%d") if day else ""


def taiwanjobs_row(vacancy: Vacancy) -> dict[str, str]:
    """The vacancy in the 台灣就業通 open-data fields (every field present, text values)."""
    township = vacancy.township
    place = township.full_name if township else vacancy.county
    values: dict[str, str] = {
        "title": vacancy.title,
        "description": vacancy.description,
        "employer_name": vacancy.employer.name,
        "place": place,
        "education": vacancy.education.name if vacancy.education else "不拘",
        "experience": f"{vacancy.experience_years}年以上" if vacancy.experience_years else "不拘",
        "opens_on": _date_text(vacancy.opens_on),
        "closes_on": _date_text(vacancy.closes_on),
        "headcount": str(vacancy.headcount),
        "pay_basis": _SALARY_WORDS.get(PayBasis(vacancy.pay_basis), "面議"),
        "pay_min": str(vacancy.pay_min or ""),
        "pay_max": str(vacancy.pay_max or ""),
    }
    row = {field: "" for field in TAIWANJOBS_FIELDS}
    for key, field in TAIWANJOBS_KEYS.items():
        row[field] = values.get(key, "")
    labels = dict(Shift.choices)
    row["WKTIME"] = vacancy.hours
    row["WK_TYPE"] = "、".join(str(labels[s]) for s in vacancy.shifts if s in labels)
    if vacancy.occupation is not None:
        row["CJOB_NAME1"] = vacancy.occupation.name
        row["CJOB1_COUNT"] = str(vacancy.headcount)
    row["URL_QUERY"] = (
        vacancy.source_url.split("?", 1)[-1]
        if vacancy.source == "taiwanjobs" and "?" in vacancy.source_url
        else ""
    )
    return row
