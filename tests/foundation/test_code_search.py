"""Code fields take words (issue 10, item 13): 「廚師」 → 5120 in every 職業/行業 field, with a
「以名稱搜尋」 list under the field; server-side, so it works without JavaScript."""

from __future__ import annotations

import pytest
from django import forms
from django.urls import reverse

from jobdesk.taxonomy.forms import TaxonomyCodeField, TaxonomyCodesField, resolve_code
from jobdesk.taxonomy.models import Industry, Occupation

pytestmark = pytest.mark.django_db


def test_a_name_resolves_to_the_most_specific_code(reference_data):
    assert resolve_code(Occupation, "廚師").code == "5120"
    assert resolve_code(Occupation, "5120").code == "5120"
    assert resolve_code(Occupation, "512").code == "512"


def test_an_ambiguous_word_names_its_candidates(reference_data):
    field = TaxonomyCodesField(Occupation, "職業", levels=[4])
    with pytest.raises(forms.ValidationError) as exc:
        field.clean("工程")
    message = exc.value.messages[0]
    assert "個符合" in message
    assert "請輸入代碼或更完整的名稱" in message


def test_a_list_mixes_codes_and_names_and_drops_repeats(reference_data):
    field = TaxonomyCodesField(Occupation, "職業", levels=[4])
    assert [o.code for o in field.clean("4110、廚師，5120")] == ["4110", "5120"]


def test_an_unknown_word_is_a_zh_hant_error(reference_data):
    with pytest.raises(forms.ValidationError, match="不在職業標準分類中"):
        TaxonomyCodesField(Occupation, "職業", levels=[4]).clean("太空人ZZ")


def test_industry_names_work_too(reference_data):
    industry = Industry.objects.filter(level=4).order_by("code").first()
    assert TaxonomyCodesField(Industry, "行業").clean(industry.name) == [industry]


def test_single_code_field_takes_a_pick_from_the_list(reference_data):
    field = TaxonomyCodeField(Occupation, "職業")
    assert field.clean("5120 廚師") == "5120"
    assert field.clean("廚師") == "5120"
    assert field.clean("") == ""


def test_seeker_registration_takes_an_occupation_by_name(client_for, personas, reference_data):
    from jobdesk.cases.forms import SeekerForm

    # given the registration form, typed with a name instead of a code
    form = SeekerForm(
        {
            "name": "王小明",
            "national_id": "A123456789",
            "township": "新北市三重區",
            "desired_occupations": "廚師、4110",
            "pay_basis": "monthly",
            "notice_method": "paper",
        }
    )
    # then it resolves to the codes
    assert form.is_valid(), form.errors
    assert [o.code for o in form.cleaned_data["desired_occupations"]] == ["5120", "4110"]


@pytest.mark.parametrize(
    ("url_name", "field"),
    [("cases:seeker_create", "desired_occupations")],
)
def test_code_fields_render_a_search_by_name(client_for, personas, reference_data, url_name, field):
    html = client_for(personas["alice"]).get(reverse(url_name)).content.decode()
    assert f'data-code-search-for="id_{field}"' in html
    assert '<option value="5120 廚師"></option>' in html
    assert "taxonomy/code-search.js" in html


def test_plan_and_market_forms_use_the_same_widget(client_for, personas, reference_data):
    from tests.cases.factories import confirmed

    case = confirmed(personas["alice"])
    client = client_for(personas["alice"])
    plan = client.get(reverse("cases:plan_edit", args=[case.public_id])).content.decode()
    assert 'data-code-search-for="id_target_occupations"' in plan
    assert 'data-code-search-for="id_target_industries"' in plan
    market = client.get(reverse("employers:labour_market"), {"occupation": "廚師"})
    html = market.content.decode()
    assert 'list="id_occupation-options"' in html
    assert "勞動市場資訊：5120 廚師 · 全國" in html  # the panel is for 5120
