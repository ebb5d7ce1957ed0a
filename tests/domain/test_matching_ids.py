"""The snapshot's id arrays answer as the dict, set and list they replace
(jobdesk/domain/matching/ids.py): the same random operations on both, before and after a
pickle round trip through memory-mapped files."""

from __future__ import annotations

import pickle
import random
import uuid
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from jobdesk.domain.matching.ids import IdMap, IdSet, RowIds, freeze_map, freeze_rows, freeze_set
from jobdesk.matching import snapshot

KINDS = {
    "uuid": lambda r: str(uuid.UUID(int=r.getrandbits(128))),
    "short": lambda r: f"v{r.randrange(10**6)}",
    "unicode": lambda r: r.choice(["職缺", "求職者", "會計"]) + str(r.randrange(1000)),
    "nul": lambda r: r.choice(["a\0", "b", "c\0d"]) + str(r.randrange(50)),
}


def _mapped(obj: Any, tmp: Path) -> Any:
    """``obj`` written as a snapshot and read back memory-mapped (as a web process does)."""
    folder = snapshot.write_snapshot(obj, {}, tmp)
    got, _ = snapshot.read_snapshot(folder)
    return got


def _ops(rng: random.Random, make: Any, a: Any, b: Any, values: list[Any], n: int) -> None:
    keys = list(a)
    for _ in range(n):
        key = rng.choice(keys) if keys and rng.random() < 0.7 else make(rng)
        op = rng.randrange(6)
        if op == 0:
            value = rng.choice(values)
            a[key], b[key] = value, value
        elif op == 1:
            assert a.pop(key, "none") == b.pop(key, "none")
        elif op == 2:
            assert (key in a) == (key in b)
            assert a.get(key) == b.get(key)
        elif op == 3 and key in a:
            del a[key]
            del b[key]
        elif op == 4:
            with pytest.raises(KeyError):
                b[make(rng) + "-absent"]
        else:
            assert len(a) == len(b)
    assert len(a) == len(b)
    assert dict(b) == a
    assert b == a


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_id_map_answers_as_the_dict(kind: str, tmp_path: Path) -> None:
    rng = random.Random(kind)
    make = KINDS[kind]
    paths = ["/1/", "/1/2/", "/1/3/", "/4/"]
    plain = {make(rng): rng.choice(paths) for _ in range(3000)}
    frozen = freeze_map(plain)
    assert isinstance(frozen, IdMap)
    assert frozen == plain
    assert len(frozen) == len(plain)
    _ops(rng, make, plain, frozen, paths, 4000)
    # the changes survive the snapshot (merged into its arrays), and it goes on answering
    mapped = _mapped(frozen, tmp_path)
    assert mapped == plain
    assert isinstance(mapped._keys, np.memmap) or mapped._keys.nbytes < snapshot.MIN_ARRAY_BYTES
    _ops(rng, make, plain, mapped, paths, 2000)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_row_map_and_row_ids_answer_as_the_dict_and_list(kind: str, tmp_path: Path) -> None:
    rng = random.Random(kind + "rows")
    make = KINDS[kind]
    ids = list(dict.fromkeys(make(rng) for _ in range(3000)))
    rows = {x: i for i, x in enumerate(ids)}
    frozen_rows = freeze_rows(rows)
    frozen_ids = RowIds(ids)
    assert frozen_rows == rows
    assert list(frozen_ids) == ids
    assert [frozen_ids[i] for i in (0, 7, len(ids) - 1, -1)] == [ids[i] for i in (0, 7, -1, -1)]
    assert frozen_ids.take(np.array([5, 3, 5])) == [ids[5], ids[3], ids[5]]
    _ops(rng, make, rows, frozen_rows, list(range(len(ids), len(ids) + 500)), 3000)
    for _ in range(200):
        new = make(rng)
        ids.append(new)
        frozen_ids.append(new)
    assert len(frozen_ids) == len(ids)
    assert frozen_ids.take(range(len(ids))) == ids
    assert frozen_ids[len(ids) - 3] == ids[-3]
    mapped_ids, mapped_rows = _mapped((frozen_ids, frozen_rows), tmp_path)
    assert list(mapped_ids) == ids
    assert mapped_rows == rows


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_id_set_answers_as_the_set(kind: str, tmp_path: Path) -> None:
    rng = random.Random(kind + "set")
    make = KINDS[kind]
    plain = {make(rng) for _ in range(3000)}
    frozen = freeze_set(plain)
    assert isinstance(frozen, IdSet)
    for stage in range(2):
        for _ in range(2000):
            key = rng.choice(sorted(plain)) if plain and rng.random() < 0.5 else make(rng)
            if rng.random() < 0.5:
                plain.add(key)
                frozen.add(key)
            else:
                plain.discard(key)
                frozen.discard(key)
            assert (key in frozen) == (key in plain)
        some = set(rng.sample(sorted(plain), min(200, len(plain))))
        other = {make(rng) for _ in range(500)} | some
        assert frozen - other == plain - other
        frozen |= other
        plain |= other
        keep = set(rng.sample(sorted(plain), len(plain) // 2))
        frozen &= keep
        plain &= keep
        assert len(frozen) == len(plain)
        assert set(frozen) == plain
        if stage == 0:
            frozen = _mapped(frozen, tmp_path)
            assert set(frozen) == plain


def test_a_lookup_does_not_copy_the_array() -> None:
    """A key longer than the array's width is not searched (it would make NumPy widen, that is
    copy, the whole array on every lookup); it is simply absent."""
    frozen = IdMap.of_ints({"ab": 0, "cd": 1})
    assert frozen.get("abcdef") is None
    assert "abc" not in frozen
    assert frozen["cd"] == 1
    frozen["abcdef"] = 2  # a longer key among the changes
    assert frozen["abcdef"] == 2
    round_trip = pickle.loads(pickle.dumps(frozen))  # noqa: S301 - our own bytes
    assert dict(round_trip) == {"ab": 0, "cd": 1, "abcdef": 2}
    assert not round_trip._extra  # merged into the arrays
