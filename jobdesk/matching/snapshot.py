"""The match index on disk: built once by the worker, memory-mapped by every web process.

A snapshot is a directory of flat arrays (one ``.npy`` per NumPy array of the index, SciPy
sparse matrices through their ``data``/``indices``/``indptr`` arrays) beside ``state.pickle``,
the small rest of the object graph (dictionaries, id lists, the taxonomy) in which every array
is a reference to its file, and ``manifest.json``::

    {"format": 1, "engine": "<hash of the engine's source>", "built_at": "…", "marks": {…},
     "counts": {…}, "day": "…", "built_on": "…", "seekers": n, "vacancies": n,
     "files": {"state.pickle": {"bytes": …, "crc32": "…"}, "a0000.npy": {…}, …}}

``write_snapshot`` writes it into a temporary directory next to the others, renames it to
``v<time>-<pid>`` and points the ``current`` symbolic link at it (``os.replace``: atomic), so a
reader sees the old snapshot or the new one, never half of one. The two newest versions behind
``current`` are kept (a process may still map them); older ones are removed.

``read_snapshot`` checks the manifest (format, engine version, every file's size, the CRC-32
of ``state.pickle``) and loads the arrays with ``np.load(mmap_mode="c")``: the pages are the
file's pages in the page cache, shared by every process that maps it; a write (a live delta: a
tombstone, a row appended in the spare capacity) copies only the page it touches into that
process (copy-on-write, ``MAP_PRIVATE``). The file itself is never written (mode ``"r"`` would
make the index's own in-place updates fail). ``check_arrays`` then checks the arrays' CRC-32
(the index service runs it on a thread once the index answers). A snapshot of another engine
version, or one that fails a check, is ignored with a log line and the caller builds the index
from the database as before.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import logging
import os
import pickle
import shutil
import time
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings

logger = logging.getLogger(__name__)

FORMAT = 1
CURRENT = "current"
KEEP_OLD = 2
MIN_ARRAY_BYTES = 4096  # smaller arrays stay inside state.pickle
_CHUNK = 1 << 24

# The engine's code: a snapshot pickled by other code is not read (its classes may differ).
_ENGINE_SOURCES = (
    "jobdesk/domain/matching",
    "jobdesk/matching/index_service.py",
    "jobdesk/matching/adapters.py",
    "jobdesk/matching/snapshot.py",
)


class SnapshotError(Exception):
    """A snapshot that cannot be used (the reason is the message)."""


@lru_cache(maxsize=1)
def engine_version() -> str:
    """SHA-256 (first 16 hex digits) of the engine's source files and NumPy's major version
    (computed when this module is imported: the code this process runs)."""
    root = Path(__file__).resolve().parents[2]
    digest = hashlib.sha256(f"numpy {np.__version__.split('.')[0]}\n".encode())
    for name in _ENGINE_SOURCES:
        path = root / name
        files = sorted(path.glob("*.py")) if path.is_dir() else [path]
        for f in files:
            digest.update(f.relative_to(root).as_posix().encode() + b"\0")
            digest.update(f.read_bytes())
    return digest.hexdigest()[:16]


def snapshot_dir() -> Path:
    return Path(settings.JOBDESK_MATCH_SNAPSHOT_DIR)


def _crc32(path: Path) -> str:
    """CRC-32 of the file (zlib: ~1 GB/s): finds a damaged or truncated-and-padded file; the
    folder is the service's own, so tampering is not what it guards against."""
    crc = 0
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            crc = zlib.crc32(chunk, crc)
    return f"{crc:08x}"


class _Writer(pickle.Pickler):
    """Pickles the object graph with every large array written to its own ``.npy`` file."""

    def __init__(self, file: io.BufferedIOBase, folder: Path) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.folder = folder
        self.names: dict[int, str] = {}
        self.keep: list[Any] = []  # keeps the arrays alive, so their id() stays theirs

    def persistent_id(self, obj: Any) -> str | None:
        if not isinstance(obj, np.ndarray) or obj.dtype.hasobject or obj.nbytes < MIN_ARRAY_BYTES:
            return None
        name = self.names.get(id(obj))
        if name is None:
            name = self.names[id(obj)] = f"a{len(self.names):04d}.npy"
            self.keep.append(obj)
            np.save(self.folder / name, np.asarray(obj), allow_pickle=False)
        return name


class _Reader(pickle.Unpickler):
    def __init__(self, file: io.BufferedIOBase, folder: Path, names: set[str]) -> None:
        super().__init__(file)
        self.folder = folder
        self.names = names
        self.loaded: dict[str, np.ndarray[Any, Any]] = {}

    def persistent_load(self, pid: Any) -> Any:
        if not isinstance(pid, str) or pid not in self.names:
            raise SnapshotError(f"state.pickle names an array not in the manifest: {pid!r}")
        got = self.loaded.get(pid)
        if got is None:
            got = self.loaded[pid] = np.load(self.folder / pid, mmap_mode="c", allow_pickle=False)
        return got


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_snapshot(state: Any, meta: dict[str, Any], root: Path | None = None) -> Path:
    """Write ``state`` (any picklable object graph) with ``meta`` in its manifest; returns the
    new version's directory, which ``current`` now names."""
    root = snapshot_dir() if root is None else root
    root.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    tmp = root / f".tmp-{stamp}-{os.getpid()}"
    tmp.mkdir()
    try:
        with (tmp / "state.pickle").open("wb") as f:
            _Writer(f, tmp).dump(state)
        files = {}
        for path in sorted(tmp.iterdir()):
            with path.open("rb") as f:
                os.fsync(f.fileno())
            files[path.name] = {"bytes": path.stat().st_size, "crc32": _crc32(path)}
        manifest = {
            "format": FORMAT,
            "engine": engine_version(),
            "built_at": datetime.datetime.now(datetime.UTC).isoformat(),
            **meta,
            "files": files,
        }
        (tmp / "manifest.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1, default=str), encoding="utf-8"
        )
        _fsync_dir(tmp)
        final = root / f"v{stamp}-{os.getpid()}"
        tmp.rename(final)
        link = root / f".{CURRENT}-{stamp}-{os.getpid()}"
        link.symlink_to(final.name)
        os.replace(link, root / CURRENT)
        _fsync_dir(root)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _prune(root, final)
    return final


def _prune(root: Path, current: Path) -> None:
    """Remove versions older than the ``KEEP_OLD`` newest behind ``current``, and temporary
    directories a crashed writer left (older than an hour)."""
    versions = sorted(p for p in root.glob("v*") if p.is_dir() and p != current)
    for old in versions[: max(0, len(versions) - KEEP_OLD)]:
        shutil.rmtree(old, ignore_errors=True)
    for tmp in root.glob(".tmp-*"):
        if time.time() - tmp.stat().st_mtime > 3600:
            shutil.rmtree(tmp, ignore_errors=True)


def read_manifest(folder: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SnapshotError(f"no readable manifest.json: {exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise SnapshotError(f"manifest format {manifest.get('format')!r}, expected {FORMAT}")
    if manifest.get("engine") != engine_version():
        raise SnapshotError(
            f"engine version {manifest.get('engine')!r}, this code is {engine_version()!r}"
        )
    return manifest


def current_folder(root: Path | None = None) -> Path | None:
    """The version ``current`` names (resolved), or None when there is none."""
    link = (snapshot_dir() if root is None else root) / CURRENT
    if not link.exists():
        return None
    return link.resolve()


def read_snapshot(folder: Path, verify: bool = True) -> tuple[Any, dict[str, Any]]:
    """The object graph of ``folder`` with its arrays memory-mapped, and its manifest.
    Raises ``SnapshotError`` when it must not be used: another format or engine version, a file
    missing or of another size, ``state.pickle``'s checksum (``verify``) or contents wrong. The
    arrays' checksums are left to ``check_arrays`` (a background thread: reading every page
    of a large snapshot in each process before its first answer would take seconds)."""
    manifest = read_manifest(folder)
    files = manifest.get("files") or {}
    if "state.pickle" not in files:
        raise SnapshotError("the manifest lists no state.pickle")
    for name, info in files.items():
        path = folder / name
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise SnapshotError(f"{name} is missing") from exc
        if size != info.get("bytes"):
            raise SnapshotError(f"{name} has {size} bytes, the manifest says {info.get('bytes')}")
    if verify:
        _check(folder, "state.pickle", files["state.pickle"])
    names = set(files) - {"state.pickle"}
    try:
        with (folder / "state.pickle").open("rb") as f:
            state = _Reader(f, folder, names).load()
    except SnapshotError:
        raise
    except Exception as exc:  # a damaged file that still has the right size and no checksum
        raise SnapshotError(f"state.pickle cannot be read: {exc!r}") from exc
    return state, manifest


def _check(folder: Path, name: str, info: dict[str, Any]) -> None:
    if _crc32(folder / name) != info.get("crc32"):
        raise SnapshotError(f"{name}: checksum differs from the manifest")


def check_arrays(folder: Path, manifest: dict[str, Any]) -> None:
    """Every array file's checksum against the manifest (``SnapshotError`` at the first that
    differs)."""
    for name, info in sorted((manifest.get("files") or {}).items()):
        if name != "state.pickle":
            _check(folder, name, info)


engine_version()
