"""Where ShopDesk keeps its data and which database it talks to."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

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
    return Config(data_dir=path, db_url=url, lang=lang)
