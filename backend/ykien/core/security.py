"""Password hashing (argon2 via pwdlib) and opaque bearer secrets (session tokens, API keys).

Secrets are random 256-bit strings; only their SHA-256 is stored, so a database leak reveals no
usable credential. Passwords are hashed with argon2, the slow hash they need.
"""

import hashlib
import secrets

from pwdlib import PasswordHash

_hasher = PasswordHash.recommended()
# A fixed hash to verify against when the user does not exist, so timing does not reveal it.
_DUMMY_HASH = _hasher.hash("not-a-real-password-0000")

API_KEY_PREFIX = "yk_"
TOKEN_PREFIX = "yt_"  # noqa: S105 - a prefix, not a secret


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password: str, hashed: str | None) -> bool:
    if hashed is None:
        _hasher.verify(password, _DUMMY_HASH)
        return False
    return _hasher.verify(password, hashed)


def new_secret(prefix: str) -> str:
    return prefix + secrets.token_urlsafe(32)


def secret_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
