"""A single DB thread for headless servers: the same discipline as the GUI's executor, without Qt."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from shopdesk.db.engine import Database

T = TypeVar("T")


class DbWorker:
    def __init__(self, db: Database):
        self._db = db
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="shopdesk-db")

    async def call(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        return await asyncio.wrap_future(self._pool.submit(fn, *args, **kwargs))

    async def write(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        return await self.call(self._db.run, "write", fn, *args, **kwargs)

    def close(self) -> None:
        self._pool.shutdown(wait=True)
