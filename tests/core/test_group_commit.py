"""``GroupCommit``: concurrent jobs share a transaction; each gets its own outcome, and a job
whose write breaks the group's transaction is stored alone, failing only itself."""

import threading
from collections.abc import Sequence

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session

from ykien.core.errors import Conflict, ProblemError
from ykien.core.group_commit import GroupCommit

pytestmark = pytest.mark.usefixtures("world")


def _write(session: Session, jobs: Sequence[int]) -> list[int | ProblemError]:
    out: list[int | ProblemError] = []
    for job in jobs:
        if job == 13:  # a broken statement: the whole transaction fails
            session.execute(text("SELECT * FROM no_such_table"))
        out.append(Conflict("refused") if job == 7 else job * 2)
    session.execute(text("SELECT 1"))
    return out


def test_each_job_has_its_own_outcome(engine: Engine) -> None:
    commits: GroupCommit[int, int] = GroupCommit(engine, _write, max_group=8)
    results: dict[int, object] = {}

    def submit(job: int) -> None:
        try:
            results[job] = commits.submit(job)
        except Exception as exc:
            results[job] = exc

    threads = [threading.Thread(target=submit, args=(job,)) for job in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert isinstance(results.pop(7), Conflict)
    err = results.pop(13)
    assert isinstance(err, Exception) and "no_such_table" in str(err)
    assert results == {job: job * 2 for job in range(20) if job not in (7, 13)}
    assert 1 <= commits.groups <= 19
