"""The occupation coder: suggestions for known titles, determinism, robustness, no Django."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from jobdesk.domain.occupation_coder import OccupationCoder, Suggestion, load_taxonomy_csv
from jobdesk.domain.occupation_coder.vocabulary import (
    load_default_aliases,
    load_default_contexts,
    parse_aliases,
)

REPO = Path(__file__).resolve().parents[2]
SHARED_TAXONOMY = REPO / "jobdesk" / "taxonomy" / "data" / "tw_occupation_6th_2010.csv"  # shipped

# A slice of the official list, enough to code the titles below without ../shared.
MINI_TAXONOMY = [
    ("2", "專業人員", None),
    ("25", "資訊及通訊專業人員", "2"),
    ("251", "軟體及應用程式開發人員及分析師", "25"),
    ("2512", "軟體開發及程式設計師", "251"),
    ("2513", "網站及多媒體程式開發人員", "251"),
    ("22", "醫療保健專業人員", "2"),
    ("222", "護理及助產專業人員", "22"),
    ("2220", "護理及助產專業人員", "222"),
    ("5", "服務及銷售工作人員", None),
    ("51", "個人服務工作人員", "5"),
    ("512", "廚師", "51"),
    ("5120", "廚師", "512"),
    ("513", "餐飲服務人員", "51"),
    ("5131", "飲料調製員", "513"),
    ("5139", "其他餐飲服務人員", "513"),
    ("514", "美髮、美容及造型設計有關工作人員", "51"),
    ("5140", "美髮、美容及造型設計有關工作人員", "514"),
    ("52", "銷售工作人員", "5"),
    ("522", "商店銷售有關人員", "52"),
    ("5220", "商店銷售有關人員", "522"),
    ("53", "個人照顧工作人員", "5"),
    ("532", "個人健康照顧工作人員", "53"),
    ("5320", "個人健康照顧工作人員", "532"),
    ("54", "保安服務工作人員", "5"),
    ("540", "保安服務工作人員", "54"),
    ("5404", "保全及警衛人員", "540"),
    ("9", "基層技術工及勞力工", None),
    ("91", "清潔工及幫工", "9"),
    ("911", "家庭、辦公室及旅館清潔工及幫工", "91"),
    ("9112", "辦公室、旅館及類似場所清潔工及幫工", "911"),
]

KNOWN_TITLES = [
    ("居家照顧服務員/居服員/居家服務員", "5320"),
    ("照服員（日班）", "5320"),
    ("門市人員", "5220"),
    ("外場服務員", "5139"),
    ("內場廚師", "5120"),
    ("二廚", "5120"),
    ("吧檯手", "5131"),
    ("JAVA軟體工程師", "2512"),
    ("日班／夜班 保全員 (商辦)", "5404"),
    ("大樓清潔人員", "9112"),
    ("護理師", "2220"),
    ("美髮設計師", "5140"),
]


@pytest.fixture(scope="module")
def coder() -> OccupationCoder:
    return OccupationCoder(MINI_TAXONOMY)


@pytest.mark.parametrize(("title", "code"), KNOWN_TITLES)
def test_known_titles_code_correctly(coder: OccupationCoder, title: str, code: str) -> None:
    # given a title as real ads write it
    # when it is coded
    suggestions = coder.suggest(title)
    # then the right 4-digit code comes first, with the matched word as evidence
    assert suggestions[0].code == code
    assert suggestions[0].evidence


def test_suggestions_are_four_digit_ranked_and_limited(coder: OccupationCoder) -> None:
    suggestions = coder.suggest("內外場兼職人員", "負責點餐、送餐與食材備料", k=2)
    assert len(suggestions) <= 2
    assert all(isinstance(s, Suggestion) and len(s.code) == 4 for s in suggestions)
    assert [s.score for s in suggestions] == sorted((s.score for s in suggestions), reverse=True)


def test_description_breaks_a_vague_title(coder: OccupationCoder) -> None:
    suggestions = coder.suggest("計時人員", "協助沐浴、翻身拍背、陪同就醫")
    assert suggestions[0].code == "5320"


def test_ranking_is_deterministic() -> None:
    title, description = "外場/內場計時專員", "點餐、送餐、桌邊服務；內場備料與餐點製作"
    first = OccupationCoder(MINI_TAXONOMY).suggest(title, description, k=5)
    again = OccupationCoder(list(reversed(MINI_TAXONOMY))).suggest(title, description, k=5)
    assert first == again


@pytest.mark.parametrize("title", ["", "   ", "asdfgh qwerty", "★★★!!!", "\x00\ufffd", "12345"])
def test_empty_or_garbage_input_gives_nothing_or_low_scores(
    coder: OccupationCoder, title: str
) -> None:
    suggestions = coder.suggest(title, title)
    assert all(s.score < 1.0 for s in suggestions)


def test_k_zero_gives_nothing(coder: OccupationCoder) -> None:
    assert coder.suggest("護理師", k=0) == []


def test_codes_missing_from_the_taxonomy_are_never_suggested() -> None:
    coder = OccupationCoder([("5", "服務及銷售工作人員", None), ("5220", "商店銷售有關人員", "5")])
    assert {s.code for s in coder.suggest("護理師 照服員 門市人員", k=10)} <= {"5220"}


def test_vocabulary_points_only_at_official_leaf_codes() -> None:
    leaves = {code for code, _, _ in load_taxonomy_csv(SHARED_TAXONOMY) if len(code) == 4}
    assert len(leaves) == 380
    for alias in load_default_aliases():
        assert {code for code, _ in alias.codes} <= leaves, alias.text
    for context in load_default_contexts():
        for source, target, _ in context.shifts:
            assert {source, target} <= leaves, context.name


def test_alias_lines_are_validated() -> None:
    with pytest.raises(ValueError, match="scope"):
        list(parse_aliases(["廚師\t5120\tx"]))
    assert next(iter(parse_aliases(["# comment", "", "廚師\t5120:0.5,9901"]))).codes == (
        ("5120", 0.5),
        ("9901", 1.0),
    )


def test_ascii_aliases_match_whole_words_only(coder: OccupationCoder) -> None:
    assert not any("it" in s.evidence for s in coder.suggest("digital 內容"))


def test_package_never_imports_django() -> None:
    script = textwrap.dedent(
        """
        import sys
        sys.modules["django"] = None  # any "import django" now raises ImportError
        import jobdesk.domain.occupation_coder as oc
        coder = oc.OccupationCoder([("5220", "商店銷售有關人員", None)])
        assert coder.suggest("門市人員")[0].code == "5220"
        assert not any(name.startswith("django") and sys.modules[name] is not None
                       for name in sys.modules)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
