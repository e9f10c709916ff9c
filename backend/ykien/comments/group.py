"""Single comments of concurrent requests, stored together (group commit, PostgreSQL).

Entry boards post one comment at a time, many at once on a busy evening. Each request checks
its comment in its own session (``entry.prepare_single``), then hands the row to the process's
``GroupCommit``, which stores whatever is waiting with one insert, one history insert, one
roll-up upsert and one commit (``entry.store``), and answers each request once committed.

SQLite keeps the request's own transaction: a write request holds SQLite's write lock from its
first statement, so a second transaction could not write until it ends, and SQLite has no round
trips to save.
"""

import threading

from fastapi import FastAPI
from sqlmodel import Session

from ykien.accounts.caller import Caller
from ykien.comments import entry
from ykien.comments.entry import Created, Pending
from ykien.comments.schemas import CommentCreate
from ykien.core.bulk import SMALL
from ykien.core.errors import ProblemError
from ykien.core.group_commit import GroupCommit

_START = threading.Lock()


def committer(app: FastAPI) -> GroupCommit[Pending, list[Created]] | None:
    """The app's group committer of comments, or None where its own transaction is better."""
    commits: GroupCommit[Pending, list[Created]] | None = getattr(
        app.state, "comment_commits", None
    )
    if commits is not None or app.state.engine.dialect.name != "postgresql":
        return commits
    with _START:
        if getattr(app.state, "comment_commits", None) is None:
            app.state.comment_commits = GroupCommit(
                app.state.engine, entry.store, max_group=SMALL, name="comment-commits"
            )
    commits = app.state.comment_commits
    return commits


def create_single(app: FastAPI, session: Session, caller: Caller, item: CommentCreate) -> Created:
    """One comment, stored (with others waiting, on PostgreSQL) before this returns."""
    pending = entry.prepare_single(session, caller, item)
    commits = committer(app)
    if commits is None or not pending.rows:  # SQLite, or a retry answered from the stored one
        (outcome,) = entry.store(session, [pending])
        if isinstance(outcome, ProblemError):
            raise outcome
        (created,) = outcome
        return created
    (created,) = commits.submit(pending)
    return created
