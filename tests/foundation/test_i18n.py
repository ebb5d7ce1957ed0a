"""Traditional Chinese only: no language is offered that the pages cannot keep.

The English catalogue (locale/en) covers the shell and navigation only, so the language switch
was removed (issue 10, item 20): a browser asking for English, or an old ``django_language``
cookie, still gets the zh-Hant pages, whole.
"""

import pytest
from django.conf import settings
from django.urls import NoReverseMatch, reverse

pytestmark = pytest.mark.django_db


def test_default_is_traditional_chinese(client):
    body = client.get(reverse("accounts:login")).content.decode()
    assert "登入 jobdesk" in body
    assert 'lang="zh-Hant-TW"' in body


def test_no_language_switch_is_offered(client, personas):
    # given a logged-in counsellor
    client.force_login(personas["alice"])
    # when she opens any page
    body = client.get(reverse("home")).content.decode()
    # then there is no language selector and no URL to switch languages
    assert 'name="language"' not in body
    with pytest.raises(NoReverseMatch):
        reverse("set_language")
    assert [code for code, _ in settings.LANGUAGES] == ["zh-hant"]


def test_english_asked_for_still_gets_whole_chinese_pages(client, personas):
    # given a browser that prefers English and carries an old language cookie
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(personas["alice"])
    # when it opens the home page
    body = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    # then the page is Traditional Chinese, shell included (no half-English page)
    assert 'lang="zh-Hant-TW"' in body
    assert "開發與評估" in body
    assert "Outreach &amp; assessment" not in body
