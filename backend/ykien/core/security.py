"""Password hashing (argon2 via pwdlib) and opaque bearer secrets (session tokens, API keys).

Secrets are random 256-bit strings; only their SHA-256 is stored, so a database leak reveals no
usable credential. Passwords are hashed with argon2, the slow hash they need — at the cost that
``YKIEN_PASSWORD_HASH_COST`` names (``strong`` unless the test suite asks for ``minimal``). A hash
carries its own parameters, so a password is always checked at the cost it was stored with.
"""

import hashlib
import secrets
from functools import lru_cache

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from ykien.core.config import PasswordHashCost, get_settings

API_KEY_PREFIX = "yk_"
TOKEN_PREFIX = "yt_"  # noqa: S105 - a prefix, not a secret


@lru_cache
def _hasher(cost: PasswordHashCost) -> PasswordHash:
    if cost == "minimal":
        # argon2's floor (8 KiB, one pass): a test suite's thousand logins in no time.
        return PasswordHash((Argon2Hasher(time_cost=1, memory_cost=8, parallelism=1),))
    return PasswordHash.recommended()  # argon2id, 64 MiB, 3 passes, 4 lanes


@lru_cache
def _dummy_hash(cost: PasswordHashCost) -> str:
    """A hash to check against when the user does not exist, so timing does not reveal it."""
    return _hasher(cost).hash("not-a-real-password-0000")


def hash_password(password: str) -> str:
    return _hasher(get_settings().password_hash_cost).hash(password)


def verify_password(password: str, hashed: str | None) -> bool:
    cost = get_settings().password_hash_cost
    if hashed is None:
        _hasher(cost).verify(password, _dummy_hash(cost))
        return False
    return _hasher(cost).verify(password, hashed)


def new_secret(prefix: str) -> str:
    return prefix + secrets.token_urlsafe(32)


def secret_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
