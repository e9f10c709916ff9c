"""Group commit: the writes of concurrent requests stored by one transaction.

A request prepares its work in its own session (reads and checks), hands it to ``submit`` and
blocks until the transaction that stored it has committed — its answer still means "stored and
durable". One thread per process takes whatever has queued up while the previous transaction
ran, without a timer: alone, a request waits for nothing; under load, a group is as large as
the load makes it (up to ``max_group``), and its writes share one insert per table, one roll-up
upsert and one commit.

Each job's outcome is its own: ``write`` answers a value or a ``ProblemError`` per job (a job
that fails there has written nothing). When the group's transaction itself fails (a constraint,
a deadlock), every job is retried alone, in a transaction of its own, so that one bad write
never fails the others.
"""

import logging
import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import Generic, TypeVar

from sqlalchemy import Engine
from sqlmodel import Session

from ykien.core.db import session_scope
from ykien.core.errors import ProblemError

J = TypeVar("J")
R = TypeVar("R")

log = logging.getLogger("ykien.group_commit")


class GroupCommit(Generic[J, R]):
    def __init__(
        self,
        engine: Engine,
        write: Callable[[Session, Sequence[J]], Sequence[R | ProblemError]],
        *,
        max_group: int = 64,
        name: str = "group-commit",
    ) -> None:
        self.engine, self.write, self.max_group, self.name = engine, write, max_group, name
        self._queue: queue.SimpleQueue[tuple[J, Future[R]]] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start = threading.Lock()
        self.groups = 0  # transactions committed (a group of one included): for the bench

    def submit(self, job: J) -> R:
        """Store ``job`` with whatever else is waiting; its value once committed, or raise."""
        future: Future[R] = Future()
        self._queue.put((job, future))
        self._ensure_thread()
        return future.result()

    def _ensure_thread(self) -> None:
        if self._thread is not None:
            return
        with self._start:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            group = [self._queue.get()]
            while len(group) < self.max_group:
                try:
                    group.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            try:
                self._commit(group)
            except BaseException as exc:  # never leave a request waiting
                for _, future in group:
                    if not future.done():
                        future.set_exception(exc)

    def _commit(self, group: list[tuple[J, Future[R]]]) -> None:
        try:
            with session_scope(self.engine) as session:
                outcomes = self.write(session, [job for job, _ in group])
        except Exception as exc:
            if len(group) == 1:
                group[0][1].set_exception(exc)
                return
            log.warning("a group of %d writes failed (%s); storing each alone", len(group), exc)
            for one in group:
                self._commit([one])
            return
        self.groups += 1
        for (_, future), outcome in zip(group, outcomes, strict=True):
            if isinstance(outcome, ProblemError):
                future.set_exception(outcome)
            else:
                future.set_result(outcome)
