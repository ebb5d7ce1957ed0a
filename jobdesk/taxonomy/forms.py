"""Code-list fields (職業標準分類, 行業統計分類) that take words as well as codes.

A counsellor types 「廚師」 or 「5120」 or picks 「5120 廚師」 from the list under the field: all
three mean 5120. One widget (``CodeSearchWidget``) and two fields serve every code field:

* ``TaxonomyCodesField``: several codes (「4110、廚師」), cleans to model instances;
* ``TaxonomyCodeField``: one code of any level (a prefix for searches), cleans to the code.

Words are resolved on the server (``resolve_code``), so the fields work without JavaScript; the
list (a ``<datalist>`` of 「code name」) and ``taxonomy/code-search.js`` only help finding them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import Model

SPLIT = re.compile(r"[、,，;；\s]+")
MAX_CANDIDATES = 6


class CodeNotFound(ValueError):
    pass


CLASSIFICATIONS = {"occupation": "職業標準分類", "industry": "行業統計分類"}


def _label(obj: Any) -> str:
    return f"{obj.code} {obj.name}"


def resolve_code(model: type[Model], text: str, *, levels: Iterable[int] | None = None) -> Any:
    """The row of ``model`` that ``text`` names: a code, an exact name (the most specific level
    when several levels share it, as 512 and 5120 廚師 do), or the one name containing it.
    Raises ``CodeNotFound`` with a zh-Hant message naming the candidates when it is ambiguous."""
    text = text.strip()
    qs = model._default_manager.all()  # type: ignore[attr-defined]
    if levels is not None:
        qs = qs.filter(level__in=list(levels))
    by_code = qs.filter(code=text).first() or qs.filter(code=text.upper()).first()
    if by_code is not None:
        return by_code
    exact: list[Any] = list(qs.filter(name=text).order_by("-level", "code"))
    if exact and (len(exact) == 1 or exact[0].level != exact[1].level):
        return exact[0]
    found = exact or list(qs.filter(name__contains=text).order_by("-level", "code")[:50])
    if len(found) == 1:
        return found[0]
    if not found:
        name = CLASSIFICATIONS.get(model._meta.model_name or "", str(model._meta.verbose_name))
        raise CodeNotFound(f"「{text}」不在{name}中（代碼與名稱都查無）")
    shown = "、".join(_label(o) for o in found[:MAX_CANDIDATES])
    more = " 等" if len(found) > MAX_CANDIDATES else ""
    raise CodeNotFound(
        f"「{text}」有 {len(found)} 個符合（{shown}{more}），請輸入代碼或更完整的名稱"
    )


class CodeSearchWidget(forms.TextInput):
    """The code input, a 「以名稱搜尋」 box tied to a ``<datalist>`` of 「code name」 and, for
    several codes, a small served script that adds the picked code (no inline script: CSP)."""

    template_name = "taxonomy/code_search_widget.html"

    def __init__(
        self,
        model: type[Model],
        *,
        levels: Iterable[int] | None = None,
        multiple: bool = True,
        attrs: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(attrs)
        self.model, self.levels, self.multiple = model, levels, multiple

    def options(self) -> list[tuple[str, str]]:
        qs = self.model._default_manager.all()  # type: ignore[attr-defined]
        if self.levels is not None:
            qs = qs.filter(level__in=list(self.levels))
        return [(f"{code} {name}", "") for code, name in qs.values_list("code", "name")]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["list_id"] = f"{widget['attrs'].get('id') or name}-options"
        widget["options"] = [label for label, _ in self.options()]
        widget["multiple"] = self.multiple
        widget["kind"] = self.model._meta.verbose_name
        if not self.multiple:
            widget["attrs"]["list"] = widget["list_id"]
        return context


class TaxonomyCodesField(forms.CharField):
    """Several codes, or names, typed as a list (「3221、廚師」); cleans to model instances."""

    def __init__(
        self, model: Any, kind: str, *, levels: Iterable[int] | None = None, **kwargs: Any
    ) -> None:
        self.model, self.kind, self.levels = model, kind, levels
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 1000)
        kwargs.setdefault("widget", CodeSearchWidget(model, levels=levels))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> list[Any]:  # type: ignore[override]
        text = super().clean(value)
        found: list[Any] = []
        problems: list[str] = []
        for token in [t for t in SPLIT.split(text or "") if t]:
            try:
                obj = resolve_code(self.model, token, levels=self.levels)
            except CodeNotFound as missing:
                problems.append(str(missing))
            else:
                if obj not in found:
                    found.append(obj)
        if problems:
            raise forms.ValidationError(f"{'；'.join(problems)}。")
        if self.required and not found:
            raise forms.ValidationError(f"請至少輸入一個{self.kind}代碼或名稱。")
        return found

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple) or hasattr(value, "all"):
            items = value.all() if hasattr(value, "all") else value
            return "、".join(getattr(o, "code", str(o)) for o in items)
        return value


class TaxonomyCodeField(forms.CharField):
    """One code of any level, or a name; cleans to the code (「廚師」 → "5120")."""

    def __init__(self, model: Any, kind: str, **kwargs: Any) -> None:
        self.model, self.kind = model, kind
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("widget", CodeSearchWidget(model, multiple=False))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:  # type: ignore[override]
        text = (super().clean(value) or "").strip()
        if not text:
            return ""
        first, _, rest = text.partition(" ")
        if rest and self.model._default_manager.filter(code=first).exists():
            text = first  # a pick from the list: 「5120 廚師」
        try:
            return str(resolve_code(self.model, text).code)
        except CodeNotFound as missing:
            raise forms.ValidationError(f"{missing}。") from missing
