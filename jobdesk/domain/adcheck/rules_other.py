"""Rules on belief, origin and membership, and on private data (§5 ¶2 (2))."""

from __future__ import annotations

import re

from .context import AdContext, clause_after, clause_before
from .model import Ground, Severity
from .rules import Judge, Rule, V, W, guarded, rule

_PREF = r"優先|尤佳|為佳|者佳|佳|者優先|勿|者勿|不適|謝絕|婉拒|恕不|免談|不收|不錄取?"
_REQ = r"(?:僅|只)?限(?:定)?|需為|須為|必須是|需是"
# 提供/說明 ask only when asked of the applicant (需提供, 請說明); 提供十二星座命盤解讀 is a service
_ASK = r"(?:註明|填寫|告知|附上?|(?:需|須|請|要|應|並|另)\s*(?:提供|說明))[^\n。]{0,6}?"

_SIGNS = (
    r"牡羊|白羊|金牛|雙子|巨蟹|獅子|處女|天秤|天平|天蠍|射手|人馬|摩羯|魔羯|山羊|水瓶|寶瓶|雙魚"
)
ZODIAC_RULES = [
    rule(
        Ground.ZODIAC,
        r"(?:" + _SIGNS + r")座(?:的人|者)?\s*(?:" + _PREF + r")"
        r"|(?:限|不要|不收|不錄取?|拒收|謝絕|婉拒)\s*(?:" + _SIGNS + r")座"
        r"|星座\s*(?::|要求|限制|限|需|須)|" + _ASK + r"星座",
    ),
]
BLOOD_RULES = [
    rule(
        Ground.BLOOD_TYPE,
        r"(?:限|需|須|要|不要|不收|謝絕|婉拒)\s*(?:AB|A|B|O)\s*型(?!肝|流感|車|鋼|架|結構|環)"
        r"|(?<![A-Za-z])(?:AB|A|B|O)\s*型(?:血)?(?:的人|者)?\s*(?:" + _PREF + r")"
        r"|血型\s*(?::|要求|限制|限|需|須)|" + _ASK + r"血型",
        guarded(clients="loose"),
    ),
]

_PLACE = (
    r"台北|新北|基隆|桃園|新竹|苗栗|台中|彰化|南投|雲林|嘉義|台南|高雄|屏東|宜蘭|花蓮|台東|澎湖|金門"
    r"|馬祖|連江|北部|中部|南部|東部|本省|外省|本地|在地|當地|本市|本縣"
)
RACE_RULES = [
    rule(
        Ground.RACE,
        r"(?:" + _REQ + r")\s*(?:白人|黑人|黃種人|漢人|漢族|華人|亞洲人|歐美人士?|西方人|白皮膚)"
        r"|(?:白人|黑人|漢人|漢族|黃種人|歐美人士?|原住民(?:族)?|客家人)(?:者)?\s*"
        r"(?:勿|恕不|謝絕|婉拒|免談|不適|不收|不錄取?)"
        r"|膚色\s*(?:白|白皙|淺|要求|限)|種族\s*(?::|限|要求|需|須)",
    ),
    rule(
        Ground.RACE,
        r"(?:" + _REQ + r")\s*原住民|原住民(?:族)?(?:身分)?(?:者)?\s*(?:優先|尤佳|為佳)",
        guarded(W, welcome=None, lawful_if=("indigenous",)),
    ),
]
CLASS_RULES = [
    rule(
        Ground.CLASS,
        r"家世(?:清白|良好|背景|顯赫)|出身(?:良好|名門|清白|背景)|家境(?:良好|小康|富裕)"
        r"|(?:低收入戶|中低收入戶|清寒|貧戶)(?:者)?\s*(?:勿|恕不|謝絕|婉拒|免談|不適)|社經地位",
        guarded(clients="loose"),
    ),
]
# Language (dialects, accent, 母語) is decided by the lexicon pass (conditions.py).
THOUGHT_RULES = [
    rule(
        Ground.THOUGHT,
        r"思想(?:純正|正確|端正|健全|正常|清白)|政治(?:立場|傾向|理念|色彩)\s*(?::|需|須|要|相同|相近|一致)"
        r"|(?:支持|認同|擁護)\s*(?:台獨|台灣獨立|統一|九二共識|一國兩制|一中)"
        r"|(?:統派|獨派|台獨|深藍|深綠)(?:者)?\s*(?:勿|免談|恕不|優先)|愛國(?:者|人士)?(?:優先|尤佳)",
        guarded(clients="loose", warn_if=("party_org",)),
    ),
]
_BELIEVER = r"基督徒|基督教徒|天主教徒|佛教徒|道教徒|回教徒|穆斯林|教友|信徒|一貫道"
RELIGION_RULES = [
    rule(
        Ground.RELIGION,
        r"(?:" + _REQ + r")\s*(?:" + _BELIEVER + r")"
        r"|(?:" + _BELIEVER + r"|受洗者?|有宗教信仰者?|無宗教信仰者?)\s*(?:" + _PREF + r")"
        r"|宗教信仰\s*(?::|需|須|要求|限)"
        r"|(?:需|須|必須)\s*(?:受洗|有宗教信仰|參加(?:主日)?(?:禮拜|聚會|法會|晨禱)|認同(?:基督|天主|佛教|佛法|教會))"
        r"|" + _ASK + r"(?:宗教|信仰)",
        guarded(warn_if=("religious_org",), lawful_if=("religious_duty",)),
    ),
]
_PARTIES = r"國民黨|民進黨|民主進步黨|民眾黨|時代力量|親民黨|共產黨|新黨|基進黨|綠黨"
PARTY_RULES = [
    rule(
        Ground.PARTY,
        r"(?:" + _PARTIES + r")(?:黨員|員|籍)?(?:者)?\s*(?:" + _PREF + r")"
        r"|(?:" + _REQ + r")\s*(?:" + _PARTIES + r")?黨員|黨員(?:優先|尤佳|為佳)"
        r"|黨籍\s*(?::|需|須|要求|限)|政黨(?:傾向|屬性|立場)|" + _ASK + r"(?:黨籍|政黨)",
        guarded(warn_if=("party_org",)),
    ),
]
NATIVE_RULES = [
    rule(
        Ground.NATIVE_PLACE,
        r"(?:" + _REQ + r")\s*(?:" + _PLACE + r")(?:籍|人|在地人|人士|子弟)(?![才員氣力口潮])"
        r"|(?:" + _PLACE + r")(?:籍|人|子弟)(?![才員氣力口潮])(?:者)?\s*(?:" + _PREF + r")"
        r"|籍貫\s*(?::|需|須|要求|限)|" + _ASK + r"籍貫"
        r"|(?:限|僅限|只限)\s*(?:本地人|在地人|當地人)",
    ),
    rule(
        Ground.NATIVE_PLACE,
        r"(?:設籍|戶籍(?:設)?在?)\s*(?:" + _PLACE + r")[^\n。,;]{0,3}?(?:者)?(?:優先|尤佳|為佳)"
        r"|(?:限|僅限|需|須)\s*(?:設籍|戶籍(?:設)?在)",
        guarded(W, lawful_if=("registration_programme",)),
    ),
]
BIRTHPLACE_RULES = [
    rule(
        Ground.BIRTHPLACE,
        r"(?<![人家者的之])出生地(?!點)"
        r"|(?:限|需|須|僅限)\s*(?:在)?(?:台灣|國內|" + _PLACE + r")(?:出生|土生土長)"
        r"|(?:台灣|國內|" + _PLACE + r")(?:出生|土生土長)(?:者)?\s*(?:" + _PREF + r")",
    ),
]
ORIENTATION_RULES = [
    rule(
        Ground.SEXUAL_ORIENTATION,
        r"性(?:傾向|取向)(?!歧視|平等|友善|多元)|性向正常|性別認同正常"
        r"|(?:同性戀|同志|跨性別|雙性戀|LGBTQ?\+?|gay|GAY|娘娘腔|娘炮|男人婆)(?:者|傾向)?\s*"
        r"(?:勿|恕不|謝絕|婉拒|免談|不適|不收)|(?:" + _REQ + r")\s*異性戀",
    ),
]
_UNION_ACT = r"參加|加入|擔任|參與|籌組|組織"
UNION_RULES = [
    rule(
        Ground.UNION_MEMBERSHIP,
        r"(?:未曾|不曾|沒有|無|未)(?:" + _UNION_ACT + r")過?\s*工會"
        r"|(?:未曾|不曾|沒有|無)\s*工會(?:會員|幹部|經歷|背景|身分)"
        r"|(?:曾|有)(?:" + _UNION_ACT + r")?(?:過)?工會(?:會員|幹部|成員|經歷|背景)?(?:者)?\s*"
        r"(?:勿|恕不|謝絕|婉拒|免談|不適|不予|不錄取?)"
        r"|工會(?:會員|幹部|成員|經歷|背景)(?:者)?\s*(?:勿|恕不|謝絕|婉拒|免談|不適|不予|不錄取?)"
        r"|(?:不得|不可|不能|禁止)(?:" + _UNION_ACT + r")工會|" + _ASK + r"工會",
        guarded(clients=None, negation=False),
    ),
]

# ---------------------------------------------------------------- private data
# A private-data word after one of these is the job's task (執行基因檢測, 查詢客戶聯徵).
_TASK_BEFORE = re.compile(
    r"執行|進行|操作|負責|協助|施測|分析|判讀|實施|研發|研究|銷售|推廣|規劃|辦理|處理|管理|撰寫|解釋"
    r"|安排|審核|查詢|蒐集|整理|客戶|案件|授信|放款|貸款|業務|系統|平台|產品|個案|案家|學生|評估|訪視"
    r"|公司|企業|本店|商家|品牌|廠商"  # 本公司信用良好: the employer's own credit
)
_TASK_AFTER = re.compile(
    r"^(?:業務|服務|產品|實驗|設備|儀器|工作|系統|之?施測|分析|評估|量表|報告撰寫)"
)


# 同意書供公司查詢個人信用紀錄: the applicant's own data, whatever verb comes before it.
_APPLICANTS_OWN = re.compile(r"同意書|授權|供(?:本)?公司|應徵者|求職者|本人|個人\s*$|您的|你的")


def private_judge(severity: Severity, lawful_if: tuple[str, ...] = ()) -> Judge:
    base = guarded(severity, clients="strict", welcome=severity, lawful_if=lawful_if)

    def judge(match: re.Match[str], text: str, ad: AdContext) -> Severity | None:
        start, end = match.span()
        before = clause_before(text, start, 14)
        if _TASK_BEFORE.search(before) and not _APPLICANTS_OWN.search(before):
            return None
        if _TASK_AFTER.search(clause_after(text, end)):
            return None
        return base(match, text, ad)

    return judge


# A document asked for at hiring (錄取後, 到職時, 薪轉用), not at applying.
_AFTER_HIRING = re.compile(r"錄取後|錄用後|到職|報到|入職|薪轉|薪資轉帳")


def _sentence_before(text: str, start: int) -> str:
    lo = max(text.rfind("。", 0, start), text.rfind("\n", 0, start)) + 1
    return text[max(lo, start - 40) : start]


def _unless_after_hiring(judge: Judge) -> Judge:
    def judged(match: re.Match[str], text: str, ad: AdContext) -> Severity | None:
        if _AFTER_HIRING.search(_sentence_before(text, match.start())):
            return None
        if _AFTER_HIRING.search(clause_after(text, match.end())[:12]):
            return None
        return judge(match, text, ad)

    return judged


PRIVATE_RULES = [
    rule(
        Ground.PRIVATE_DATA,
        r"基因(?:檢測|檢查|篩檢|資料|報告)|DNA(?:檢測|鑑定)|(?:HIV|愛滋(?:病)?)(?:檢測|篩檢|檢驗|報告)"
        r"|(?:心理|智力|誠實)(?:測驗|測試|評量)|測謊"
        r"|信用(?:紀錄|記錄|報告|狀況|調查|瑕疵|良好|不良|分數|評分|資料)|聯徵(?:紀錄|記錄|報告|資料|中心)?|聯合徵信"
        r"|無不良信用|債信|無(?:不良)?(?:債務|負債|卡債)|財力證明|信用卡(?:帳單|明細|額度)|存款(?:證明|餘額)|銀行對帳單"
        r"|(?:是否|有無|近期)?(?:懷孕|生育|婚育|結婚|生小孩|二胎|生二胎|生第二胎|懷孕生子)(?:計畫|計劃|規劃|打算)"
        # …計畫者恕不錄用 excludes (婚姻), it does not ask
        r"(?!者?\s*(?:恕不|勿|不予|不錄|免談|不適|不考慮|不要|別|謝絕))"
        r"|(?:是否|有無)懷孕|驗孕|妊娠檢查"
        r"|全家福|(?<!良好)(?<!清白)(?<!單純)(?<!富裕)(?<!優渥)(?<!良好的)(?<!上流)(?<!中產)家庭(?:背景|狀況|成員|經濟|環境)"
        # a condition on the family's standing is class (家庭環境好的優先), not a question
        r"(?!單純|良好|清白|好|佳|富裕|優渥|穩定|小康|雄厚|顯赫|不錯|(?:狀況|條件)(?:穩定|良好|佳|好|優渥|富裕|小康))"
        r"|(?:父母|家人|配偶|兄弟姊妹|兄弟姐妹|手足|父親|母親|雙親|家屬)(?:的)?(?:職業|工作|學歷|姓名|資料|收入|身分證|身份證|證件)"
        r"|房屋權狀|土地權狀|(?:個人)?保單(?:資料|影本|明細)|財產(?:證明|清單|資料)|名下(?:房產|財產|不動產)"
        r"|家中排行|排行(?:老幾|第幾)|兄弟(?:姊妹|姐妹)(?:人數|幾人|幾個)"
        r"|(?:提供|繳交|告知|附上?|填寫)[^\n。，]{0,4}(?:FB|臉書|Facebook|IG|Instagram|社群(?:媒體)?)(?:個人)?(?:帳號|帳密|密碼)"
        r"|(?:FB|臉書|Facebook|IG|Instagram|社群(?:媒體)?)(?:帳號)?(?:密碼|帳密)"
        r"|(?:保管|留置|扣留|扣押|押)\s*(?:身分證|身份證|證件|護照|居留證|畢業證書)"
        r"|(?:身分證|身份證|證件|護照|居留證|畢業證書)(?:正本)?\s*(?:需|須|要)?\s*(?:交由|交給|由)?"
        r"\s*(?:公司|雇主|本公司)?\s*(?:保管|留置|扣留|扣押|押)",
        private_judge(V),
    ),
    rule(
        Ground.PRIVATE_DATA,
        r"藥物(?:測試|檢測)|藥檢|毒品(?:檢測|篩檢)|尿液(?:檢測|篩檢)|(?:人格|性格|個性|職業性向)(?:測驗|測試|評量)"
        r"|(?:警察)?刑事(?:紀錄|記錄)(?:證明)?(?:書)?|良民證|無犯罪(?:紀錄|記錄|前科)?|犯罪(?:紀錄|記錄)"
        r"|無前科|(?:無|沒有)[^\n。,，]{1,4}前科|前科(?:者)?\s*(?:勿|免談|恕不)|背景(?:調查|查核)|身家(?:調查|查核)|身分證正本|身份證正本"
        r"|(?:按捺|採集|留存|建檔)指紋|指紋(?:建檔|採集|留存)"
        r"|(?:提供|繳交|附上?|告知|註明|說明)[^\n。]{0,12}?(?:病歷|病史|就醫紀錄|健保(?:就醫)?紀錄)",
        # a check the ad says the law sets (保全業法 §10-1, 幼照法 §21, 依法查核) is lawful
        private_judge(W, lawful_if=("statute",)),
    ),
    rule(
        Ground.PRIVATE_DATA,
        r"存摺(?:封面)?(?:影本|正本|封面)|戶口名簿(?:影本|正本)?",
        _unless_after_hiring(private_judge(V)),
    ),
]

OTHER_RULES: list[Rule] = [
    *ZODIAC_RULES,
    *BLOOD_RULES,
    *RACE_RULES,
    *CLASS_RULES,
    *THOUGHT_RULES,
    *RELIGION_RULES,
    *PARTY_RULES,
    *NATIVE_RULES,
    *BIRTHPLACE_RULES,
    *ORIENTATION_RULES,
    *UNION_RULES,
    *PRIVATE_RULES,
]
