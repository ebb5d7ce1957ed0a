"""The rule machinery: a rule is a pattern over normalised text plus a judge of its context."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .context import AdContext, is_about_clients, is_negated, is_welcome
from .model import Ground, Severity

#: Decides what a match is worth: a severity, or None when it is no finding.
Judge = Callable[[re.Match[str], str, AdContext], Severity | None]

V = Severity.VIOLATION
W = Severity.WARNING


@dataclass(frozen=True)
class Rule:
    """`pattern` finds candidate words; `judge` looks at the context; `group` is what is quoted."""

    ground: Ground
    pattern: re.Pattern[str]
    judge: Judge
    group: int | str = 0


def guarded(
    severity: Severity = V,
    *,
    clients: str | None = "strict",
    negation: bool = True,
    welcome: Severity | None = W,
    lawful_if: Iterable[str] = (),
    warn_if: Iterable[str] = (),
) -> Judge:
    """The usual judge of a requirement.

    `clients`: ``"strict"`` drops a match that a client noun precedes or follows, ``"loose"``
    also one that a care verb precedes, None keeps it. `negation` drops 不限…/…不拘. `welcome`
    is the severity after 歡迎 (None drops it). `lawful_if` names ad markers (see
    `context._PROGRAMMES`) that make the wording lawful; `warn_if` ones that make it a warning.
    """
    lawful = tuple(lawful_if)
    warn = tuple(warn_if)

    def judge(match: re.Match[str], text: str, ad: AdContext) -> Severity | None:
        start, end = match.span()
        if negation and is_negated(text, start, end):
            return None
        if clients and is_about_clients(text, start, end, strict=clients == "strict"):
            return None
        if any(ad.has(marker) for marker in lawful):
            return None
        result: Severity | None = severity
        if any(ad.has(marker) for marker in warn):
            result = W
        if is_welcome(text, start):
            result = None if welcome is None else min_severity(result, welcome)
        return result

    return judge


def min_severity(first: Severity | None, second: Severity) -> Severity | None:
    """The milder of two severities (warning is milder than violation)."""
    if first is None:
        return None
    return W if W in (first, second) else V


def rule(ground: Ground, pattern: str, judge: Judge | None = None, group: int | str = 0) -> Rule:
    return Rule(ground, re.compile(pattern), judge or guarded(), group)
