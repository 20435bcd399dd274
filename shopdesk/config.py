"""Where ShopDesk keeps its data and which database it talks to."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir

APP_NAME = "ShopDesk"
DB_FILENAME = "shopdesk.sqlite3"


@dataclass(frozen=True)
class Config:
    data_dir: Path
    db_url: str
    lang: str | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.db_url.startswith("sqlite")

    @property
    def db_label(self) -> str:
        """The database as a person would name it (no password)."""
        if self.is_sqlite:
            return self.db_url.split("///", 1)[-1]
        from sqlalchemy.engine import make_url

        return make_url(self.db_url).render_as_string(hide_password=True)


def load_config(
    data_dir: str | os.PathLike | None = None, db_url: str | None = None, lang: str | None = None
) -> Config:
    """Resolve the data dir and database URL: arguments, then environment, then platform defaults."""
    chosen_dir = data_dir or os.environ.get("SHOPDESK_DATA_DIR") or user_data_dir(APP_NAME, appauthor=False)
    path = Path(chosen_dir).expanduser().resolve()
    url = db_url or os.environ.get("SHOPDESK_DB_URL") or f"sqlite:///{path / DB_FILENAME}"
    return Config(data_dir=path, db_url=normalise_db_url(url), lang=lang)


def cache_dir() -> Path:
    """Where ShopDesk keeps what it can build again (the seed model): $SHOPDESK_CACHE_DIR, else the platform's
    cache dir. Nothing in it is needed: a cache that is gone or cannot be written is rebuilt or done without."""
    chosen = os.environ.get("SHOPDESK_CACHE_DIR") or user_cache_dir(APP_NAME, appauthor=False)
    return Path(chosen).expanduser().resolve()


def normalise_db_url(url: str) -> str:
    """`postgresql://...` (and `postgres://...`) mean PostgreSQL through psycopg 3, the driver the
    `shopdesk[postgresql]` extra installs; SQLAlchemy alone would pick psycopg2."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


PRIVATE_DIR, PRIVATE_FILE = 0o700, 0o600
# Files in the data dir that only the owner may read: the database and its journal, keys, exports, backups.
_PRIVATE_PATTERNS = (
    f"{DB_FILENAME}*",
    "*.key",
    "*.key.new",
    "*.sqlite3",
    "*.sqlite3-wal",
    "*.sqlite3-shm",
    "*.csv",
    "*.txt",
)


def private_umask() -> None:
    """Every file this process creates is the owner's alone (umask 077)."""
    os.umask(0o077)


def harden(config: Config) -> list[str]:
    """Tighten the data dir (0700) and its secret files (0600) where this account owns them.

    Returns warnings for paths that stay readable by others because another account owns them."""
    warnings: list[str] = []
    paths: list[tuple[Path, int]] = []
    if config.data_dir.is_dir():
        paths.append((config.data_dir, PRIVATE_DIR))
        for pattern in _PRIVATE_PATTERNS:
            paths += [(p, PRIVATE_FILE) for p in config.data_dir.glob(pattern) if p.is_file()]
        backups = config.data_dir / "backups"
        if backups.is_dir():
            paths.append((backups, PRIVATE_DIR))
            paths += [(p, PRIVATE_FILE) for p in backups.iterdir() if p.is_file()]
    if config.is_sqlite:
        db_file = Path(config.db_label)
        if db_file.parent != config.data_dir:  # a database kept outside the data dir (--db PATH)
            paths += [(p, PRIVATE_FILE) for p in db_file.parent.glob(db_file.name + "*") if p.is_file()]
    uid = os.getuid()
    for path, wanted in dict.fromkeys(paths):
        try:
            st = path.stat()
        except FileNotFoundError:
            continue
        loose = st.st_mode & 0o777 & ~wanted
        if not loose:
            continue
        if st.st_uid == uid:
            try:
                os.chmod(path, (st.st_mode & 0o777) & wanted)
                continue
            except OSError:
                pass
        warnings.append(
            f"{path} can be read by other accounts on this computer (mode {st.st_mode & 0o777:o}) and is not yours "
            f"to change; ask its owner to run: chmod {wanted:o} '{path}'"
        )
    return warnings
