"""Every text field of every form has a length limit, so megabytes of text are refused with a
message instead of being stored (hostile input; nothing half-saved)."""

import importlib
import inspect
import pkgutil

import pytest
from django import forms

import jobdesk


def _form_classes():
    for module_info in pkgutil.walk_packages(jobdesk.__path__, "jobdesk."):
        if module_info.name.rsplit(".", 1)[-1] != "forms":
            continue
        module = importlib.import_module(module_info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield cls


def _fields(cls):
    """Declared fields, or the fields of an instance when a form sets limits in ``__init__``."""
    try:
        return (
            cls(None).fields if "user" not in inspect.signature(cls).parameters else cls.base_fields
        )
    except TypeError:
        return cls.base_fields


@pytest.mark.django_db
def test_every_text_field_has_a_max_length():
    unbounded = []
    classes = list(_form_classes())
    assert len(classes) > 20
    for cls in classes:
        for name, field in _fields(cls).items():
            if isinstance(field, forms.UUIDField):
                continue  # validated by its format
            if isinstance(field, forms.CharField) and field.max_length is None:
                unbounded.append(f"{cls.__module__}.{cls.__name__}.{name}")
    assert not unbounded, "give these fields a max_length: " + ", ".join(unbounded)
