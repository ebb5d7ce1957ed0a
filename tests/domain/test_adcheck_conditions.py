"""The clause pass of the §5 checker: who a clause restricts, on which ground (lexicon.json)."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from jobdesk.domain.adcheck import Ground, Severity, check_ad
from jobdesk.domain.adcheck.conditions import clauses, lexicon
from jobdesk.domain.adcheck.model import basis_for

V, W = Severity.VIOLATION.value, Severity.WARNING.value


def found(description: str, title: str = "職缺") -> set[tuple[str, str]]:
    return {(f.ground, f.severity) for f in check_ad(title, description)}


@pytest.mark.parametrize(
    ("title", "text", "ground", "severity"),
    [
        # the forms that the unseen set showed missing, one ground each
        ("客服", "說話有口音者勿試", "language", V),
        ("業務", "以國語為母語", "language", V),
        ("門市", "不會台語請勿投遞", "language", W),
        ("客服", "限說台語", "language", V),
        ("編輯", "支持台獨者恕不錄用", "thought", V),
        ("記者", "須簽切結書聲明不參與政治活動", "thought", V),
        ("秘書", "家境小康者優先錄取", "class", V),
        ("店長", "眷村子弟優先", "class", V),
        ("助理", "中低收入戶恕不錄用", "class", V),
        ("會計", "需為一貫道道親", "religion", V),
        ("助理", "非基督徒勿試", "religion", V),
        ("清潔員", "須簽切結書聲明無宗教信仰", "religion", V),
        ("助理", "需具國民黨黨籍", "party", V),
        ("專員", "限非共產黨員", "party", V),
        ("作業員", "新住民、外配勿試", "birthplace", V),  # marriage migrants: origin abroad
        ("業務", "客家人優先錄取", "race", V),
        ("司機", "須簽切結書聲明不加入工會", "union_membership", V),
        ("技術員", "有工會幹部經歷者恕不錄用", "union_membership", V),
        ("倉儲", "領有身障手冊者恕不錄用", "disability", V),
        ("作業員", "限非身心障礙者", "disability", V),
        ("業務", "A型勿投", "blood_type", V),
        ("小編", "火象星座尤佳", "zodiac", V),
        ("門市", "外省籍勿試", "native_place", V),
        ("會計", "香港出生者恕不錄用", "birthplace", V),
        ("業務", "性向需正常", "sexual_orientation", V),
        ("櫃台", "限非男性", "sex", V),
        ("倉管", "本職缺僅錄取男性", "sex", V),
        ("助理", "需簽切結書聲明一年內不懷孕", "marital_status", V),
        ("客服", "須簽切結書聲明三年內不結婚", "marital_status", V),
        ("主持人", "長相普通者勿投", "appearance", V),
        ("接待", "臉型需小", "facial_features", V),
        ("文员", "女性，28岁以下", "sex", V),
        ("作业员", "限男性，年龄18-35岁", "age", V),
        # who in one clause, the verdict in the next
        ("技術員", "曾任工會理監事者，本公司不予考慮", "union_membership", V),
        ("倉儲", "持有身心障礙證明者，恕難錄用", "disability", V),
        ("作業員", "工作期間不得參加或籌組工會", "union_membership", V),
        ("櫃檯", "婚後需自動離職", "marital_status", V),
        ("美編", "老闆只用水瓶座與雙魚座員工", "zodiac", V),
        ("店員", "我們希望找一位女生加入", "sex", V),
        ("門市", "限民國80年以後出生者", "age", V),
        ("業務", "85年次以後尤佳", "age", V),
        ("行政", "年齡20-30歲、未婚、五官端正", "marital_status", V),
        ("倉管", "體格壯碩之男性", "sex", V),
        ("業務", "需為台北市民", "native_place", W),
        # the marker stands between the clients and the words
        ("照顧服務員", "照顧長者限女性", "sex", V),
        ("居家清潔員", "適合家庭主婦兼職", "sex", V),
        ("業務", "星座請寫在履歷上", "zodiac", V),
        ("助理", "外省第二代優先", "native_place", V),
        ("議員助理", "本服務處徵助理，需認同本黨價值", "party", W),
        ("行政總務", "招募條件：大專以上、Office熟練、未婚女性", "marital_status", V),
        ("倉管人員", "年約25-40，男", "age", V),
        ("櫃台", "熟齡者勿試", "age", V),
        ("業務助理", "徵才條件：1.女 2.22~30歲 3.大學以上", "sex", V),
        ("作業員", "應徵前需確認未曾加入任何工會", "union_membership", V),
        ("管家", "來自良好家庭背景", "class", V),
        # colloquial
        ("助理", "長得醜的別來", "appearance", V),
        ("行政", "超過40的不要", "age", V),
        ("廚師", "廚房都是男生，女生來會不方便", "sex", V),
        ("司機", "外省掛的不用來", "native_place", V),
        ("業務", "有小孩的媽媽就不要來了", "sex", V),
        ("客服", "gay的不要", "sexual_orientation", V),
        ("門市", "過去曾擔任產業工會幹部者請勿應徵", "union_membership", V),
    ],
)
def test_restricting_clause_is_found(title: str, text: str, ground: str, severity: str) -> None:
    # given a clause that sets a condition on applicants on one ground
    # when the ad is checked
    findings = [f for f in check_ad(title, text) if f.ground == ground]
    # then it is found with its severity, quoting words of the ad
    assert findings, text
    strongest = V if any(f.severity == V for f in findings) else W
    assert strongest == severity
    assert all(text[f.start : f.end] == f.words for f in findings)


@pytest.mark.parametrize(
    "title",
    ["櫃檯小姐", "誠徵行政小姐", "送貨先生", "清潔阿姨", "飲料店美眉", "搬家帥哥", "行政小妹"],
)
def test_a_form_of_address_in_the_title_names_a_sex(title: str) -> None:
    findings = check_ad(title, "接聽電話、處理文件")
    assert [(f.ground, f.severity, f.field) for f in findings] == [("sex", V, "title")]
    assert title[findings[0].start : findings[0].end] == findings[0].words


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("櫃台人員（洽林小姐）", "接聽電話"),
        ("門市人員", "聯絡人：陳小姐，電話02-2345-6789"),
        ("行政助理", "有意者請來電洽詢李先生或寄履歷給張小姐"),
        ("日文客服", "需具日文N2以上"),
        ("族語老師", "教授阿美族語課程，需具族語認證"),
        ("客語主播", "客家電視台新聞主播，需具客語能力認證"),
        ("專案助理", "需認同本公司經營理念與企業文化"),
        ("研究助理", "協助民調中心執行政治傾向調查"),
        ("民調訪員", "執行電話民調，詢問受訪者政黨支持度"),
        ("廚師", "餐飲科系出身佳"),
        ("作業員", "低收入戶、中低收入戶身分者優先錄取"),
        ("課輔老師", "協助家境清寒學童課後輔導"),
        ("行政", "本公司為宗教團體，員工不限宗教信仰皆可應徵"),
        ("主管司機", "可以配合偶爾例假日及晚上聚會的用車需求尤佳"),
        ("國會助理", "不限黨籍，熟悉立法程序"),
        ("部落導覽員", "服務原住民族部落遊客"),
        ("原民會約用人員", "依原住民族工作權保障法進用，限具原住民身分"),
        ("作業員", "無年齡限制，男女不拘，新住民、原住民皆歡迎"),
        ("水電技師", "需加入職業工會投保勞健保"),
        ("工會專職人員", "企業工會徵專職人員，協助會務"),
        ("包裝員", "身心障礙者優先錄取，公司依法定額進用"),
        ("教保員", "服務身心障礙者，協助日常生活照顧"),
        ("醫檢師", "執行血型鑑定、交叉配合試驗"),
        ("護理師", "需完成B型肝炎疫苗接種"),
        ("星座專欄編輯", "撰寫十二星座每週運勢"),
        ("婦女再就業專員", "本職缺為婦女再就業專案，限女性"),
        ("美容師", "服務女性顧客，協助臉部保養"),
        ("單身宿舍管理員", "管理員工單身宿舍"),
        ("耳鼻喉科護理師", "五官科診所，協助門診跟診"),
        ("店員", "處女座流星雨活動企劃"),
        ("社工員", "本會為天主教社福機構，歡迎各宗教背景人士加入"),
        ("會計", "基督教會計師事務所徵會計助理"),
        ("櫃台人員", "本公司員工多為已婚媽媽，工作時間彈性"),
        ("早餐店幫手", "每個禮拜需排班4天"),
        ("電話客服", "需能聽懂各地口音並耐心回覆客戶"),
        ("占卜師", "需熟悉星座、塔羅與紫微斗數"),
        ("社工", "服務對象：長者、身障者、原住民"),
        ("人資專員", "負責工會溝通與勞資協商"),
        ("清潔員", "中高齡者優先錄取，歡迎二度就業"),
        ("業務", "客戶多為原住民部落，需能尊重原住民文化"),
        ("原住民族電視台記者", "採訪原住民族新聞，具族語能力者佳"),
        ("整形外科諮詢師", "為顧客說明五官微整療程"),
        ("包裝員", "簡單包裝，適合二度就業媽媽（婦女再就業專案）"),
        ("助理", "老闆是處女座，做事要細心"),
        ("行政", "公司有很多媽媽員工，請假好商量"),
        ("廚房", "不要有菸癮的（廚房禁菸）"),
    ],
)
def test_lawful_wording_is_not_flagged(title: str, text: str) -> None:
    assert check_ad(title, text) == []


def test_women_only_in_a_genuine_occupational_requirement_is_a_warning() -> None:
    assert found("負責女性更衣室及女湯清潔，限女性", "清潔員") == {("sex", W)}


def test_a_church_asking_for_baptism_is_a_warning() -> None:
    assert found("本教會徵幹事，協助主日聚會，需為受洗基督徒", "教會幹事") == {("religion", W)}


def test_a_long_description_hides_no_restriction() -> None:
    text = (
        "工作內容：1.商品陳列與補貨 2.收銀結帳 3.顧客服務 4.環境整理。上班時間09:00-18:00，"
        "月休8天，享勞健保、三節獎金、員工旅遊。限女性，有服務業經驗者佳。"
    )
    [finding] = check_ad("門市人員", text)
    assert (finding.ground, finding.severity, finding.words) == ("sex", V, "限女性")


def test_clauses_split_at_punctuation_and_list_numbers() -> None:
    text = "1.電話邀約客戶 2.講話有口音者恕不錄用，月薪32000"
    parts = [text[a:b] for a, b in clauses(text)]
    assert parts == ["電話邀約客戶 ", "講話有口音者恕不錄用", "月薪32000"]
    # a client noun in an earlier clause does not make a later one about clients
    assert found(text) == {("language", V)}


def test_lexicon_is_data_with_a_basis_and_severities_per_entry() -> None:
    raw = json.loads(
        resources.files("jobdesk.domain.adcheck").joinpath("lexicon.json").read_text("utf-8")
    )
    kinds = {"require", "limit", "exclude", "prefer", "ask", "declare", "welcome", "standalone"}
    kinds |= {"title", "absence"}
    grounds = set()
    for item in raw["grounds"]:
        ground = Ground(item["ground"])
        grounds.add(ground)
        assert item["basis"] == basis_for(ground)
        for entry in item["entries"]:
            assert entry["terms"]
            assert entry["note"]
            assert set(entry["severity"]) <= kinds
            assert set(entry["severity"].values()) <= {V, W, "none"}
    # every ground of §5 ¶1 has words in the lexicon (ages in numbers are read by rules_person),
    # and so does the private data of §5 ¶2 (2)
    assert grounds == set(Ground) - {Ground.PAY_UNDISCLOSED}
    assert len(lexicon().entries) == sum(len(item["entries"]) for item in raw["grounds"])


@pytest.mark.parametrize(
    ("text", "grounds"),
    [
        ("民國82年次以後，可輪班", {"age"}),
        ("西元1992年以後出生者", {"age"}),
        ("未滿38，可久站", {"age"}),
        ("年過四十者勿試", {"age"}),
        ("五十以上的不用來", {"age"}),
        ("非香港出生", {"birthplace"}),
        ("印尼出生者恕不錄用", {"birthplace"}),
        ("四川腔免談", {"language"}),
        ("國語講得不標準的不要", {"language"}),
        ("反核四人士不考慮", {"thought"}),
        ("需認同一中原則", {"thought"}),
        ("有在拜拜的不要", {"religion"}),
        ("家裡負債的不要", {"class"}),
        ("家中有嬰兒需照顧者勿試", {"marital_status"}),
        ("有女朋友的不考慮", {"marital_status"}),
        ("懷孕者不予錄用", {"marital_status"}),
        ("近一年內無生小孩計畫", {"marital_status"}),
        ("太胖的不要", {"appearance"}),
        ("戽斗的不要", {"facial_features"}),
        ("坐輪椅的不可以", {"disability"}),
        ("請提供臉書帳號密碼", {"private_data"}),
        ("履歷請註明手足職業", {"private_data"}),
        ("應徵時附戶口名簿", {"private_data"}),
    ],
)
def test_colloquial_and_number_forms_restrict(text: str, grounds: set[str]) -> None:
    assert {g for g, _ in found(text)} == grounds


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("清潔員", "限45以上（中高齡就業促進專案）"),
        ("導覽員", "帶領遊客參觀作家出生地"),
        ("服飾店員", "為顧客挑選適合身材的褲款"),
        ("社區大學講師", "教授60歲以上學員書法"),
        ("作業員", "錄取後繳交存摺影本辦理薪轉"),
        ("清潔員", "需配合公司初一十五拜拜"),
        ("助理", "面試時請說明近期有無生育計畫"),
    ],
)
def test_tempting_words_in_lawful_ads(title: str, text: str) -> None:
    grounds = {g for g, _ in found(text, title)}
    assert grounds <= {"private_data"} if "生育計畫" in text else not grounds


def test_looks_inside_a_finding_on_the_face_are_that_finding() -> None:
    assert {f.ground for f in check_ad("接待", "臉蛋清秀者優先")} == {"facial_features"}
    assert {f.ground for f in check_ad("接待", "五官端正、外型佳")} == {
        "facial_features",
        "appearance",
    }


@pytest.mark.parametrize(
    ("text", "grounds"),
    [
        ("希望是三十幾歲的", {"age"}),
        ("年紀小的優先", {"age"}),
        ("年紀不能太老", {"age"}),
        ("1998年次以後", {"age"}),
        ("歲數40以下", {"age"}),
        ("本省的才要", {"native_place"}),
        ("協助家境清寒學生申請獎學金", set()),
        ("家境不好的不要", {"class"}),
        ("出身低微者勿試", {"class"}),
        ("要信天主的", {"religion"}),
        ("念佛的不要", {"religion"}),
        ("快出嫁的不要", {"marital_status"}),
        ("體重超標者不適合", {"appearance"}),
        ("臉上有胎記的不要", {"facial_features"}),
        ("要沒口音的", {"language"}),
        ("請提供最近一次的體檢報告及病史", {"private_data"}),
    ],
)
def test_spoken_forms_of_round_three_restrict(text: str, grounds: set[str]) -> None:
    assert {g for g, _ in found(text)} == grounds


@pytest.mark.parametrize(
    ("text", "grounds"),
    [
        ("有小孩的媽媽不適合", {"marital_status", "sex"}),
        ("阿公阿嬤不要", {"age"}),
        ("只找妹子", {"sex"}),
        ("家庭主婦及中年婦女勿試", {"age", "sex", "marital_status"}),
        ("身體有缺陷者勿試", {"disability"}),
        ("需通過背景查核", {"private_data"}),
        ("有紋身的不要", {"appearance"}),
    ],
)
def test_round_four_forms_restrict(text: str, grounds: set[str]) -> None:
    assert {g for g, _ in found(text)} == grounds


def test_an_indigenous_language_is_not_its_people() -> None:
    # the people is not named (no race finding); the language is the tour's medium (no finding)
    assert {g for g, _ in found("需會說泰雅族語，帶領部落遊程", "導遊")} == set()
    assert {g for g, _ in found("限會說泰雅族語者", "行政")} == {"language"}
    assert {g for g, _ in found("婦女館活動企劃", "婦女館活動企劃")} == set()


@pytest.mark.parametrize(
    ("text", "grounds"),
    [
        ("超過40的就別投了", {"age"}),
        ("四十歲前", {"age"}),
        ("25出頭為佳", {"age"}),
        ("年紀不能超過四十", {"age"}),
        ("七年級以下免談", {"age"}),
        ("男孩子比較適合", {"sex"}),
        ("要長得秀氣的", {"appearance"}),
        ("牙齒要白", {"facial_features"}),
        ("有口吃的不要", {"disability"}),
        ("需說標準中文", {"language"}),
        ("常罵政府的不要", {"thought"}),
        ("沒有信仰的不要", {"religion"}),
        ("請附存款證明", {"private_data"}),
    ],
)
def test_round_five_spoken_forms_restrict(text: str, grounds: set[str]) -> None:
    assert {g for g, _ in found(text)} == grounds


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("命理師", "為顧客講解星座運勢"),
        ("家教", "輔導國小六年級以上學生"),
        ("華語教師", "需具華語教學能力認證，發音標準"),
        ("銀行櫃員", "處理客戶信用卡帳單疑問"),
    ],
)
def test_round_five_lawful_twins(title: str, text: str) -> None:
    assert found(text, title) == set()


@pytest.mark.parametrize(
    ("text", "grounds"),
    [
        ("太老的不要", {"age"}),
        ("五字頭的免談", {"age"}),
        ("離過婚的不要", {"marital_status"}),
        ("孕婦免談", {"marital_status"}),
        ("只要可愛的", {"appearance"}),
        ("重聽的請勿", {"disability"}),
        ("南部的不要", {"native_place"}),
        ("說話帶腔的不考慮", {"language"}),
        ("請附配偶身分證影本", {"private_data"}),
        ("需附名下財產資料", {"private_data"}),
    ],
)
def test_round_six_colloquial_forms_restrict(text: str, grounds: set[str]) -> None:
    assert {g for g, _ in found(text)} == grounds


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("婦產科護理師", "照顧待產孕婦"),
        ("美編", "需製作好看的海報"),
        ("業務", "負責南部的客戶"),
        ("美容師", "需要五官好看的"),
    ],
)
def test_round_six_twins(title: str, text: str) -> None:
    grounds = {g for g, _ in found(text, title)}
    assert grounds == ({"facial_features"} if "五官" in text else set())


@pytest.mark.parametrize(
    ("text", "grounds"),
    [
        ("長得很抱歉的不要", {"appearance"}),
        ("要有馬甲線", {"appearance"}),
        ("有老婆的不考慮", {"marital_status"}),
        ("近期不打算生小孩", {"marital_status"}),
        ("智力不足者勿試", {"disability"}),
        ("中文不輪轉的不要", {"language"}),
        ("需提供個人保單影本", {"private_data"}),
    ],
)
def test_round_seven_spoken_forms_restrict(text: str, grounds: set[str]) -> None:
    assert {g for g, _ in found(text)} == grounds


def test_round_seven_twins_stay_clean() -> None:
    assert found("協助客戶整理個人保單資料", "保險業務") == set()
    assert found("為會員規劃減脂與增肌課程", "健身房銷售") == set()
