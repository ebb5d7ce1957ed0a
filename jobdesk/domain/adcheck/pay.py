"""§5 ¶2 (6): a regular wage under NT$40,000 must be published (at least its minimum).

The checker cannot know the real wage of an ad that hides it, so the rule is defined on what
the ad shows:

* pay basis hourly, daily or by the piece → no finding (the rule is about monthly pay);
* pay basis monthly, negotiable (面議) or unknown, and no amount disclosed — neither in the
  structured fields (minimum/maximum missing or 0) nor in the text (月薪35,000, 4萬起, 40K) —
  → `pay_undisclosed`, a violation. A disclosed minimum is enough, whatever its size.
* with no structured pay at all, only an explicit 面議 / 依公司規定 next to a pay word in the
  text counts, since the platform may publish pay in fields the checker was not given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import PayInfo
from .normalise import Normalised

NON_MONTHLY_BASES = frozenset({"hourly", "daily", "piece"})
_PAY_WORD = r"月薪|時薪|日薪|年薪|薪資|薪水|薪酬|待遇|底薪|月領|保障薪|起薪|報酬|薪"
_AMOUNT = re.compile(
    r"(?:" + _PAY_WORD + r")[^\n。;]{0,10}?(?:\$|NT\$?|NTD)?\s*"
    r"(?:\d{1,3}(?:,\d{3})+|\d{3,6}|\d+(?:\.\d+)?\s*[萬Kk])"
    r"|(?:\d{1,3}(?:,\d{3})+|\d{3,6}|\d+(?:\.\d+)?\s*[萬Kk])\s*(?:元|NT)?\s*/\s*(?:月|時|小時|日|天)"
    r"|(?:\d{1,3}(?:,\d{3})+|\d{4,6}|\d+(?:\.\d+)?\s*[萬Kk])\s*元?[^\n。;]{0,6}?(?:底薪|月薪|薪資|起薪|保障)"
)
NEGOTIABLE = re.compile(
    r"(?:"
    + _PAY_WORD
    + r")\s*[:]?\s*(?P<words>面議|依公司(?:規定|規範|制度)|依(?:學經歷|能力|經驗)(?:核?敘薪|核定)"
    r"|從優|另議|再議)"
    r"|(?P<alone>待遇從優|薪資從優)"
)


@dataclass(frozen=True)
class PaySpan:
    """Where an undisclosed-pay wording was found (normalised offsets), or none."""

    field: str
    start: int
    end: int


# An amount next to these is an allowance or a bonus, not the wage (空班津貼$150/天).
_NOT_WAGE = re.compile(r"津貼|補助|獎金|加給|餐費|交通費|車資|紅利|分紅|禮金|補貼|獎勵|保證金|押金")


def discloses_amount(*texts: str) -> bool:
    """Whether any text states a wage amount (月薪35,000, 4.3萬, 40K, 200元/時)."""
    for text in texts:
        for match in _AMOUNT.finditer(text):
            context = text[max(0, match.start() - 8) : match.end()]
            if not _NOT_WAGE.search(context):
                return True
    return False


def find_negotiable(fields: dict[str, Normalised]) -> PaySpan | None:
    for field, norm in fields.items():
        match = NEGOTIABLE.search(norm.text)
        if match:
            group = "words" if match.group("words") else "alone"
            return PaySpan(field, match.start(group), match.end(group))
    return None


def pay_undisclosed(
    fields: dict[str, Normalised], pay: PayInfo | None
) -> tuple[bool, PaySpan | None]:
    """(is there a finding, where to quote it)."""
    texts = [norm.text for norm in fields.values()]
    negotiable = find_negotiable(fields)
    if discloses_amount(*texts):
        return False, None
    if pay is None:
        return negotiable is not None, negotiable
    if pay.basis in NON_MONTHLY_BASES:
        return False, None
    if (pay.minimum or 0) > 0 or (pay.maximum or 0) > 0:
        return False, None
    return True, negotiable
