"""The demo's hand-written vacancies use occupation codes that exist in the shipped taxonomy."""

import csv
from importlib import resources

from jobdesk.employers.demo import JOBS


def test_demo_occupation_codes_exist():
    text = resources.files("jobdesk.taxonomy").joinpath("data", "tw_occupation_6th_2010.csv")
    leaves = {
        r["code"] for r in csv.DictReader(text.read_text("utf-8").splitlines()) if r["level"] == "4"
    }
    assert [code for _, code, *_ in JOBS if code not in leaves] == []
