"""Read replicas: which engine a read that tolerates a little lag may use.

``YKIEN_READ_DATABASE_URL`` names one or more PostgreSQL standbys. A replica serves reads while it
answers and has replayed the primary's WAL to within ``YKIEN_READ_MAX_LAG_SECONDS``; otherwise it
is skipped (and the primary serves) until a later check finds it healthy again. Checks are cached
for ``CHECK_SECONDS`` per replica, so a request pays at most one short query for them.
"""

import itertools
import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger("ykien.replicas")

CHECK_SECONDS = 1.0

# Seconds the standby is behind. Caught up (everything received is replayed, and still
# streaming): 0 — however long ago the primary last wrote. Otherwise the age of the last
# replayed transaction, which is what a reader of this standby misses at most.
LAG_SQL = text(
    """
    SELECT CASE
      WHEN NOT pg_is_in_recovery() THEN 0
      WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()
           AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming') THEN 0
      ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 1e9)
    END
    """
)


@dataclass
class _Health:
    checked_at: float = float("-inf")
    usable: bool = False
    lag: float | None = None


class Replicas:
    """Round-robin over the replicas that are up and close enough behind."""

    def __init__(self, engines: Sequence[Engine], *, max_lag_seconds: float) -> None:
        self.engines = list(engines)
        self.max_lag_seconds = max_lag_seconds
        self._health = [_Health() for _ in self.engines]
        self._turn = itertools.count()
        self._lock = threading.Lock()

    def __bool__(self) -> bool:
        return bool(self.engines)

    def pick(self) -> Engine | None:
        """A usable replica's engine, or None: the caller reads the primary."""
        n = len(self.engines)
        if not n:
            return None
        start = next(self._turn)
        for i in range(n):
            index = (start + i) % n
            if self._usable(index):
                return self.engines[index]
        return None

    def _usable(self, index: int) -> bool:
        health = self._health[index]
        now = time.monotonic()
        if now - health.checked_at < CHECK_SECONDS:
            return health.usable
        with self._lock:
            if now - health.checked_at < CHECK_SECONDS:  # another thread checked meanwhile
                return health.usable
            lag = self._lag(self.engines[index])
            usable = lag is not None and lag <= self.max_lag_seconds
            if usable != health.usable:
                log.warning(
                    "replica %s %s (lag %s s)",
                    index,
                    "back in use" if usable else "skipped",
                    "unknown" if lag is None else round(lag, 1),
                )
            health.checked_at, health.usable, health.lag = time.monotonic(), usable, lag
            return usable

    @staticmethod
    def _lag(engine: Engine) -> float | None:
        try:
            with engine.connect() as conn:
                return float(conn.execute(LAG_SQL).scalar_one())
        except SQLAlchemyError:
            return None

    def dispose(self) -> None:
        for engine in self.engines:
            engine.dispose()
