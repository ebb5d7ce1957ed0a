"""§5 checker, round 4 (issue 17): classes of wording the lexicon did not hold, both ways.

Each family has the restricting wording and a lawful twin with the same words (clients, the
work, a programme, conduct at work). Grounds are compared as sets.
"""

from __future__ import annotations

import pytest

from jobdesk.domain.adcheck import check_ad


def grounds(description: str, title: str = "行政專員") -> set[str]:
    return {f.ground for f in check_ad(title, description) if f.ground != "pay_undisclosed"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # peoples by origin, skin and face; 新二代
        ("越南人不要", {"race"}),
        ("印度人勿試", {"race"}),
        ("新二代不考慮", {"race"}),
        ("限平地人", {"race"}),
        ("原民勿試", {"race"}),
        ("皮膚白的優先", {"race"}),
        ("限亞洲臉孔", {"race"}),
        # home town and registration in other word orders
        ("家鄉在南投者佳", {"native_place"}),
        ("彰化人不用", {"native_place"}),
        ("戶籍需設在本縣", {"native_place"}),
        # family circumstances and the parents' work
        ("家庭環境好的優先", {"class"}),
        ("父母從事教職者優先", {"class"}),
        ("需為中上階層", {"class"}),
        ("原生家庭健全者", {"class"}),
        ("家教良好", {"class"}),
        # faith in more words
        ("需信奉媽祖", {"religion"}),
        ("非教徒勿試", {"religion"}),
        ("限同教會弟兄姊妹", {"religion"}),
        ("需認同本會信仰", {"religion"}),
        # party office and colours
        ("具黨職經歷者優先", {"party"}),
        ("綠的不要", {"party"}),
        # impairments described
        ("手腳不便者勿試", {"disability"}),
        ("行動不便者恕不錄用", {"disability"}),
        ("有精神方面疾病者勿投", {"disability"}),
        ("聽力不好的不要", {"disability"}),
        ("需手腳健全", {"disability"}),
        # union activity in other words
        ("有工運背景者恕不錄用", {"union_membership"}),
        ("曾參與勞資糾紛者不錄用", {"union_membership"}),
        # looks
        ("需面容姣好", {"appearance"}),
        ("要瘦", {"appearance"}),
        ("需具明星臉", {"appearance"}),
        # family status
        ("需無家庭牽絆", {"marital_status"}),
        ("三年內不結婚", {"marital_status"}),
        ("新婚者勿試", {"marital_status"}),
        ("有孕者勿試", {"marital_status"}),
        # orientation and expression
        ("拉拉勿試", {"sexual_orientation"}),
        ("太娘的不要", {"sexual_orientation"}),
        ("跨性者不錄用", {"sexual_orientation"}),
        # language: mother tongue, accent, Mandarin as a limit
        ("中文需為母語", {"language"}),
        ("發音咬字要清楚，不能有腔", {"language"}),
        ("不會說國語的不用來", {"language"}),
        # sex: more words
        ("男丁", {"sex"}),
        ("熟女勿試", {"sex"}),
    ],
)
def test_round4_forms_restrict_on_their_ground(text: str, expected: set[str]) -> None:
    assert grounds(text) == expected


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("導遊", "接待日本人旅客，需日文流利"),
        ("社工", "協助新二代學童課後輔導"),
        ("業務", "需住台北市或可通勤"),
        ("店員", "住在附近的在地居民優先"),
        ("保母", "協助家庭經濟弱勢兒童"),
        ("宮廟行政", "協助法會報名、帳務與香客接待"),
        ("議員服務處助理", "協助選民服務、陳情案件處理"),
        ("作業員", "需配合工會會議時間"),
        ("司機", "需照顧行動不便長者上下車"),
        ("客服", "國語流利，具電腦基本操作能力"),
        ("業務", "台灣國語也OK，重點是熱忱"),
        ("秘書", "本黨同志優先"),
        ("月嫂", "照顧產婦及新生兒，需有經驗"),
        ("櫃台人員（洽林小姐）", "接聽電話、收發公文"),
        ("出納", "錄取後需提供薪轉帳戶存摺影本"),
    ],
)
def test_round4_lawful_twins(title: str, text: str) -> None:
    found = grounds(text, title)
    assert found <= ({"party"} if title == "秘書" else set())


def test_a_form_of_address_ending_a_title_names_the_sex_of_the_job() -> None:
    assert grounds("收銀、補貨", title="工讀妹") == {"sex"}
    assert grounds("收銀、補貨", title="專櫃姐（週休二日）") == {"sex"}
    assert grounds("收銀、補貨", title="門市人員") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("同性戀者請自重", {"sexual_orientation"}),
        ("曾領社會救助或住過育幼院者勿投", {"class"}),
        ("戴牙套或缺牙者面試不予考慮", {"facial_features"}),
        ("胖者勿試", {"appearance"}),
        ("記者須認同本報統一理念", {"thought"}),
        ("ABC、華僑勿投", {"birthplace"}),
        ("曾服用精神科藥物者勿試", {"disability"}),
        ("應徵請附出生時辰", {"private_data"}),
    ],
)
def test_round4_dev4_forms(text: str, expected: set[str]) -> None:
    assert grounds(text) == expected


def test_agreeing_with_the_company_or_the_party_of_a_party_office_is_no_thought_finding() -> None:
    assert grounds("認同本公司理念") == set()
    assert "thought" not in grounds("需認同本黨理念", title="中央黨部文宣人員")
