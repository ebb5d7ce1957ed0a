"""Form building blocks shared by the apps."""

from __future__ import annotations

from typing import Any

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


def attach_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ``ValidationError`` on ``form``: on the field when the form has it, as a
    form-wide error otherwise (Django's ``add_error`` would raise for an unknown field name)."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
