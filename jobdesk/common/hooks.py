"""Hooks: a lower app announces something, the apps above it that care act on it.

The layering (docs/ARCHITECTURE.md, import-linter contracts in pyproject.toml) lets an app import
only the apps below it. When a lower app's change of state must be followed by one in a higher
app *in the same transaction* — a withdrawn consent (privacy) stops the referrals that rely on it
(referrals) — the lower app runs a named hook and the higher app registers its handler in its
``AppConfig.ready()``. Handlers are ordinary service functions: atomic, audited, explicit; this is
not a signal (nothing runs that the caller did not ask for by name, and a hook no one handles
is an error, so a handler that was never registered cannot be silently skipped).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# Every hook, with what its handlers receive. A hook not listed here cannot be registered or run.
CONSENT_WITHDRAWN = "privacy.consent_withdrawn"  # (consent, *, actor): inside withdraw_consent
CLOSURE_WARNINGS = "cases.closure_warnings"  # (case) -> list[str]: in request_closure
HOOKS: dict[str, str] = {
    CONSENT_WITHDRAWN: "a consent was withdrawn; what relied on it must stop (referrals)",
    CLOSURE_WARNINGS: "a case is about to be closed; what is still open elsewhere (referrals)",
}

_handlers: dict[str, list[Callable[..., Any]]] = {name: [] for name in HOOKS}


class UnhandledHook(RuntimeError):
    """A hook ran with no handler registered: an app that must act was not loaded."""


def register(name: str, handler: Callable[..., Any]) -> None:
    """Register ``handler`` for hook ``name`` (once; called from an ``AppConfig.ready()``)."""
    if name not in HOOKS:
        raise KeyError(f"unknown hook: {name}")
    if handler not in _handlers[name]:
        _handlers[name].append(handler)


def run(name: str, *args: Any, **kwargs: Any) -> list[Any]:
    """Call every handler of ``name`` in order, in the caller's transaction; their results."""
    handlers = _handlers[name]
    if not handlers:
        raise UnhandledHook(name)
    return [handler(*args, **kwargs) for handler in handlers]
