"""Hooks (jobdesk.common.hooks): named, registered once, never silently unhandled."""

import pytest

from jobdesk.common import hooks


def test_the_consent_hook_is_handled_by_referrals():
    # given: the apps are loaded (ReferralsConfig.ready registered its handler)
    from jobdesk.referrals.services import stop_for_withdrawn_consent

    # then
    assert stop_for_withdrawn_consent in hooks._handlers[hooks.CONSENT_WITHDRAWN]


def test_an_unknown_hook_cannot_be_registered():
    with pytest.raises(KeyError):
        hooks.register("privacy.no_such_thing", print)


def test_a_hook_without_a_handler_is_an_error(monkeypatch):
    monkeypatch.setitem(hooks._handlers, hooks.CONSENT_WITHDRAWN, [])
    with pytest.raises(hooks.UnhandledHook):
        hooks.run(hooks.CONSENT_WITHDRAWN, object(), actor=None)


def test_handlers_run_in_order_with_the_arguments(monkeypatch):
    calls = []
    monkeypatch.setitem(hooks._handlers, hooks.CONSENT_WITHDRAWN, [])

    def first(consent, *, actor):
        calls.append(("a", consent, actor))
        return 1

    def second(consent, *, actor):
        calls.append(("b", consent, actor))
        return 2

    hooks.register(hooks.CONSENT_WITHDRAWN, first)
    hooks.register(hooks.CONSENT_WITHDRAWN, second)
    assert hooks.run(hooks.CONSENT_WITHDRAWN, "consent", actor="alice") == [1, 2]
    assert calls == [("a", "consent", "alice"), ("b", "consent", "alice")]


def test_registering_twice_keeps_one(monkeypatch):
    monkeypatch.setitem(hooks._handlers, hooks.CONSENT_WITHDRAWN, [])
    hooks.register(hooks.CONSENT_WITHDRAWN, print)
    hooks.register(hooks.CONSENT_WITHDRAWN, print)
    assert hooks._handlers[hooks.CONSENT_WITHDRAWN] == [print]
