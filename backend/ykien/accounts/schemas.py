"""API shapes of accounts."""

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from ykien.accounts.models import Role
from ykien.core.params import MAX_ID
from ykien.units.schemas import Code, Name, UnitRef

Username = Annotated[
    str,
    StringConstraints(min_length=3, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._@-]*$"),
    AfterValidator(str.lower),
]
KeyName = Annotated[Name, StringConstraints(max_length=100)]
Password = Annotated[str, StringConstraints(min_length=10, max_length=256)]


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: Username
    password: Password
    full_name: Name
    unit_id: int | None = Field(ge=1, le=MAX_ID, description="null: a superuser (superusers only)")
    role: Role


class UserUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    full_name: Name | None = None
    password: Password | None = None
    role: Role | None = None
    is_active: bool | None = None


class UserPublic(BaseModel):
    id: int
    username: str
    full_name: str
    unit_id: int | None
    role: Role
    is_active: bool = True


class Me(BaseModel):
    id: int
    username: str
    full_name: str
    unit_id: int | None
    role: Role
    kind: Literal["user", "api_key"] = "user"
    is_superuser: bool = False
    unit: UnitRef | None = None


class Token(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105
    expires_in: int


class LoginBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    password: Annotated[str, StringConstraints(min_length=1, max_length=256)]


class ApiKeyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: KeyName
    unit_id: int = Field(ge=1, le=MAX_ID)
    expires_on: date | None = Field(
        default=None, description="The last day (in Vietnam) the key works; null: until revoked"
    )


class ApiKeyPublic(BaseModel):
    id: int
    name: str
    unit_id: int
    key_prefix: str
    revoked: bool
    expires_on: date | None = None
    last_used_at: datetime | None = Field(
        default=None, description="Within the hour: refreshed at most once an hour"
    )


class ApiKeyCreated(BaseModel):
    id: int
    name: str
    unit_id: int
    expires_on: date | None = None
    key: str = Field(description="The secret, shown once: store it now.")


class UserImportRow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: Username
    full_name: Name
    role: Role
    unit_code: Code
    password: Password


class UserImportResult(BaseModel):
    created: int
