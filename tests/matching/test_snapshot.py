"""The match index snapshot: ranking identical with and without it, deltas on top, bad ones
ignored (jobdesk/matching/snapshot.py, docs/scaling.md)."""

from __future__ import annotations

import io
import json
import logging
import random
from pathlib import Path

import numpy as np
import pytest
from django.core.management import call_command

from bench.matching_bench import World, load_taxonomy
from jobdesk.domain.matching import MatchIndex, SeekerFilters, VacancyFilters
from jobdesk.domain.matching.ids import IdMap, IdSet, RowIds
from jobdesk.matching import index_service, snapshot
from jobdesk.matching.adapters import seeker_profile, vacancy_record
from tests.matching.factories import make_seeker, make_vacancy


@pytest.fixture
def snapshot_root(settings, tmp_path: Path) -> Path:
    settings.JOBDESK_MATCH_SNAPSHOT_DIR = tmp_path / "match-index"
    return Path(settings.JOBDESK_MATCH_SNAPSHOT_DIR)


def _files_digest(folder: Path) -> dict[str, str]:
    return {p.name: snapshot._crc32(p) for p in sorted(folder.iterdir())}


def test_engine_ranking_is_identical_from_the_snapshot_both_directions(tmp_path: Path) -> None:
    """3,000 + 3,000 synthetic records (above EXHAUSTIVE_ROWS: the bound-pruned path), the same
    queries against the built index and the memory-mapped one, before and after the same deltas:
    equal ``Match`` lists (ids, scores, explanations) in both directions."""
    w = World(load_taxonomy(), seed=11)
    vacancies, seekers = w.vacancies(3_200), w.seekers(3_200)
    built = MatchIndex.build(vacancies[:3_000], seekers[:3_000], w.tax)
    folder = snapshot.write_snapshot(built, {}, tmp_path)
    written = _files_digest(folder)
    mapped, _manifest = snapshot.read_snapshot(folder)
    assert isinstance(mapped, MatchIndex)
    assert isinstance(mapped.seekers.cols.text_ids, np.memmap)
    assert isinstance(mapped.vacancies.bounds.occ, np.memmap)
    # the id lookups are arrays too (mapped, not rebuilt): the comparisons below compare them
    for side in (mapped.seekers, mapped.vacancies):
        assert isinstance(side.row_of, IdMap)
        assert isinstance(side.row_of._keys, np.memmap)
        assert isinstance(side.ids, RowIds)
    rng = random.Random(3)
    counties = sorted({t.county for t in w.tax.townships.values()})

    def compare(n_queries: int) -> None:
        answered = 0
        for i, s in enumerate(rng.sample(seekers, n_queries)):
            f = VacancyFilters(county=rng.choice(counties)) if i % 3 == 1 else None
            expected = built.top_vacancies(s, 20, f)
            answered += len(expected) == 20
            assert mapped.top_vacancies(s, 20, f) == expected
        for i, v in enumerate(rng.sample([v for v in vacancies if v.servable], n_queries)):
            g = SeekerFilters(county=rng.choice(counties)) if i % 3 == 1 else None
            expected = built.top_seekers(v, 20, g)
            answered += len(expected) == 20
            assert mapped.top_seekers(v, 20, g) == expected
        assert answered >= n_queries  # most queries have a full page: the comparison compares

    compare(25)
    # the same live deltas on both: new rows, replaced rows, removed rows
    for index in (built, mapped):
        for v in vacancies[3_000:]:
            index.upsert_vacancy(v)
        for s in seekers[3_000:]:
            index.upsert_seeker(s)
        for v in vacancies[:40]:
            index.upsert_vacancy(v)
        for s in seekers[100:160]:
            index.remove_seeker(s.id)
        for v in vacancies[200:260]:
            index.remove_vacancy(v.id)
    compare(25)
    # the deltas were copy-on-write: the snapshot's files are as written
    assert _files_digest(folder) == written
    # compacted (the tombstones dropped, the mapped ids carried over): still the same
    for index in (built, mapped):
        index.compact()
    assert mapped.seekers.live_count == built.seekers.live_count
    compare(10)


@pytest.mark.django_db
def test_service_ranking_is_identical_with_and_without_the_snapshot(w, personas, snapshot_root):
    other = make_seeker(personas["bob"], name="李大同", work_history="超市理貨、收銀")
    second = make_vacancy(personas["oscar"], w["employer"], title="包裝作業員")
    seekers, vacancies = [w["seeker"], other], [w["vacancy"], second]

    def results() -> tuple[list[object], list[object]]:
        live = index_service.get_index()
        return (
            [live.index.top_vacancies(seeker_profile(s), 20) for s in seekers],
            [live.index.top_seekers(vacancy_record(v), 20) for v in vacancies],
        )

    # without: built in this process (no snapshot yet)
    built = index_service.get_index()
    assert built.snapshot is None
    offices = (dict(built.vacancy_office), dict(built.seeker_office))
    without = results()
    assert all(without[0])
    assert all(without[1])
    folder = index_service.write_index_snapshot()
    index_service.reset_index()
    # with: a "new process" maps the snapshot instead of building
    live = index_service.get_index()
    assert live.snapshot == folder.name
    assert live.builds == 1
    assert results() == without
    assert (live.vacancy_office, live.seeker_office) == offices
    assert isinstance(live.seeker_office, IdMap)
    assert isinstance(live.seeker_ids, IdSet)


@pytest.mark.django_db
def test_changes_after_the_snapshot_are_applied_on_top(w, personas, snapshot_root):
    """A process that maps the snapshot and one that built its index at the same time, after
    the same changes (made by anyone: no refresh call), answer the same."""
    from jobdesk.cases.services import update_seeker
    from jobdesk.employers.services import change_vacancy_status

    index_service.get_index()  # a process that built its own index
    index_service.write_index_snapshot()  # the worker's build of the same rows
    change_vacancy_status(w["vacancy"], actor=personas["oscar"], status="closed")
    added = make_vacancy(personas["oscar"], w["employer"], title="理貨組長")
    newcomer = make_seeker(personas["bob"], name="李大同")
    update_seeker(
        w["seeker"],
        actor=personas["bob"],
        expected_version=w["seeker"].version,
        data={"is_active": False},
    )

    def results(live: index_service.LiveIndex) -> tuple[list[object], list[object]]:
        return (
            [live.index.top_vacancies(seeker_profile(s), 50) for s in (newcomer, w["seeker"])],
            [live.index.top_seekers(vacancy_record(v), 50) for v in (added, w["vacancy"])],
        )

    in_process = index_service.get_index()
    assert in_process.snapshot is None
    expected = results(in_process)
    index_service.reset_index()
    mapped = index_service.get_index()  # a new process
    assert mapped.snapshot is not None
    assert results(mapped) == expected
    vacancy_ids = [m.id for m in expected[0][0]]
    assert str(w["vacancy"].public_id) not in vacancy_ids
    assert str(added.public_id) in vacancy_ids
    seeker_ids = [m.id for m in expected[1][0]]
    assert str(newcomer.public_id) in seeker_ids
    assert str(w["seeker"].public_id) not in seeker_ids


@pytest.mark.django_db
def test_no_snapshot_builds_in_process_and_says_so(w, snapshot_root, caplog):
    with caplog.at_level(logging.INFO, logger="jobdesk.matching.index_service"):
        live = index_service.get_index()
    assert live.snapshot is None
    assert "no match index snapshot" in caplog.text


@pytest.mark.django_db
def test_a_snapshot_of_another_engine_version_is_ignored(w, snapshot_root, caplog):
    folder = index_service.write_index_snapshot()
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["engine"] = "0123456789abcdef"
    (folder / "manifest.json").write_text(json.dumps(manifest))
    index_service.reset_index()
    with caplog.at_level(logging.WARNING, logger="jobdesk.matching.index_service"):
        live = index_service.get_index()
    assert live.snapshot is None
    assert str(w["vacancy"].public_id) in live.vacancy_office
    assert "engine version" in caplog.text


@pytest.mark.django_db
def test_a_corrupt_snapshot_is_ignored(w, snapshot_root, caplog):
    folder = index_service.write_index_snapshot()
    array = max(folder.glob("a*.npy"), key=lambda p: p.stat().st_size)
    data = bytearray(array.read_bytes())
    data[-1] ^= 0xFF  # same size, one byte changed
    array.write_bytes(bytes(data))
    index_service.reset_index()
    with caplog.at_level(logging.WARNING, logger="jobdesk.matching.index_service"):
        first = index_service.get_index()  # answers from the mapping while the check runs
        index_service.wait_for_snapshot_checks()
        live = index_service.get_index()
    assert first.snapshot == folder.name
    assert live.snapshot is None  # dropped: built from the database
    assert str(w["vacancy"].public_id) in live.vacancy_office
    assert "checksum" in caplog.text
    # and not loaded again by this process
    assert index_service.load_index_snapshot() is None
    # a damaged state.pickle is refused before anything is loaded
    pickle_path = folder / "state.pickle"
    data = bytearray(pickle_path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    pickle_path.write_bytes(bytes(data))
    with pytest.raises(snapshot.SnapshotError, match="checksum"):
        snapshot.read_snapshot(folder)
    # a truncated one is caught even without the checksums
    pickle_path.write_bytes(b"\x80\x05")
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["files"]["state.pickle"]["bytes"] = 2
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(snapshot.SnapshotError, match="cannot be read"):
        snapshot.read_snapshot(folder, verify=False)


@pytest.mark.django_db
def test_writing_is_atomic_and_old_versions_are_pruned(w, snapshot_root):
    folders = [index_service.write_index_snapshot() for _ in range(4)]
    assert snapshot.current_folder() == folders[-1]
    left = sorted(p.name for p in snapshot_root.iterdir())
    assert left == sorted([f.name for f in folders[-3:]] + ["current"])  # no temporary left
    manifest = json.loads((folders[-1] / "manifest.json").read_text())
    assert manifest["engine"] == snapshot.engine_version()
    assert manifest["seekers"] >= 1
    assert manifest["vacancies"] >= 1
    assert set(manifest["marks"]) == {"vacancy", "employer", "finding", "seeker"}
    assert "state.pickle" in manifest["files"]


@pytest.mark.django_db
def test_the_command_and_the_nightly_batch_write_a_snapshot(w, snapshot_root):
    from jobdesk.matching.tasks import execute_run, start_run

    call_command("build_match_index", stdout=io.StringIO())
    first = snapshot.current_folder()
    assert first is not None
    execute_run(start_run(5))
    after_batch = snapshot.current_folder()
    assert after_batch is not None
    assert after_batch != first
