"""就業服務法 §5 ad checker: true positives per ground, false-positive traps, normalisation."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from jobdesk.domain.adcheck import Finding, Ground, PayInfo, Severity, check_ad
from jobdesk.domain.adcheck.normalise import normalise, zh_numeral_value


def grounds(
    description: str, title: str = "職缺", pay: PayInfo | None = None
) -> set[tuple[str, str]]:
    return {(f.ground, f.severity) for f in check_ad(title, description, pay)}


V, W = Severity.VIOLATION.value, Severity.WARNING.value


@pytest.mark.parametrize(
    ("text", "ground", "severity", "words"),
    [
        ("包裝出貨，限40歲以下", "age", V, "限40歲以下"),
        ("年齡19~25歲", "age", V, "年齡19~25歲"),
        ("條件：25-35歲", "age", V, "25-35歲"),
        ("45歲以下，具Excel能力", "age", V, "45歲以下"),
        ("限四十歲以下", "age", V, "限四十歲以下"),
        ("限40歲以上", "age", V, "限40歲以上"),
        ("年輕人優先錄取", "age", V, "年輕人"),
        ("限男，需搬重物", "sex", V, "限男"),
        ("男性優先", "sex", V, "男性優先"),
        ("女孩們看過來！", "sex", V, "女孩們看過來"),
        ("徵男作業員", "sex", V, "徵男作業員"),
        ("需役畢", "sex", W, "需役畢"),
        ("未婚者佳", "marital_status", V, "未婚者佳"),
        ("已婚者優先", "marital_status", V, "已婚者優先"),
        ("容貌端正", "appearance", V, "容貌端正"),
        ("外型佳", "appearance", V, "外型佳"),
        ("身材姣好", "appearance", V, "身材姣好"),
        ("身高160以上", "appearance", V, "身高160以上"),
        ("體重80公斤以下", "appearance", V, "體重80公斤以下"),
        ("五官端正", "facial_features", V, "五官端正"),
        ("身心健康無障礙", "disability", V, "身心健康無障礙"),
        ("身體健全", "disability", W, "身體健全"),
        ("獅子座優先", "zodiac", V, "獅子座優先"),
        ("O型優先", "blood_type", V, "O型優先"),
        ("限本地人", "native_place", V, "限本地人"),
        ("限台北籍", "native_place", V, "限台北籍"),
        ("限台灣出生", "birthplace", V, "限台灣出生"),
        ("限白人", "race", V, "限白人"),
        ("家世清白", "class", V, "家世清白"),
        ("需會台語", "language", W, "需會台語"),
        ("思想純正", "thought", V, "思想純正"),
        ("基督徒優先", "religion", V, "基督徒優先"),
        ("國民黨員優先", "party", V, "國民黨員優先"),
        ("同性戀勿試", "sexual_orientation", V, "同性戀勿試"),
        ("曾加入工會者勿", "union_membership", V, "曾加入工會者勿"),
        ("需接受基因檢測", "private_data", V, "基因檢測"),
        ("需接受心理測驗", "private_data", V, "心理測驗"),
        ("需提供信用紀錄", "private_data", V, "信用紀錄"),
        ("需附聯徵報告", "private_data", V, "聯徵報告"),
        ("請說明有無懷孕計畫", "private_data", V, "有無懷孕計畫"),
        ("履歷請註明家庭背景", "private_data", V, "家庭背景"),
        ("需附良民證", "private_data", W, "良民證"),
    ],
)
def test_true_positive(text: str, ground: str, severity: str, words: str) -> None:
    # given an ad with one discriminating requirement
    # when it is checked
    findings = [f for f in check_ad("職缺", text) if f.ground == ground]
    # then the finding names the ground, the severity and the exact words
    assert [(f.severity, f.words) for f in findings] == [(severity, words)]
    finding = findings[0]
    assert text[finding.start : finding.end] == finding.words
    assert finding.field == "description"
    assert finding.basis.startswith("就業服務法第5條")


@pytest.mark.parametrize(
    "text",
    [
        "照顧65歲以上長者",
        "女童24小時生活照護",
        "服務對象為身心障礙者",
        "協助年長者申請長照服務",
        "婦女服務中心個案管理",
        "年滿18歲",
        "年滿16歲",
        "需滿18歲",
        "需有汽車駕照",
        "需能搬重物",
        "年資滿一年享特休，年終獎金2個月",
        "客群年齡層25-40歲，負責社群經營",
        "男女不拘",
        "性別不拘",
        "男裝部門銷售",
        "女裝部門陳列",
        "婚禮企劃與婚宴現場執行",
        "星座咖啡館吧檯手",
        "宗教文物保存與典藏",
        "具中華民國國籍",
        "歡迎二度就業婦女",
        "歡迎中高齡",
        "中高齡就業專案：45歲以上中高齡者優先",
        "本職缺為身心障礙者保障名額",
        "本職缺依據原住民族工作權保障法進用原住民",
        "我們是一群年輕有活力的團隊",
        "客戶信用限額控管",
        "執行心理測驗施測與解釋",
        "到職日需自備供膳體檢表",
        "教師子女3歲以上皆可申請就讀",
        "本公司不因求職人之種族、性別、性傾向、出生地、年齡而有差別待遇",
    ],
)
def test_false_positive_traps(text: str) -> None:
    assert check_ad("職缺", text) == []


def test_lawful_programme_in_title() -> None:
    assert check_ad("行銷企劃專員(婦女再就業專案)", "限女性") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("役畢或免役", {("sex", W)}),
        ("女性內衣銷售，限女性", {("sex", W)}),
        ("需提供警察刑事紀錄證明", {("private_data", W)}),
        ("面試攜帶身分證正本", {("private_data", W)}),
        ("到職需將身分證交由公司保管", {("private_data", V)}),
        ("限45歲以上", {("age", V)}),
        ("45歲以上中高齡者優先", set()),
        ("年齡16~65歲", {("age", W)}),
        ("英文能力佳，TOEIC 800以上", set()),
    ],
)
def test_warnings_and_edges(text: str, expected: set[tuple[str, str]]) -> None:
    assert grounds(text) == expected


def test_title_is_checked() -> None:
    (finding,) = check_ad("女作業員", "電子零件組裝")
    assert (finding.field, finding.ground, finding.words) == ("title", "sex", "女作業員")


def test_full_width_text_is_quoted_as_written() -> None:
    # given full-width digits, a full-width tilde and Chinese numerals
    text = "資格：年齡２０～３５歲；另限三十五歲以下"
    findings = check_ad("職缺", text)
    # then each finding quotes the original characters
    assert [f.words for f in findings] == ["年齡２０～３５歲", "限三十五歲以下"]
    for finding in findings:
        assert text[finding.start : finding.end] == finding.words


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("年齡：２０～３５歲", "年齡:20~35歲"),
        ("二十至三十五歲", "20至35歲"),
        ("限四十歲以下", "限40歲以下"),
        ("20〜30歲", "20~30歲"),
        ("臺北", "台北"),
        ("一至二年經驗", "一至二年經驗"),
    ],
)
def test_normalise(raw: str, normalised: str) -> None:
    result = normalise(raw)
    assert result.text == normalised
    assert result.original_span(0, len(result.text)) == (0, len(raw))


def test_zh_numerals() -> None:
    assert [zh_numeral_value(n) for n in ("十八", "二十", "三十五", "九")] == [18, 20, 35, 9]


class TestPay:
    def test_negotiable_text_without_structured_pay(self) -> None:
        (finding,) = check_ad("行政", "薪資面議")
        assert (finding.ground, finding.severity, finding.words) == ("pay_undisclosed", V, "面議")
        assert finding.basis == "就業服務法第5條第2項第6款"

    def test_monthly_without_amount(self) -> None:
        (finding,) = check_ad("工程師", "軟體開發", PayInfo("monthly", None, None))
        assert (finding.ground, finding.field, finding.words) == ("pay_undisclosed", "pay", "")

    @pytest.mark.parametrize("basis", [None, "negotiable", "monthly"])
    def test_unknown_or_negotiable_basis_with_zero_amounts(self, basis: str | None) -> None:
        assert grounds("負責設計", pay=PayInfo(basis, 0, 0)) == {("pay_undisclosed", V)}

    @pytest.mark.parametrize(
        ("description", "pay"),
        [
            ("負責帳務", PayInfo("monthly", 32000, 35000)),
            ("負責清潔", PayInfo("monthly", 29500, None)),
            ("時薪制", PayInfo("hourly", None, None)),
            ("論件計酬", PayInfo("piece", None, None)),
            ("日薪另議", PayInfo("daily", None, None)),
            ("月薪45,000元起，薪資面議", PayInfo("negotiable", 0, 0)),
            ("【4.3萬~4.8萬底薪，獎金另計】", PayInfo("negotiable", None, None)),
            ("上述上班時段可面議", None),
            ("負責文書", None),
        ],
    )
    def test_no_finding(self, description: str, pay: PayInfo | None) -> None:
        assert not any(f.ground == "pay_undisclosed" for f in check_ad("職缺", description, pay))

    def test_allowance_is_not_a_wage(self) -> None:
        assert grounds("空班津貼$150/天", pay=PayInfo("negotiable", 0, 0)) == {
            ("pay_undisclosed", V)
        }


def test_finding_api() -> None:
    (finding,) = check_ad("職缺", "限男")
    assert isinstance(finding, Finding)
    assert finding.as_dict() | {} == {
        "ground": "sex",
        "words": "限男",
        "basis": "就業服務法第5條第1項（性別）",
        "severity": "violation",
        "field": "description",
        "start": 0,
        "end": 2,
        "message": finding.message,
    }
    assert "限男" in finding.message
    assert Ground.SEX.value == "sex"


def test_every_ground_has_a_basis() -> None:
    from jobdesk.domain.adcheck.model import GROUND_ZH, basis_for

    assert set(GROUND_ZH) == set(Ground)
    assert len(Ground) == 20
    assert basis_for(Ground.FACIAL_FEATURES) == "就業服務法第5條第1項（五官）"


def test_labelled_set_is_scored_above_floor() -> None:
    # the labelled set is the benchmark; this guards against a rule change that breaks it
    path = Path(__file__).parent / "data" / "adcheck_labelled.jsonl"
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    assert len(items) >= 250
    assert {item["split"] for item in items} == {"dev", "test"}
    hits = misses = extra = 0
    for item in items:
        pay = PayInfo(**item["pay"]) if item["pay"] else None
        got = {f.ground for f in check_ad(item["title"], item["description"], pay)}
        expected = {e["ground"] for e in item["expected"]}
        hits += len(got & expected)
        misses += len(expected - got)
        extra += len(got - expected)
    assert hits / (hits + extra) >= 0.95
    assert hits / (hits + misses) >= 0.95


def test_package_never_imports_django() -> None:
    code = (
        "import sys; sys.modules['django'] = None\n"
        "import jobdesk.domain.adcheck as a\n"
        "import jobdesk.domain.adcheck.cli, jobdesk.domain.adcheck.stream\n"
        "assert a.check_ad('x', '限男')\n"
        "assert not [m for m in sys.modules if m.startswith('django') and sys.modules[m]]\n"
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
