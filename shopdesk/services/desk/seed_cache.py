"""The seed model kept on disk, so a process reads it in milliseconds instead of training it for seconds.

One file per key: `seed-<key>-<digest>.npz` in the cache dir (config.cache_dir()). The key is a sha256 of all that
makes the trained model what it is - the seed samples, the stored layout (classifier.FORMAT), the classifier's
code, the versions of the libraries that learn and segment, Python's - so a new corpus, code or library never reads
an old model. The digest (sha256 of the bytes) catches a damaged or altered file: it is trained again and rewritten.
The file holds `Model.to_bytes()`, plain arrays and JSON, never a pickle. Writes are atomic (a temp file in the same
dir, then os.replace). The cache is never needed: a dir that cannot be read or written only costs a training.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import logging
import marshal
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import shopdesk
from shopdesk.config import cache_dir

log = logging.getLogger(__name__)
PREFIX, SUFFIX = "seed-", ".npz"
KEY_CHARS = 32  # of the key's hex digest in the file name (128 bits)
STALE_AFTER_S = 30 * 86400  # another key's file untouched this long is removed (an older version's)
TEMP_STALE_AFTER_S = 3600
LIBRARIES = (("scikit-learn", "sklearn"), ("numpy", "numpy"), ("scipy", "scipy"), ("jieba", "jieba"))


def _library_version(dist: str, module: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:  # a bundle without the package's metadata: ask the module itself
        try:
            return str(getattr(importlib.import_module(module), "__version__", "?"))
        except ImportError:
            return "?"


def _code_of(module: str) -> bytes:
    """The module's source, else its compiled code (a bundle ships no .py), else the app's version."""
    try:
        spec = importlib.util.find_spec(module)
        loader = spec.loader if spec is not None else None
        source = loader.get_source(module) if loader is not None else None
        if source is not None:
            return source.encode("utf-8")
        code = loader.get_code(module) if loader is not None else None
        if code is not None:
            return marshal.dumps(code)
    except Exception:  # noqa: BLE001 - whatever the loader, the key still has the version
        log.debug("reading the code of %s for the seed cache key failed", module, exc_info=True)
    return shopdesk.__version__.encode()


def key_of(samples: Sequence) -> str:
    """The cache key of a model trained on `samples` (classifier.Sample) by this code with these libraries."""
    from shopdesk.services.desk import classifier

    parts = {
        "samples": [[s.text, s.reason_code, s.weight] for s in samples],
        "format": classifier.FORMAT,
        "classifier": hashlib.sha256(_code_of(classifier.__name__)).hexdigest(),
        "libraries": {dist: _library_version(dist, module) for dist, module in LIBRARIES},
        "python": list(sys.version_info[:2]),
        "shopdesk": shopdesk.__version__,
    }
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def _name(key: str, digest: str) -> str:
    return f"{PREFIX}{key[:KEY_CHARS]}-{digest}{SUFFIX}"


def _files_of(folder: Path, key: str) -> list[Path]:
    try:
        return sorted(folder.glob(f"{PREFIX}{key[:KEY_CHARS]}-*{SUFFIX}"))
    except OSError:
        return []


def load(key: str, folder: Path | None = None):
    """The cached model of this key (classifier.Model), or None: missing, unreadable, damaged (removed then)."""
    from shopdesk.services.desk import classifier

    folder = cache_dir() if folder is None else folder
    for path in _files_of(folder, key):
        digest = path.name[len(PREFIX) + KEY_CHARS + 1 : -len(SUFFIX)]
        try:
            model = classifier.Model.from_bytes(path.read_bytes(), digest)
        except Exception as exc:  # noqa: BLE001 - ModelCorrupted, OSError, a header missing a part: all the same here
            log.debug("the cached seed model %s does not load (%s): it is trained again", path, exc)
            with contextlib.suppress(OSError):
                path.unlink()
            continue
        with contextlib.suppress(OSError):
            os.utime(path)  # in use: not stale for another version's clean-up
        return model
    return None


def save(key: str, model, folder: Path | None = None) -> Path | None:
    """Keep a model under its key (atomically); the path, or None when the cache cannot be written (never an
    error: the model stays in memory)."""
    from shopdesk.services.desk import classifier

    folder = cache_dir() if folder is None else folder
    temp: str | None = None
    try:
        blob = model.to_bytes()
        target = folder / _name(key, classifier.digest_of(blob))
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temp = tempfile.mkstemp(prefix=".seed-", suffix=".tmp", dir=folder)
        with os.fdopen(handle, "wb") as out:
            out.write(blob)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
        temp = None
    except Exception:  # noqa: BLE001 - a read-only or full disk, a dir that is a file: the cache is optional
        log.debug("the seed model could not be cached in %s", folder, exc_info=True)
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        return None
    _prune(folder, key, keep=target)
    return target


def _prune(folder: Path, key: str, *, keep: Path) -> None:
    """Remove this key's other copies, other keys' files nobody has read for STALE_AFTER_S (older versions), and
    temp files an hour old (a process that ended while it wrote)."""
    now = time.time()
    mine = f"{PREFIX}{key[:KEY_CHARS]}-"
    try:
        found = [(p, STALE_AFTER_S) for p in folder.glob(f"{PREFIX}*{SUFFIX}")]
        found += [(p, TEMP_STALE_AFTER_S) for p in folder.glob(".seed-*.tmp")]
    except OSError:
        return
    for path, stale_after in found:
        if path == keep:
            continue
        with contextlib.suppress(OSError):
            if path.name.startswith(mine) or now - path.stat().st_mtime > stale_after:
                path.unlink()


def cached_or_trained(samples: Sequence):
    """The model of `samples`: read from the cache, else trained (and cached)."""
    from shopdesk.services.desk import classifier

    key = key_of(samples)
    model = load(key)
    if model is None:
        model = classifier.train(samples)
        save(key, model)
    return model
