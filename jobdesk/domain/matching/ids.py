"""Id lookups that a memory-mapped snapshot can hold as flat arrays (docs/scaling.md).

A match index knows a million seekers by their ids: which row holds an id, which id a row holds,
which office an id belongs to, which ids exist at all. Held as Python dictionaries and sets,
every process that loads a snapshot would rebuild them (seconds, and hundreds of MB private to
each process). Here they are NumPy arrays instead — the ids sorted once, looked up with a binary
search (``searchsorted``) — with the changes made since (the live deltas) in a small dictionary
on top:

* ``IdMap``: id → value (``MutableMapping``): a sorted key array, a code per key (-1: absent) and
  a table of the distinct values (or the codes themselves when the values are small integers).
* ``IdSet``: a set of ids (``MutableSet``) over an ``IdMap``.
* ``RowIds``: row → id (a sequence that rows are appended to).

They answer exactly as the dictionary, set and list they replace (``tests/domain/
test_matching_ids.py`` runs the same operations on both). ``freeze_*`` turns a dictionary, set
or list into one of them (the snapshot writer does, so the reader only maps the arrays); a
frozen structure pickles as its arrays, the changes since merged in.

Keys are stored as ASCII bytes (``S``; public ids are UUIDs) or, when one is not ASCII, as
Unicode (``U``). NumPy drops trailing NUL characters of such arrays, so a key holding ``"\\0"``
is kept in the dictionary of changes instead (correct, only not mapped).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, MutableMapping, MutableSet, Sequence
from typing import Any, Generic, TypeVar

import numpy as np
from numpy.typing import NDArray

V = TypeVar("V")
_MISSING: Any = object()


def key_array(keys: Sequence[str]) -> NDArray[Any] | None:
    """``keys`` as a fixed-width array (``S`` when all are ASCII, else ``U``); None when one of
    them holds a NUL character (NumPy would drop it at the end of a key)."""
    if not keys:
        return np.zeros(0, "S1")
    if "\0" in "".join(keys):
        return None
    try:
        return np.array(keys, dtype="S")
    except UnicodeEncodeError:
        return np.array(keys, dtype="U")


def _probe(keys: NDArray[Any], key: str) -> Any:
    """``key`` in the form of ``keys``' elements, or None when it cannot be among them (a NumPy
    scalar of the array's own dtype: a longer one would make ``searchsorted`` copy the array)."""
    if "\0" in key:
        return None
    if keys.dtype.kind == "S":
        try:
            raw = key.encode("ascii")
        except UnicodeEncodeError:
            return None
        if len(raw) > keys.dtype.itemsize:
            return None
        return np.bytes_(raw)
    if len(key) * 4 > keys.dtype.itemsize:
        return None
    return np.str_(key)


def _decode(values: NDArray[Any]) -> list[str]:
    if values.dtype.kind == "S":
        return values.astype(f"U{max(values.dtype.itemsize, 1)}").tolist()  # type: ignore[no-any-return]
    return values.tolist()  # type: ignore[no-any-return]


class IdMap(MutableMapping[str, V], Generic[V]):
    """id → value over sorted key arrays (memory-mappable) and a dictionary of later changes.

    ``_keys`` are sorted and unique; ``_codes[i]`` is the value code of ``_keys[i]`` (-1: the
    key was deleted or set again since, ``_extra`` then holds it); ``_table[code]`` is the value
    (``_table`` None: the code is the value, an int). ``_extra`` and the keys of non-negative
    codes never overlap, so the length is ``_live + len(_extra)``."""

    def __init__(
        self,
        keys: NDArray[Any],
        codes: NDArray[np.integer[Any]],
        table: list[V] | None,
        extra: dict[str, V] | None = None,
    ) -> None:
        self._keys = keys
        self._codes = codes
        self._table = table
        self._extra: dict[str, V] = {} if extra is None else extra
        self._live = int(np.count_nonzero(codes >= 0))

    # -- construction --------------------------------------------------------------------------
    @classmethod
    def of_values(cls, items: Mapping[str, V]) -> IdMap[V]:
        """A frozen copy of ``items`` whose values repeat (office paths): codes into a table."""
        keys = list(items)
        arr = key_array(keys)
        if arr is None:
            return cls(np.zeros(0, "S1"), np.zeros(0, np.int32), [], dict(items))
        table = sorted(set(items.values()), key=repr)
        code = {v: i for i, v in enumerate(table)}
        codes = np.fromiter((code[v] for v in items.values()), np.int32, len(keys))
        order = np.argsort(arr, kind="stable")
        return cls(arr[order], codes[order], table)

    @classmethod
    def of_ints(cls, items: Mapping[str, int]) -> IdMap[int]:
        """A frozen copy of ``items`` whose values are non-negative ints (rows)."""
        keys = list(items)
        arr = key_array(keys)
        values = np.fromiter(items.values(), np.int64, len(keys))
        if arr is None or (values.size and values.min() < 0):
            return IdMap(np.zeros(0, "S1"), np.zeros(0, np.int32), None, dict(items))
        dtype = np.int32 if not values.size or values.max() < 2**31 else np.int64
        order = np.argsort(arr, kind="stable")
        return IdMap(arr[order], values[order].astype(dtype), None)

    # -- lookups -------------------------------------------------------------------------------
    def _find(self, key: str) -> int:
        """The position of ``key`` in ``_keys`` (whatever its code), or -1."""
        keys = self._keys
        if keys.size == 0:
            return -1
        probe = _probe(keys, key)
        if probe is None:
            return -1
        i = int(keys.searchsorted(probe))
        if i < keys.size and keys[i] == probe:
            return i
        return -1

    def _value(self, code: int) -> V:
        return code if self._table is None else self._table[code]  # type: ignore[return-value]

    def __getitem__(self, key: str) -> V:
        got = self._extra.get(key, _MISSING)
        if got is not _MISSING:
            return got  # type: ignore[no-any-return]
        i = self._find(key)
        if i < 0 or self._codes[i] < 0:
            raise KeyError(key)
        return self._value(int(self._codes[i]))

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        if key in self._extra:
            return True
        i = self._find(key)
        return i >= 0 and bool(self._codes[i] >= 0)

    def __len__(self) -> int:
        return self._live + len(self._extra)

    def __iter__(self) -> Iterator[str]:
        live = np.flatnonzero(self._codes >= 0)
        yield from _decode(self._keys[live])
        yield from list(self._extra)

    def items_list(self) -> list[tuple[str, V]]:
        live = np.flatnonzero(self._codes >= 0)
        codes = self._codes[live].tolist()
        values = codes if self._table is None else [self._table[c] for c in codes]
        return [*zip(_decode(self._keys[live]), values, strict=True), *self._extra.items()]

    # -- changes (live deltas) -----------------------------------------------------------------
    def _drop_base(self, key: str) -> bool:
        i = self._find(key)
        if i >= 0 and self._codes[i] >= 0:
            self._codes[i] = -1  # a copy-on-write page of the mapping
            self._live -= 1
            return True
        return False

    def __setitem__(self, key: str, value: V) -> None:
        if key not in self._extra:
            self._drop_base(key)
        self._extra[key] = value

    def __delitem__(self, key: str) -> None:
        if self._extra.pop(key, _MISSING) is _MISSING and not self._drop_base(key):
            raise KeyError(key)

    def pop(self, key: str, default: Any = _MISSING) -> Any:
        got = self._extra.pop(key, _MISSING)
        if got is not _MISSING:
            return got
        i = self._find(key)
        if i >= 0 and self._codes[i] >= 0:
            value = self._value(int(self._codes[i]))
            self._codes[i] = -1
            self._live -= 1
            return value
        if default is _MISSING:
            raise KeyError(key)
        return default

    # -- pickling: the arrays, the changes merged in ---------------------------------------------
    def __getstate__(self) -> dict[str, Any]:
        if not self._extra:
            return {"keys": self._keys, "codes": self._codes, "table": self._table}
        merged = dict(self.items_list())
        frozen = IdMap.of_ints(merged) if self._table is None else IdMap.of_values(merged)  # type: ignore[arg-type]
        return {
            "keys": frozen._keys,
            "codes": frozen._codes,
            "table": frozen._table,
            "extra": frozen._extra,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(  # type: ignore[misc]
            state["keys"], state["codes"], state["table"], state.get("extra")
        )


class IdSet(MutableSet[str]):
    """A set of ids over an ``IdMap`` (every value 0). Set algebra gives plain sets."""

    def __init__(self, ids: Iterable[str] = ()) -> None:
        self._map: IdMap[int] = IdMap.of_ints(dict.fromkeys(ids, 0))

    @classmethod
    def _from_iterable(cls, it: Iterable[Any]) -> set[Any]:  # type: ignore[override]
        return set(it)

    def __contains__(self, key: object) -> bool:
        return key in self._map

    def __iter__(self) -> Iterator[str]:
        return iter(self._map)

    def __len__(self) -> int:
        return len(self._map)

    def add(self, value: str) -> None:
        if value not in self._map:
            self._map[value] = 0

    def discard(self, value: str) -> None:
        self._map.pop(value, None)

    def __getstate__(self) -> dict[str, Any]:
        return {"map": self._map}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._map = state["map"]


class RowIds(Sequence[str]):
    """row → id: an array of the ids of the first rows (mapped) and a list of those appended."""

    def __init__(self, ids: Sequence[str]) -> None:
        arr = key_array(list(ids))
        self._base: NDArray[Any] = np.zeros(0, "S1") if arr is None else arr
        self._extra: list[str] = [] if arr is not None else list(ids)

    def __len__(self) -> int:
        return int(self._base.size) + len(self._extra)

    def __getitem__(self, row: Any) -> Any:
        if isinstance(row, slice):
            return [self[i] for i in range(*row.indices(len(self)))]
        row = int(row)
        if row < 0:
            row += len(self)
        n = self._base.size
        if 0 <= row < n:
            value = self._base[row]
            return value.decode("ascii") if isinstance(value, bytes) else str(value)
        if row < 0:
            raise IndexError(row)
        return self._extra[row - n]

    def take(self, rows: Sequence[int] | NDArray[np.integer[Any]]) -> list[str]:
        """The ids of ``rows`` (vectorised over the mapped ones)."""
        at = np.asarray(rows, np.int64)
        n = self._base.size
        if at.size and at.max() < n and at.min() >= 0:
            return _decode(self._base[at])
        return [self[r] for r in at.tolist()]

    def append(self, value: str) -> None:
        self._extra.append(value)

    def __iter__(self) -> Iterator[str]:
        yield from _decode(self._base)
        yield from list(self._extra)

    def __getstate__(self) -> dict[str, Any]:
        base, extra = self._base, self._extra
        if extra:
            arr = key_array(extra)
            if arr is not None and base.dtype.kind == arr.dtype.kind:
                width = max(base.dtype.itemsize, arr.dtype.itemsize)
                kind = base.dtype.kind
                dt = f"{kind}{width if kind == 'S' else width // 4}"
                base, extra = np.concatenate([base.astype(dt), arr.astype(dt)]), []
        return {"base": base, "extra": extra}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._base, self._extra = state["base"], state["extra"]


def freeze_map(values: Mapping[str, V]) -> IdMap[V]:
    """``values`` (a dict, or already an ``IdMap``) as an ``IdMap`` of repeated values."""
    return values if isinstance(values, IdMap) else IdMap.of_values(values)


def freeze_rows(row_of: Mapping[str, int]) -> IdMap[int]:
    return row_of if isinstance(row_of, IdMap) else IdMap.of_ints(row_of)


def freeze_set(ids: Iterable[str]) -> IdSet:
    return ids if isinstance(ids, IdSet) else IdSet(ids)


def freeze_list(ids: Sequence[str]) -> RowIds:
    return ids if isinstance(ids, RowIds) else RowIds(ids)
