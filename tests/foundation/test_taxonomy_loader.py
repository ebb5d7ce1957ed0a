"""The shipped code lists load completely, idempotently, with the omitted levels filled."""

import pytest

from jobdesk.taxonomy.loader import fill_single_child_levels, load_taxonomies
from jobdesk.taxonomy.models import EducationLevel, Industry, Occupation, TargetGroup, Township
from jobdesk.taxonomy.places import distance_km, resolve_township

pytestmark = pytest.mark.django_db


def test_full_load_matches_the_official_counts():
    report = load_taxonomies()
    assert report.changed
    counts = {lvl: Occupation.objects.filter(level=lvl).count() for lvl in (1, 2, 3, 4)}
    assert counts == {1: 10, 2: 39, 3: 125, 4: 380}
    # 行業統計分類第11次修訂: 19/88/249/522 once single-child levels are filled
    counts = {lvl: Industry.objects.filter(level=lvl).count() for lvl in (1, 2, 3, 4)}
    assert counts == {1: 19, 2: 88, 3: 249, 4: 522}
    assert Township.objects.count() == 371
    assert EducationLevel.objects.count() == 9
    assert TargetGroup.objects.filter(legal_basis__startswith="就業服務法第24條").count() == 10


def test_second_load_changes_nothing():
    load_taxonomies()
    report = load_taxonomies()
    assert not report.changed
    assert "未變 554" in next(report.lines())


def test_load_repairs_an_edited_row():
    load_taxonomies()
    Occupation.objects.filter(code="5120").update(name="亂改")
    report = load_taxonomies()
    assert report.updated["職業分類"] == 1
    assert Occupation.objects.get(code="5120").name != "亂改"


def test_every_industry_leaf_is_a_four_digit_code_under_its_parents():
    load_taxonomies()
    forestry = Industry.objects.get(code="0200")
    assert (forestry.name, forestry.parent_id, forestry.parent.parent_id) == ("林業", "020", "02")
    assert not Industry.objects.filter(level__in=(2, 3), children__isnull=True).exists()


def test_fill_keeps_existing_children():
    rows = [
        {"code": "A", "name": "甲", "level": "1", "parent_code": ""},
        {"code": "01", "name": "乙", "level": "2", "parent_code": "A"},
        {"code": "011", "name": "丙", "level": "3", "parent_code": "01"},
        {"code": "02", "name": "丁", "level": "2", "parent_code": "A"},
    ]
    codes = [r["code"] for r in fill_single_child_levels(rows)]
    assert codes == ["A", "01", "011", "02", "0110", "020", "0200"]


def test_townships_resolve_as_people_write_them():
    load_taxonomies()
    daan = resolve_township("台北市大安區")
    assert daan is not None
    assert daan.zip3 == "106"
    assert resolve_township("臺北市 大安區") == daan
    assert resolve_township("板橋區").full_name == "新北市板橋區"  # unique district name
    assert resolve_township("大安區") is None  # 臺北市 and 臺中市 both have one: ambiguous
    assert resolve_township("火星市") is None
    banqiao = resolve_township("新北市板橋區")
    assert 5 < distance_km(daan, banqiao) < 12
