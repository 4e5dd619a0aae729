"""Bearer tokens: verify a JWT into a Principal (HS256 secret or RS256 via JWKS), and issue local ones."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from chalicelib.errors import Unauthenticated
from chalicelib.lazy import lazy_module
from chalicelib.logs import logger
from chalicelib.settings import Settings, get_settings

if TYPE_CHECKING:
    import jwt
else:  # PyJWT and its crypto are imported by the first token (cold start of the workers)
    jwt = lazy_module("jwt")

_ACCOUNT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,127}$")
_ASYMMETRIC = ("RS256", "RS384", "RS512")


@dataclass(frozen=True)
class Principal:
    account_id: str
    is_admin: bool


@lru_cache(maxsize=4)
def _jwks_client(url: str, lifespan: float, cooldown: float) -> jwt.PyJWKClient:
    """PyJWT's client: the key set is cached for `lifespan` seconds (a key the provider retired stops
    being accepted after that), and an unknown `kid` (a key the provider just rotated in) forces one
    refetch, at most once per `cooldown` seconds, so tokens with made-up kids cannot make every
    request fetch the JWKS. No per-kid cache (`cache_keys`): it has no lifespan."""
    return jwt.PyJWKClient(url, cache_keys=False, cache_jwk_set=True, lifespan=lifespan,
                           cooldown_duration=cooldown, timeout=5)


def reset_jwks_clients() -> None:
    """Forget the fetched key sets (tests)."""
    _jwks_client.cache_clear()


def _bearer(header: str | None) -> str:
    if not header:
        raise Unauthenticated("Authorization header is missing")
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("Authorization must be 'Bearer <token>'")
    return token.strip()


def _signing_key(token: str, settings: Settings) -> tuple[Any, str]:
    try:
        algorithm = jwt.get_unverified_header(token).get("alg", "")
    except jwt.PyJWTError:
        raise Unauthenticated("token is malformed") from None
    if algorithm == "HS256" and settings.jwt_secret.get_secret_value():
        return settings.jwt_secret.get_secret_value(), algorithm
    if algorithm in _ASYMMETRIC and settings.jwks_url:
        try:
            client = _jwks_client(settings.jwks_url, settings.jwks_cache_seconds,
                                  settings.jwks_refetch_cooldown_seconds)
            return client.get_signing_key_from_jwt(token).key, algorithm
        except jwt.PyJWKClientConnectionError:
            logger.warning("the identity provider's JWKS could not be fetched")
            raise Unauthenticated("token cannot be verified now") from None
        except jwt.PyJWTError:
            raise Unauthenticated("token is signed by an unknown key") from None
    raise Unauthenticated("token algorithm is not accepted")


def verify(header: str | None, settings: Settings | None = None) -> Principal:
    """The principal an `Authorization` header proves, or Unauthenticated."""
    settings = settings or get_settings()
    token = _bearer(header)
    key, algorithm = _signing_key(token, settings)
    try:
        claims = jwt.decode(
            token,
            key,
            algorithms=[algorithm],
            audience=settings.jwt_audience or None,
            issuer=settings.jwt_issuer or None,
            leeway=settings.jwt_leeway_seconds,
            options={"require": ["exp", *(["iss", "aud"] if settings.jwks_url else [])],
                     "verify_aud": bool(settings.jwt_audience)},
        )
    except jwt.ExpiredSignatureError:
        raise Unauthenticated("token has expired") from None
    except jwt.PyJWTError:
        raise Unauthenticated("token is invalid") from None
    account = claims.get("account_id") or claims.get("sub")
    if not isinstance(account, str) or not _ACCOUNT_ID.match(account):
        raise Unauthenticated("token names no usable account (account_id or sub)")
    return Principal(account_id=account, is_admin=is_admin(claims, settings))


def is_admin(claims: dict[str, Any], settings: Settings) -> bool:
    """The configured claim (Cognito's `cognito:groups` by default) names the admin value: equal to
    it, or a list holding it. Nothing else makes an admin: a `role` claim is ignored."""
    value = claims.get(settings.jwt_admin_claim)
    if isinstance(value, str):
        return value == settings.jwt_admin_value
    if isinstance(value, list):
        return settings.jwt_admin_value in value
    return False


def issue(account_id: str, *, admin: bool = False, ttl_seconds: int = 86_400,
          settings: Settings | None = None) -> str:
    """An HS256 token for `account_id`, as `make token` prints for the local stack."""
    settings = settings or get_settings()
    secret = settings.jwt_secret.get_secret_value()
    if not secret:
        raise RuntimeError("RCS_JWT_SECRET is not set: no token can be issued")
    now = int(time.time())
    claims: dict[str, Any] = {"sub": account_id, "account_id": account_id, "iat": now,
                              "exp": now + ttl_seconds}
    if admin:  # the claim the verifier reads, as the identity provider would put it (a group list)
        claims[settings.jwt_admin_claim] = [settings.jwt_admin_value]
    if settings.jwt_issuer:
        claims["iss"] = settings.jwt_issuer
    if settings.jwt_audience:
        claims["aud"] = settings.jwt_audience
    return jwt.encode(claims, secret, algorithm="HS256")
