"""§5 checker, round 3 (issue 17): each new rule family, with its lawful-context twin.

Every family is tested both ways: the wording that restricts applicants on a ground, and the
same words where the law, the job's clients, products or a programme make them lawful. The
grounds are compared as sets, so a finding on a wrong extra ground fails as much as a miss.
"""

from __future__ import annotations

import pytest

from jobdesk.domain.adcheck import Severity, check_ad

V, W = Severity.VIOLATION.value, Severity.WARNING.value


def grounds(description: str, title: str = "行政專員") -> set[str]:
    return {f.ground for f in check_ad(title, description) if f.ground != "pay_undisclosed"}


def severities(description: str, title: str = "行政專員") -> set[tuple[str, str]]:
    found = check_ad(title, description)
    return {(f.ground, f.severity) for f in found if f.ground != "pay_undisclosed"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ages as birth years, generations, words and English
        ("75年次至88年次", {"age"}),
        ("年次：80~88年", {"age"}),
        ("民國七十五年次以後", {"age"}),
        ("需為1995年（含）以後出生", {"age"}),
        ("限80後、90後", {"age"}),
        ("八零後優先", {"age"}),
        ("限7年級、8年級生", {"age"}),
        ("超過四十就不用來了", {"age"}),
        ("四五十歲的不要", {"age"}),
        ("30來歲為佳", {"age"}),
        ("歲數不要太大", {"age"}),
        ("中高齡者勿試", {"age"}),
        ("限青壯年", {"age"}),
        ("男女不拘，但年齡需在45以下", {"age"}),
        ("年齡未逾35歲", {"age"}),
        ("年齡層限20-30", {"age"}),
        ("Age: 20-30", {"age"}),
        ("Applicants must be under 35.", {"age"}),
        # birthplace and origin abroad
        ("限在台灣本島出生", {"birthplace"}),
        ("需在台出生長大", {"birthplace"}),
        ("新住民勿投", {"birthplace"}),
        ("外籍配偶請勿應徵", {"birthplace"}),
        ("中配勿投", {"birthplace"}),
        ("歸化國籍者不予考慮", {"birthplace"}),
        ("Only Taiwan-born candidates.", {"birthplace"}),
        # 籍貫 and region of origin
        ("外縣市勿試", {"native_place"}),
        ("外地人不要", {"native_place"}),
        ("原籍需為台灣", {"native_place"}),
        ("南部上來的不要", {"native_place"}),
        ("限本地户籍", {"native_place"}),
        ("非本縣人士勿試", {"native_place"}),
        ("Local applicants only.", {"native_place"}),
        # thought and party
        ("意識形態需相符", {"thought"}),
        ("不得有政治傾向", {"thought"}),
        ("女權運動者恕不錄用", {"thought"}),
        ("偏統者勿試", {"thought"}),
        ("性別平權倡議人士不適合", {"thought"}),
        ("藍營人士優先", {"party"}),
        ("DPP members only.", {"party"}),
        # private data asked for
        ("需填寫家庭成員職業", {"private_data"}),
        ("面試需提供手機通訊錄", {"private_data"}),
        ("履歷請附近照", {"private_data"}),
        ("需簽署同意書供公司查詢個人信用紀錄", {"private_data"}),
        ("需提供近一年銀行存摺明細", {"private_data"}),
        ("Please submit a credit history report.", {"private_data"}),
        # a pledge signed at applying is private data as well as the ground
        ("應徵前須簽切結書，承諾不入工會", {"union_membership", "private_data"}),
        ("須簽切結書，保證不加入任何工會", {"union_membership", "private_data"}),
        ("須簽切結書表明反對同性婚姻", {"thought", "private_data"}),
        # a photo asked for: private data; a 全身照 also looks
        ("請附全身照", {"appearance", "private_data"}),
        # pregnancy and children's plans: marital status (婚姻)
        ("孕婦勿投", {"marital_status"}),
        ("有二胎計畫者勿投", {"marital_status"}),
        ("三年內無懷孕計畫者", {"marital_status"}),
        # looks, face and body
        ("身型纖細", {"appearance"}),
        ("Applicants must be tall and slender.", {"appearance"}),
        ("面部無明顯傷疤", {"facial_features"}),
        ("長相清秀", {"facial_features"}),
        ("兔唇者請勿應徵", {"facial_features"}),
        ("A good-looking face is required.", {"facial_features"}),
        # race, class, religion, orientation, disability, zodiac in new words
        ("非裔人士勿試", {"race"}),
        ("混血者不考慮", {"race"}),
        ("單親家庭出身者勿試", {"class"}),
        ("父母須有穩定工作", {"class"}),
        ("需附教會推薦信", {"religion"}),
        ("出櫃者勿試", {"sexual_orientation"}),
        ("有同性伴侶者不予錄用", {"sexual_orientation"}),
        ("需無重大傷病證明", {"disability"}),
        ("愛滋帶原者勿試", {"disability"}),
        ("屬蛇者勿投", {"zodiac"}),
        ("Scorpios need not apply.", {"zodiac"}),
        ("Blood type A only.", {"blood_type"}),
        ("Males only.", {"sex"}),
        ("No union members.", {"union_membership"}),
        ("Disabled applicants will not be considered.", {"disability"}),
        # the ground as the label of a condition in a list
        ("宗教：無", {"religion"}),
        ("婚姻：已婚", {"marital_status"}),
        ("黨派：無", {"party"}),
        ("外貌：端正", {"appearance"}),
        ("工會：無", {"union_membership"}),
        ("Must be single.", {"marital_status"}),
        ("White people only.", {"race"}),
        ("Local residents only.", {"native_place"}),
        ("Please state your blood type.", {"blood_type"}),
        ("Please state your zodiac sign.", {"zodiac"}),
        ("Height 165cm or above required.", {"appearance"}),
        ("Only straight candidates.", {"sexual_orientation"}),
        # an equal-opportunity clause does not cover the restriction after its comma
        ("本公司遵守就業服務法，限25歲以下", {"age"}),
        ("我們重視性別平等，但本職缺限男性", {"sex"}),
        ("已婚已育、40歲以下女性", {"marital_status", "age", "sex"}),
    ],
)
def test_new_forms_restrict_on_their_ground(text: str, expected: set[str]) -> None:
    assert grounds(text) == expected, text


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # the law sets the age or the check
        ("工讀生", "未滿18歲需附法定代理人同意書"),
        ("工讀生", "依勞基法，未滿16歲不得僱用"),
        ("保全員", "需年滿20歲，無不良素行（保全業法規定）"),
        ("保全人員", "依保全業法第10條之1，到職前須繳交良民證"),
        ("托嬰中心保育員", "照顧未滿2歲幼兒，依法查核性侵害犯罪紀錄"),
        # the team, the company and seniority are not the applicant's age
        ("業務", "年輕化的工作環境，團隊平均年齡28歲"),
        ("店長", "需具5年以上門市管理年資"),
        ("業務", "公司創立於1985年，穩定經營"),
        ("清潔員", "歡迎中高齡朋友及二度就業者"),
        # a place to work, travel or live is not where one comes from
        ("業務", "可派駐外縣市者佳"),
        ("門市", "外縣市員工提供宿舍"),
        ("業務", "需能配合至外縣市出差"),
        ("門市", "需能在台北地區上班"),
        ("就業補助職缺", "本職缺如申請在地就業補助，依計畫須設籍台中市"),
        ("導覽", "帶團參觀名人出生地"),
        ("照顧服務員", "歡迎新住民應徵"),
        # conduct at work and teaching a subject are not beliefs
        ("行政", "上班時間不得從事政治活動（依行政中立法）"),
        ("哲學系兼任講師", "講授政治思想史"),
        # services, products and the work itself
        ("占星老師", "提供星座運勢諮詢，需熟悉占星學"),
        ("星座App後端工程師", "開發星座運勢App，對星座內容有興趣者佳"),
        ("婦女健康診所櫃台", "本診所提供女性婦科檢查服務，男女皆可"),
        ("女性健身會館教練", "會館會員皆為女性，教練性別不拘"),
        ("男士理容院設計師", "本店專營男士理容，設計師男女皆可"),
        ("媽媽教室帶領人", "帶領新手爸媽育兒課程，不限性別"),
        ("勞動法律師", "提供工會法與團體協約諮詢，需具律師證書"),
        ("血液基金會宣導員", "推廣稀有血型捐血活動"),
        ("愛滋個案管理師", "協助HIV感染者就醫與衛教"),
        ("刺青師", "需附刺青作品集"),
        ("模特兒", "需附全身照及作品集"),
        ("行政", "錄取後需繳交體檢報告"),
        ("護理師", "協助病歷整理與歸檔"),
        ("業務", "本公司信用良好，財力雄厚"),
        # a dialect used with the clients or as the medium
        ("日照中心照服員", "需能用台語和長輩溝通"),
        ("台語劇編劇", "協助台語劇本撰寫，需具台語讀寫能力"),
        # a religious office, and the stated exception of 性別工作平等法 §7
        ("教會牧師", "負責主日講道，需為受洗基督徒並具神學院學歷"),
        ("女子湯屋服務員", "因涉顧客隱私空間，依性平法但書限女性"),
        ("泳褲試穿人員", "泳褲版型試穿，因工作性質限男性"),
        # inclusive wording and promises not to ask
        ("洗碗員", "我們是友善職場，歡迎各種性傾向的夥伴"),
        ("店員", "歡迎任何性別、性傾向的人加入"),
        ("會計助理", "本公司面試不會詢問婚姻或宗教"),
        ("部落風味餐廳服務員", "本店供應原住民族傳統料理，歡迎各族群"),
        # English that names a ground without restricting on it
        ("行政", "All ages and genders welcome."),
        ("行政", "Experience in retail preferred."),
        ("行政", "We are an equal opportunity employer."),
        ("行政", "Must have a driver's license."),
        ("行政", "宗教：不限"),
        ("行政", "婚姻：不拘"),
        # English words that only look like a ground
        ("行政", "Candidates must be over 18."),
        ("行政", "Please send your CV to Leo."),
        ("行政", "White shirt and black trousers required."),
        ("行政", "Single shift only."),
        ("行政", "Must be able to lift weight of 20kg."),
        ("行政", "Must be able to work at height."),
        ("行政", "FAT testing experience required."),
        ("行政", "Develop new features; React required."),
        ("行政", "Experience with local suppliers preferred."),
        ("行政", "Type A personality preferred."),
        ("行政", "8 hours straight shifts only."),
        ("行政", "Women's clothing brand, serving female customers."),
    ],
)
def test_lawful_context_is_no_finding(title: str, text: str) -> None:
    assert grounds(text, title) == set(), (title, text)


def test_a_dialect_need_without_clients_stays_a_warning_and_a_limit_a_violation() -> None:
    assert severities("需會台語", "倉管") == {("language", W)}
    assert severities("限會講台語", "倉管") == {("language", V)}


def test_clients_named_elsewhere_in_the_ad_do_not_lift_a_dialect_need() -> None:
    # given: the ad names its customers in another sentence, the language clause names no one
    text = "負責倉庫進出貨及客戶訂單整理。需會台語。"
    # then: the need is still a condition on the applicant
    assert severities(text, "倉管") == {("language", W)}
    # while the same need in the clause that says whom it serves is the job's requirement
    assert severities("負責倉庫進出貨。需會台語與客戶溝通。", "倉管") == set()


def test_a_religious_employer_without_a_religious_office_is_still_a_warning() -> None:
    text = "負責幼兒生活照顧，本園為基督教會附設幼兒園。非基督徒勿試。"
    assert severities(text, "幼兒園教保員") == {("religion", W)}


def test_a_genuine_occupational_requirement_not_stated_stays_a_warning() -> None:
    assert severities("負責女性更衣室及女湯清潔，限女性", "女性更衣室清潔員") == {("sex", W)}


def test_the_pledge_finding_quotes_the_same_clause_as_its_ground() -> None:
    found = check_ad("司機", "須簽切結書聲明任職期間不參加工會")
    words = {f.ground: f.words for f in found}
    assert words["private_data"] == words["union_membership"] == "切結書聲明任職期間不參加工會"


def test_an_english_finding_quotes_the_english_stretch_in_the_original_text() -> None:
    description = "負責門市銷售。Male only. 月休8天"
    (finding,) = check_ad("門市", description)
    assert finding.ground == "sex"
    assert description[finding.start : finding.end] == finding.words == "Male only"
