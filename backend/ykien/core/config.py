"""Settings, read from the environment (prefix ``YKIEN_``) or a ``.env`` file."""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT_DIR = Path(__file__).resolve().parents[3]
"""The checkout: ``backend/ykien/core/config.py`` → three levels up."""

PasswordHashCost = Literal["strong", "minimal"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="YKIEN_", env_file=".env", extra="ignore")

    database_url: str = "sqlite:///var/ykien.db"
    # Read replicas (PostgreSQL standbys), comma-separated: reads that tolerate a little lag go
    # there; logins, writes and a writer's own reads just after it wrote go to the primary.
    read_database_url: str = ""
    read_max_lag_seconds: float = 5.0
    read_after_write_seconds: float = 5.0
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1

    admin_username: str | None = None
    admin_password: str | None = None
    demo: bool = False

    # Requests
    # Proxies whose X-Forwarded-For / -Proto are believed (comma-separated addresses or
    # networks, "*" for any); empty: none, so no client can claim another's address.
    forwarded_allow_ips: str = ""
    max_body_bytes: int = 10 * 1024 * 1024
    cors_origins: list[str] = Field(default_factory=list)
    frontend_dist: Path = ROOT_DIR / "frontend" / "dist"

    # Sessions and login throttling
    token_ttl_hours: int = 12
    login_max_failures: int = 10
    login_window_minutes: int = 15
    cookie_secure: bool | None = None  # None: Secure when the request came over HTTPS
    # minimal: argon2 at its floor, for the test suite only (a stolen database's passwords would
    # fall in no time). Hashes already stored keep the cost they were made with.
    password_hash_cost: PasswordHashCost = "strong"  # noqa: S105 - a cost, not a password

    # Database pool, per worker: connections kept open, and how many more a burst may open.
    db_pool_size: int = 20
    db_max_overflow: int = 20

    # GET /metrics answers only these addresses (comma-separated networks).
    metrics_allow: str = "127.0.0.0/8,::1"

    log_json: bool | None = None  # None: JSON when stderr is not a terminal
    log_level: str = "INFO"

    @model_validator(mode="after")
    def _admin_password_strength(self) -> "Settings":
        if (
            self.admin_username
            and self.admin_password is not None
            and len(self.admin_password) < 10
        ):
            raise ValueError("YKIEN_ADMIN_PASSWORD must be at least 10 characters")
        return self

    @property
    def read_database_urls(self) -> list[str]:
        return [u.strip() for u in self.read_database_url.split(",") if u.strip()]

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    return Settings()
