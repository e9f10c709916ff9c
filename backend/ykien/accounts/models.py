"""Account tables. Only digests of secrets are stored (tokens, API keys); passwords as argon2."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Index, String
from sqlmodel import Field, SQLModel

from ykien.core.db import UTCDateTime, utcnow


class Role(StrEnum):
    admin = "admin"
    secretary = "secretary"
    entry = "entry"
    viewer = "viewer"


class User(SQLModel, table=True):
    __tablename__ = "user_account"
    __table_args__ = (
        CheckConstraint("role IN ('admin','secretary','entry','viewer')", name="role"),
    )

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=64, unique=True)
    full_name: str = Field(max_length=200)
    password_hash: str = Field(max_length=255)
    # None: a superuser, role admin over every unit.
    unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    role: str = Field(sa_type=String(16))
    is_active: bool = True
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ApiKey(SQLModel, table=True):
    __tablename__ = "api_key"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    key_digest: str = Field(max_length=64, unique=True)
    key_prefix: str = Field(max_length=12)
    created_by: int | None = Field(default=None, foreign_key="user_account.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The key works through this day (in Vietnam); None: until revoked.
    expires_on: date | None = None
    # Refreshed at most once an hour (a write of its own: a read stays a read).
    last_used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class AuthToken(SQLModel, table=True):
    __tablename__ = "auth_token"

    id: int | None = Field(default=None, primary_key=True)
    token_digest: str = Field(max_length=64, unique=True)
    user_id: int = Field(foreign_key="user_account.id", index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)


class LoginFailure(SQLModel, table=True):
    """One failed login; counted per (username, address) over a sliding window."""

    __tablename__ = "login_failure"
    __table_args__ = (Index("ix_login_failure_who", "username", "address", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=64)
    address: str = Field(max_length=64)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
