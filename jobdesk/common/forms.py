"""Form building blocks shared by the apps."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

# The longest free text a form accepts (an interview note is rarely a tenth of this); longer
# input is refused with Django's zh-Hant "最多 … 個字" message instead of being stored.
LONG_TEXT_MAX = 4000


def bounded_formfield(db_field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """``Meta.formfield_callback`` for ModelForms: model text fields get a length limit."""
    if isinstance(db_field, models.TextField) and not db_field.max_length:
        kwargs.setdefault("max_length", LONG_TEXT_MAX)
    return db_field.formfield(**kwargs)


# A warning the user must acknowledge: the service raises ``needs_confirmation(...)`` unless it
# was called with ``confirmed=True``; the form carries a hidden ``confirm`` field that
# ``attach_service_errors`` turns into a checkbox beside the warning, so the next submission can
# say "yes, I know" (and the service records that it was said).
CONFIRM_FIELD = "confirm"
NEEDS_CONFIRMATION = "needs_confirmation"


def confirmation_field(label: str = "我已了解上述提醒，仍要送出") -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False, widget=forms.HiddenInput)


def needs_confirmation(warnings: list[str]) -> ValidationError:
    return ValidationError(
        {CONFIRM_FIELD: [ValidationError(w, code=NEEDS_CONFIRMATION) for w in warnings]}
    )


def attach_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ``ValidationError`` on ``form``: on the field when the form has it, as a
    form-wide error otherwise (Django's ``add_error`` would raise for an unknown field name).
    A warning to acknowledge shows the form's ``confirm`` checkbox, unticked."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
        if CONFIRM_FIELD in exc.error_dict and CONFIRM_FIELD in form.fields:
            form.fields[CONFIRM_FIELD].widget = forms.CheckboxInput()
            data = cast(Any, form.data).copy()  # a QueryDict (immutable) or a dict
            data.pop(form.add_prefix(CONFIRM_FIELD), None)
            form.data = data
    else:
        form.add_error(None, exc.messages)
