"""Mutation testing of the modules that protect people (``make mutate``; docs/testing.md).

    python -m bench.mutate [GROUP ...] [--list] [--show] [--all]

Each group (scoping, consent, referral_sending, access_log, retention, identifiers, two_factor,
blindness, closure, adcheck) is run on its own, one after the other, with mutmut in a workspace
of its own under ``var/mutate/<group>/``: a generated ``pyproject.toml`` whose ``[tool.mutmut]``
names only that group's modules (``only_mutate``) and only that group's tests. mutmut's stats run
then records which of those tests call each function, and each mutant runs only those tests.
Results stay in the workspace, so a second run re-tests only what changed.

Without GROUP: every group except ``adcheck`` (being rewritten; ``--all`` adds it).
Not a test and not part of ``make test``: a run takes minutes per group. The score of a group is
detected / (mutants − argued equivalent), detected = killed + timed out; the target is ≥ 90 %.
Mutants argued equivalent are listed in ``EQUIVALENT`` below with the argument (and in
docs/testing.md); a listed mutant that no longer survives is reported so the list stays true.
"""

from __future__ import annotations

import argparse
import ast
import glob
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "var" / "mutate"
SHARED = Path(os.environ.get("JOBDESK_SHARED", str(REPO.parent / "shared")))
TARGET = 0.90


@dataclass(frozen=True)
class Group:
    modules: tuple[str, ...]
    tests: tuple[str, ...]
    measured: bool = True
    # Mutant name patterns (mutmut's, e.g. "jobdesk.x.y.x_send_referral__mutmut_*") when only some
    # functions of a large module are the rule that protects people; empty: every function.
    functions: tuple[str, ...] = ()


GROUPS: dict[str, Group] = {
    "scoping": Group(
        ("jobdesk/common/scoping.py", "jobdesk/common/models.py"),
        (
            "tests/foundation/test_scoping.py",
            "tests/foundation/test_scope_siblings.py",
            "tests/foundation/test_scope_lint.py",
            "tests/foundation/test_scoping_actions.py",
        ),
    ),
    "consent": Group(
        ("jobdesk/privacy/services/consents.py", "jobdesk/privacy/models/consents.py"),
        (
            "tests/privacy/test_consents.py",
            "tests/privacy/test_consent_parts.py",
            "tests/referrals/test_send_needs_valid_consent.py",
            "tests/referrals/test_referral_services.py",
        ),
    ),
    "referral_sending": Group(
        ("jobdesk/referrals/services.py",),
        (
            "tests/referrals/test_referral_services.py",
            "tests/referrals/test_send_needs_valid_consent.py",
            "tests/referrals/test_referral_steps.py",
        ),
        functions=tuple(
            f"jobdesk.referrals.services.x_{name}__mutmut_*"
            for name in (
                "sign_consent",
                "send_referral",
                "stop_for_withdrawn_consent",
                "consent_valid_until",
                "_lock",
            )
        ),
    ),
    "access_log": Group(
        ("jobdesk/audit/services.py", "jobdesk/privacy/access.py"),
        (
            "tests/privacy/test_access_gate.py",
            "tests/cases/test_caseload_gate.py",
            "tests/foundation/test_access_log_rows.py",
            "tests/foundation/test_access_log_defaults.py",
            "tests/privacy/test_caseload_gate_steps.py",
        ),
    ),
    "retention": Group(
        ("jobdesk/privacy/services/erasure.py",),
        (
            "tests/privacy/test_erasure.py",
            "tests/privacy/test_retention_last_closure.py",
            "tests/privacy/test_erasure_parts.py",
        ),
    ),
    "identifiers": Group(
        ("jobdesk/domain/identifiers.py",),
        (
            "tests/domain/test_identifiers.py",
            "tests/domain/test_identifiers_spec.py",
            "tests/domain/test_identifiers_results.py",
        ),
    ),
    "two_factor": Group(
        ("jobdesk/privacy/otp.py", "jobdesk/accounts/backends.py"),
        (
            "tests/privacy/test_otp.py",
            "tests/privacy/test_otp_roles.py",
            "tests/foundation/test_login.py",
            "tests/foundation/test_lockout_duration.py",
            "tests/foundation/test_lockout_backend.py",
            "tests/privacy/test_otp_codes.py",
        ),
    ),
    "blindness": Group(
        ("jobdesk/matching/adapters.py",),
        (
            "tests/matching/test_adapters.py",
            "tests/matching/test_counterfactual.py",
            "tests/domain/test_matching_blindness.py",
            "tests/matching/test_seeker_profile_values.py",
        ),
        # The seeker side: what the engine may learn of a job seeker (the vacancy side is not a
        # §5 rule).
        functions=tuple(
            f"jobdesk.matching.adapters.x_{name}__mutmut_*"
            for name in (
                "seeker_profile_from_values",
                "seeker_profiles",
                "seeker_profile",
                "split_terms",
                "_shifts",
                "_years",
                "township_key",
            )
        ),
    ),
    "closure": Group(
        ("jobdesk/cases/services/closure.py",),
        (
            "tests/cases/test_case_transitions.py",
            "tests/cases/test_closure_rules.py",
            "tests/cases/test_closure_audit.py",
        ),
    ),
    # Being rewritten (another branch): configured, run with --all or by name, not in the score.
    "adcheck": Group(
        ("jobdesk/domain/adcheck/*",),
        ("tests/domain/test_adcheck.py", "tests/domain/test_adcheck_age_ranges.py"),
        measured=False,
    ),
}

# Survivors argued equivalent (no test can tell them from the original). Name → argument.
_ZIP_STRICT = (
    "zip(..., strict=True) → strict=False/None/absent: both sequences always have the same length "
    "(the value matched a fixed-length pattern first), so strictness is never exercised"
)
_CAST = "typing.cast(...) with another type: cast does nothing at run time"
_LOOKUP_NAME = (
    "getattr(model, <another name>, 'office'): no model overrides office_lookup, so the default "
    "'office' is what every model has anyway"
)
_LOCKED_ROW_SAVE = (
    "save(update_fields=None) on a row just read under select_for_update: every other column "
    "is written back with the value it already has"
)
_GET_MODEL_CASE = "apps.get_model(app, NAME): Django looks model names up in lower case"
_REFERRAL_LOCKED = (
    "save(update_fields=None) on the referral read under select_for_update by _lock: the other "
    "columns are written back unchanged"
)
_SIGNATURE_SAVE = (
    "consent.signature.save(..., save=True/None/omitted): the file is written either way and the "
    "consent row is saved just after in the same transaction; an earlier save of the same values "
    "changes nothing that is kept"
)
_ATTNAME = (
    "getattr(field, 'attname', None/omitted): every field a snapshot reads is concrete, and "
    "every concrete field has an attname, so the default is never used"
)
_JSON_NONE = "_jsonable(None) is None: the `is not None` test changes nothing"
_SESSION_NONE = (
    "session.get(KEY, None/omitted) instead of []: None is not a list, so [] is returned anyway"
)
EQUIVALENT: dict[str, str] = {
    "jobdesk.matching.adapters.x_split_terms__mutmut_12": (
        "seen.setdefault(term) without a value: the default value is None, the same"
    ),
    "jobdesk.matching.adapters.x_seeker_profile_from_values__mutmut_63": (
        "EDUCATION_ORDINAL.get(code or 'XXXX'): neither '' nor 'XXXX' is a code, both give None"
    ),
    "jobdesk.audit.services.x_snapshot__mutmut_25": _ATTNAME,
    "jobdesk.audit.services.x_snapshot__mutmut_28": _ATTNAME,
    "jobdesk.audit.services.x_record_event__mutmut_36": _CAST,
    "jobdesk.audit.services.x__access_event__mutmut_25": _CAST,
    "jobdesk.audit.services.x_record_event__mutmut_50": (
        "getattr(actor, 'username', None) or 'system': None and '' both fall to 'system'"
    ),
    "jobdesk.audit.services.x_record_event__mutmut_63": _JSON_NONE,
    "jobdesk.audit.services.x_record_event__mutmut_67": _JSON_NONE,
    "jobdesk.audit.services.x_record_access__mutmut_20": (
        "save(force_insert=False) on a new row: Django inserts a row whose primary key is unset"
    ),
    "jobdesk.audit.services.x_record_accesses__mutmut_14": (
        "bulk_create([]) instead of []: bulk_create of an empty list returns [] without a query"
    ),
    "jobdesk.privacy.access.x__granted__mutmut_3": _SESSION_NONE,
    "jobdesk.privacy.access.x__granted__mutmut_5": _SESSION_NONE,
    "jobdesk.privacy.access.x_caseload_gate__mutmut_19": (
        "POST.get(FIELD, None) instead of '': the form reads None and '' alike (required)"
    ),
    "jobdesk.privacy.access.x_caseload_gate__mutmut_21": (
        "POST.get(FIELD) instead of POST.get(FIELD, ''): the default is None, read as '' (required)"
    ),
    "jobdesk.privacy.access.x_caseload_gate__mutmut_40": (
        "action=AccessAction.VIEW removed: record_access's default action is VIEW"
    ),
    "jobdesk.privacy.access.x_caseload_gate__mutmut_55": (
        "allowed_hosts=None: a full path has no host; the one form read as a host (//host/…) is "
        "refused with or without the request's host"
    ),
    "jobdesk.privacy.services.consents.x_record_consent__mutmut_80": _SIGNATURE_SAVE,
    "jobdesk.privacy.services.consents.x_record_consent__mutmut_83": _SIGNATURE_SAVE,
    "jobdesk.privacy.services.consents.x_record_consent__mutmut_86": _SIGNATURE_SAVE,
    "jobdesk.privacy.services.consents.x_withdraw_consent__mutmut_25": (
        "locked.save(update_fields=None): the row was read under select_for_update in this call, "
        "so every other column is saved with the value it already has"
    ),
    "jobdesk.privacy.services.erasure.x_expired_seekers__mutmut_9": _GET_MODEL_CASE,
    "jobdesk.privacy.services.erasure.x_expired_seekers__mutmut_10": _GET_MODEL_CASE,
    "jobdesk.privacy.services.erasure.x_expired_seekers__mutmut_21": _GET_MODEL_CASE,
    "jobdesk.privacy.services.erasure.x_expired_seekers__mutmut_22": _GET_MODEL_CASE,
    "jobdesk.privacy.services.erasure.x__anonymise__mutmut_8": (
        "_clear_row(row, None, result): _clear_row never reads its secrets argument"
    ),
    "jobdesk.privacy.services.erasure.x_scrub_rows_and_logs__mutmut_40": (
        "{subject_type, subject_id} < names instead of <=: every model has more columns (its id)"
    ),
    "jobdesk.privacy.services.erasure.x_purge_expired__mutmut_42": (
        "run.save(update_fields=None): the run was created in this call, every column is its own"
    ),
    "jobdesk.privacy.services.erasure.x__anonymise_seeker_row__mutmut_23": (
        "the created_at exception renamed: created_at is not null, so the DateField branch "
        "(null=True only) never takes it"
    ),
    "jobdesk.privacy.services.erasure.x__anonymise_seeker_row__mutmut_24": (
        "the created_at exception renamed: created_at is not null, so the DateField branch "
        "(null=True only) never takes it"
    ),
    "jobdesk.referrals.services.x_sign_consent__mutmut_54": _REFERRAL_LOCKED,
    "jobdesk.referrals.services.x_send_referral__mutmut_50": _REFERRAL_LOCKED,
    "jobdesk.referrals.services.x_stop_for_withdrawn_consent__mutmut_7": (
        "save(update_fields=None) on a referral read under select_for_update in the same loop"
    ),
    "jobdesk.cases.services.closure.x_approve_closure__mutmut_12": _LOCKED_ROW_SAVE,
    "jobdesk.cases.services.closure.x_reject_closure__mutmut_16": _LOCKED_ROW_SAVE,
    "jobdesk.cases.services.closure.x_reopen_case__mutmut_27": (
        "save(update_fields=None) on the closure row read a moment before in the same "
        "transaction: the other columns are written back unchanged"
    ),
    "jobdesk.cases.services.closure.x_reopen_case__mutmut_18": (
        ".exclude(pk=None) instead of the case itself: the case is closed, and closed cases are "
        "excluded by the next filter anyway"
    ),
    "jobdesk.common.scoping.x_office_subtree__mutmut_1": _CAST,
    "jobdesk.common.scoping.x_office_subtree__mutmut_5": _CAST,
    "jobdesk.common.scoping.x_office_subtree__mutmut_6": _CAST,
    "jobdesk.common.scoping.x_office_subtree__mutmut_7": _CAST,
    "jobdesk.common.models.xǁScopedQuerySetǁfor_user__mutmut_7": (
        "getattr(user, 'is_authenticated', None) instead of False: `not None` is `not False`"
    ),
    "jobdesk.common.scoping.x_get_for_user_or_404__mutmut_14": _CAST,
    "jobdesk.common.models.xǁScopedQuerySetǁfor_user__mutmut_32": _LOOKUP_NAME,
    "jobdesk.common.models.xǁScopedQuerySetǁfor_user__mutmut_38": _LOOKUP_NAME,
    "jobdesk.common.models.xǁScopedQuerySetǁfor_user__mutmut_39": _LOOKUP_NAME,
    "jobdesk.accounts.backends.xǁLockoutModelBackendǁauthenticate__mutmut_11": (
        "super().authenticate(None, …): Django's ModelBackend.authenticate never reads request"
    ),
    "jobdesk.accounts.backends.xǁLockoutModelBackendǁ_count_failure__mutmut_8": (
        "refresh_from_db(fields=None) reloads every field of a local copy of which only "
        "failed_login_count is read afterwards"
    ),
    "jobdesk.accounts.backends.xǁLockoutModelBackendǁuser_can_authenticate__mutmut_7": (
        "getattr(user, 'is_locked', None) instead of False: `not None` is `not False`"
    ),
    "jobdesk.privacy.otp.x__matching_step__mutmut_15": (
        "now//30 - drift over drifts (0, -1, 1) tries the same three steps in another order; the "
        "result differs only if two neighbouring steps share a code (about 1 in 10^6)"
    ),
    "jobdesk.domain.identifiers.x__personal_checksum_ok__mutmut_16": _ZIP_STRICT,
    "jobdesk.domain.identifiers.x__personal_checksum_ok__mutmut_19": _ZIP_STRICT,
    "jobdesk.domain.identifiers.x__personal_checksum_ok__mutmut_20": _ZIP_STRICT,
    "jobdesk.domain.identifiers.x_check_ubn__mutmut_10": _ZIP_STRICT,
    "jobdesk.domain.identifiers.x_check_ubn__mutmut_13": _ZIP_STRICT,
    "jobdesk.domain.identifiers.x_check_ubn__mutmut_14": _ZIP_STRICT,
}

DETECTED = {"killed", "timeout"}
NOT_RUN = {"skipped", "not checked"}  # not in the score: reported, run them with --clean


ATOMIC = "@transaction.atomic"


def undecorate_atomic(source: str) -> str:
    """``@transaction.atomic`` on a module-level function → ``f = transaction.atomic(f)`` after it.

    mutmut does not mutate decorated functions (copying a decorated function for its trampoline
    can run the decorator twice), and every service here is ``@transaction.atomic``. Applying the
    decorator after the definition is the same function at run time, and mutmut mutates it.
    Only this copy in the workspace is rewritten, never the repository's file.
    """
    lines = source.splitlines(keepends=True)
    ends: list[tuple[int, int, str]] = []
    for node in ast.parse(source).body:
        if (
            isinstance(node, ast.FunctionDef)
            and len(node.decorator_list) == 1
            and ast.unparse(node.decorator_list[0]) == "transaction.atomic"
        ):
            ends.append((node.decorator_list[0].lineno, node.end_lineno or node.lineno, node.name))
    for decorator_line, end_line, fname in reversed(ends):
        lines.insert(end_line, f"\n\n{fname} = transaction.atomic({fname})\n")
        assert lines[decorator_line - 1].strip() == ATOMIC, fname
        del lines[decorator_line - 1]
    return "".join(lines)


def _copy_code(ws: Path, group: Group) -> None:
    """A copy of jobdesk/ in the workspace, the group's modules undecorated (see above)."""
    target = ws / "jobdesk"
    shutil.copytree(
        REPO / "jobdesk",
        target,
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    for pattern in group.modules:
        for path in glob.glob(str(REPO / pattern)):
            if path.endswith(".py"):
                text = Path(path).read_text("utf-8")
                copy = target / Path(path).relative_to(REPO / "jobdesk")
                wanted = undecorate_atomic(text) if ATOMIC in text else text
                if copy.read_text("utf-8") != wanted:
                    copy.write_text(wanted, "utf-8")


def _workspace(name: str, group: Group) -> Path:
    """var/mutate/<name>/: a copy of the code, links to the tests, a pyproject for this group."""
    ws = WORK / name
    ws.mkdir(parents=True, exist_ok=True)
    if (ws / "jobdesk").is_symlink():
        (ws / "jobdesk").unlink()
    _copy_code(ws, group)
    for entry in ("tests", "manage.py"):
        link = ws / entry
        if not link.exists():
            link.symlink_to(REPO / entry)
    tests = [t for t in group.tests if (REPO / t).exists()]
    config = (
        "\n[tool.mutmut]\n"
        'source_paths = ["jobdesk"]\n'
        # pytest-django puts the folder of manage.py on sys.path: it must be mutants/.
        'also_copy = ["manage.py"]\n'
        f"only_mutate = {json.dumps(list(group.modules))}\n"
        f"pytest_add_cli_args_test_selection = {json.dumps(tests)}\n"
        # Tables from the models (makemigrations --check keeps them equal to the migrations):
        # a mutant's run does not replay every migration.
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-q", "-x", "--no-migrations"]\n'
    )
    text = (REPO / "pyproject.toml").read_text("utf-8") + config
    target = ws / "pyproject.toml"
    if not target.exists() or target.read_text("utf-8") != text:
        target.write_text(text, "utf-8")
    return ws


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("JOBDESK_SHARED", str(SHARED))
    env.pop("DATABASE_URL", None)  # SQLite in memory: mutants must not share a database
    return env


def _mutmut(ws: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mutmut", *args]
    return subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        command, cwd=ws, env=_env(), capture_output=True, text=True, check=False
    )


_RESULT = re.compile(r"^\s*(?P<name>\S+): (?P<status>[a-z ]+)$")


def results(ws: Path) -> dict[str, str]:
    out = _mutmut(ws, "results", "--all", "true").stdout
    found: dict[str, str] = {}
    for line in out.splitlines():
        match = _RESULT.match(line)
        if match:
            found[match["name"]] = match["status"].strip()
    return found


def module_of(mutant: str) -> str:
    return mutant.split(".x_")[0].split(".xǁ")[0]


def score(statuses: dict[str, str]) -> tuple[float, Counter[str], list[str]]:
    counts = Counter(statuses.values())
    equivalent = [m for m, s in statuses.items() if m in EQUIVALENT and s not in DETECTED]
    survivors = [
        m
        for m, s in statuses.items()
        if s not in DETECTED and s not in NOT_RUN and m not in EQUIVALENT
    ]
    considered = sum(1 for s in statuses.values() if s not in NOT_RUN) - len(equivalent)
    detected = sum(counts[s] for s in DETECTED)
    return (detected / considered if considered else 1.0), counts, survivors


def _selected(group: Group, statuses: dict[str, str]) -> dict[str, str]:
    if not group.functions:
        return statuses
    return {m: s for m, s in statuses.items() if any(fnmatch(m, p) for p in group.functions)}


def run_group(name: str, show: bool, retest: bool = False) -> dict[str, object]:
    group = GROUPS[name]
    ws = _workspace(name, group)
    print(f"== {name}: {', '.join(group.modules)} {' '.join(group.functions)}", flush=True)
    names = list(group.functions)
    if retest:  # survivors again (after new tests), not the whole module
        earlier = _selected(group, results(ws))
        names = [m for m, s in earlier.items() if s not in DETECTED and s not in NOT_RUN] or names
    done = _mutmut(ws, "run", "--max-children", "1", *names)
    if done.returncode != 0:
        print(done.stdout[-3000:], done.stderr[-3000:], sep="\n")
        return {"group": name, "error": done.returncode}
    statuses = _selected(group, results(ws))
    value, counts, survivors = score(statuses)
    per_module: dict[str, dict[str, int]] = {}
    for mutant, status in statuses.items():
        per_module.setdefault(module_of(mutant), Counter())[status] += 1  # type: ignore[index]
    print(
        f"   {value:6.1%} detected  "
        + "  ".join(f"{status} {count}" for status, count in sorted(counts.items()))
        + ("" if group.measured else "   (not in the score: being rewritten)")
    )
    for module, module_counts in sorted(per_module.items()):
        total = sum(module_counts.values())
        detected = sum(module_counts.get(s, 0) for s in DETECTED)
        print(f"     {module}: {detected}/{total}")
    stale = [
        m for m in EQUIVALENT if m.startswith(tuple(per_module)) and statuses.get(m) in DETECTED
    ]
    for mutant in stale:
        print(f"   note: {mutant} is listed as equivalent but is now detected: remove it")
    for mutant in survivors:
        print(f"   survived: {mutant}")
        if show:
            diff = _mutmut(ws, "show", mutant).stdout
            print("\n".join("      " + line for line in diff.splitlines() if line[:1] in "+-"))
    return {
        "group": name,
        "measured": group.measured,
        "score": round(value, 4),
        "counts": dict(counts),
        "survivors": survivors,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("groups", nargs="*", metavar="GROUP", help=" ".join(GROUPS))
    parser.add_argument("--list", action="store_true", help="list the groups and exit")
    parser.add_argument("--show", action="store_true", help="print each survivor's diff")
    parser.add_argument("--all", action="store_true", help="include groups not measured")
    parser.add_argument("--clean", action="store_true", help="forget earlier results first")
    parser.add_argument(
        "--retest", action="store_true", help="run only the earlier survivors again (new tests)"
    )
    args = parser.parse_args(argv)
    if args.list:
        for name, group in GROUPS.items():
            print(f"{name:18} {' '.join(group.modules)}")
        return 0
    unknown = sorted(set(args.groups) - set(GROUPS))
    if unknown:
        parser.error(f"unknown group(s): {unknown}; see --list")
    names = args.groups or [n for n, g in GROUPS.items() if g.measured or args.all]
    if args.clean:
        for name in names:
            shutil.rmtree(WORK / name, ignore_errors=True)
    summary = [run_group(name, args.show, args.retest) for name in names]
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False))
    measured = [s for s in summary if s.get("measured")]
    below = [s["group"] for s in measured if float(s.get("score", 0)) < TARGET]  # type: ignore[arg-type]
    print(f"\nsummary in {WORK / 'summary.json'}; below {TARGET:.0%}: {below or 'none'}")
    return 1 if below or any("error" in s for s in summary) else 0


if __name__ == "__main__":
    raise SystemExit(main())
