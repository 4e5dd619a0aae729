"""A fake Google RBM API on 127.0.0.1: the OAuth token endpoint and `phones.agentMessages.create`.

It answers the way Google does, as far as the adapter can tell:

- `POST /token` takes the JWT-bearer grant (`grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`,
  `assertion=<RS256 JWT>`), verifies the assertion with the service account's public key (issuer
  = the key's client_email, audience = Google's token URL, which google-auth always uses, scope
  includes rcsbusinessmessaging, `kid` = the key id) and answers
  `{"access_token", "expires_in", "token_type": "Bearer"}`, or 400 `invalid_grant`.
- `POST /v1/phones/{E.164}/agentMessages?messageId=<uuid>&agentId=<id>` checks the bearer token
  (401 UNAUTHENTICATED), the query (400), the agent (403 PERMISSION_DENIED), the body (400
  INVALID_ARGUMENT for an AgentMessage RBM would refuse), then answers what the test scripted for
  that phone, else 404 for a phone marked not RCS-capable, else 200 with the created AgentMessage.
- A messageId already accepted is ignored: Google documents that the platform "ignores" a reused
  id and answers 409 ALREADY_EXISTS (the google.rpc code for creating what exists); the fake does
  the same and records no second delivery. `deliveries` is therefore what a phone received.

- `DELETE /v1/phones/{E.164}/agentMessages/{messageId}?agentId=<id>` (revoke) answers 200 `{}`
  when the message was accepted and is neither delivered (`mark_delivered`) nor revoked yet, else
  404 NOT_FOUND, as Google documents ("A 404 Not Found response means the revocation attempt has
  failed because the message was delivered"). Requests are in `revoke_calls`.
- `POST /v1/users:batchGet {"users": [E.164...], "agentId"}` answers `reachableUsers` (the users
  not marked `not_capable`), `totalRandomSampleUserCount` (0 under 500 users, else three quarters
  of them) and `reachableRandomSampleUserCount`; 400 for more than `max_users_per_call` users, a
  number that is not E.164 or no agentId. Calls are in `batch_get_calls` (time, users).
- `expire(message_id, revoked=...)` is RBM's TTL expiry: it revokes the message (or not) and
  returns the server-generated event (`TTL_EXPIRATION_REVOKED` / `TTL_EXPIRATION_REVOKE_FAILED`,
  the recipient in `phoneNumber`); `user_event` builds DELIVERED / READ (`senderPhoneNumber`);
  `user_message` builds a UserMessage (a text, or a `suggestionResponse` with its postbackData);
  `push(event, client_token)` is the Pub/Sub push body and `X-Goog-Signature` header of an event.

Every request to the messages endpoint is in `calls` (with the status answered and, if the
request was malformed, the `problem`), accepted ones in `deliveries`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import threading
import time
import uuid
from collections import defaultdict, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

GOOGLE_TOKEN_AUDIENCE = "https://oauth2.googleapis.com/token"
RBM_SCOPE = "https://www.googleapis.com/auth/rcsbusinessmessaging"
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
E164 = re.compile(r"^\+[1-9]\d{6,14}$")
MESSAGES_PATH = re.compile(r"^/v1/phones/([^/]+)/agentMessages$")
MESSAGE_PATH = re.compile(r"^/v1/phones/([^/]+)/agentMessages/([^/]+)$")
# phones.agentMessages#MessageTrafficType, as Google's reference lists it
TRAFFIC_TYPES = frozenset({"MESSAGE_TRAFFIC_TYPE_UNSPECIFIED", "AUTHENTICATION", "TRANSACTION", "PROMOTION",
                           "SERVICEREQUEST", "ACKNOWLEDGEMENT"})
STATUS_NAMES = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    409: "ALREADY_EXISTS",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    503: "UNAVAILABLE",
}


@dataclass(frozen=True)
class ServiceAccountKey:
    info: dict[str, Any]  # the JSON key as Google issues it
    public_pem: bytes


def make_service_account(
    token_uri: str = GOOGLE_TOKEN_AUDIENCE,
    *,
    email: str = "rbm-sender@acme-rbm.iam.gserviceaccount.com",
    key_id: str = "0123456789abcdef",
) -> ServiceAccountKey:
    """A fresh RSA service-account key in Google's JSON key format."""
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public_pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    info = {
        "type": "service_account",
        "project_id": "acme-rbm",
        "private_key_id": key_id,
        "private_key": pem,
        "client_email": email,
        "client_id": "100000000000000000001",
        "auth_uri": "https://accounts.google.com/o/oauth2/auth",
        "token_uri": token_uri,
    }
    return ServiceAccountKey(info=info, public_pem=public_pem)


@dataclass(frozen=True)
class Reply:
    """A scripted answer: `status` after `delay` seconds, with extra `headers`."""

    status: int = 200
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Call:
    phone: str
    message_id: str
    agent_id: str
    body: Any
    token: str
    status: int
    problem: str = ""


class FakeRbmServer:
    def __init__(
        self,
        key: ServiceAccountKey,
        *,
        agent_id: str = "acme_agent",
        token_lifetime: int = 3600,
        tokens_from: FakeRbmServer | None = None,
    ) -> None:
        """`tokens_from`: accept the tokens another fake issued (Google's tokens are global: a
        regional RBM endpoint takes the token of the one token endpoint)."""
        self.key = key
        self.tokens_from = tokens_from
        self.agent_id = agent_id
        self.token_lifetime = token_lifetime
        self.token_requests = 0
        self.token_failures: list[str] = []
        self.calls: list[Call] = []
        self.deliveries: dict[str, Call] = {}
        self.refuse_all_tokens = False
        self._tokens: dict[str, float] = {}
        self._scripts: dict[str, deque[Reply]] = defaultdict(deque)
        self._not_capable: set[str] = set()
        self.delivered_ids: set[str] = set()
        self.revoked_ids: set[str] = set()
        self.revoke_calls: list[Call] = []
        self.batch_get_calls: list[tuple[float, list[str]]] = []
        self.max_users_per_call = 10_000
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), name="fake-rbm", daemon=True)

    # lifecycle
    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def token_uri(self) -> str:
        return f"{self.url}/token"

    def start(self) -> FakeRbmServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> FakeRbmServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # scripting
    def script(self, phone: str, *replies: int | Reply) -> None:
        """The next answers for `phone`, one per request, before the default behaviour."""
        with self._lock:
            self._scripts[phone].extend(r if isinstance(r, Reply) else Reply(r) for r in replies)

    def not_capable(self, *phones: str) -> None:
        with self._lock:
            self._not_capable.update(phones)

    def revoke_tokens(self) -> None:
        """Every token issued so far stops working (as after a key rotation)."""
        with self._lock:
            self._tokens.clear()

    def accepts(self, token: str) -> bool:
        with self._lock:
            valid = self._tokens.get(token, 0) > time.time()
        return valid or (self.tokens_from is not None and self.tokens_from.accepts(token))

    def mark_delivered(self, *message_ids: str) -> None:
        """These messages reached the phone: they can no longer be revoked."""
        with self._lock:
            self.delivered_ids.update(message_ids)

    def expire(self, message_id: str, *, revoked: bool) -> dict[str, Any]:
        """The message's ttl passed: RBM revokes it (or fails to) and posts this server event."""
        call = self.deliveries[message_id]
        if revoked:
            with self._lock:
                self.revoked_ids.add(message_id)
        return {"phoneNumber": call.phone, "messageId": message_id, "agentId": self.agent_id,
                "eventType": "TTL_EXPIRATION_REVOKED" if revoked else "TTL_EXPIRATION_REVOKE_FAILED",
                "eventId": f"srv-{uuid.uuid4().hex}", "sendTime": _now()}

    def user_event(self, message_id: str, event_type: str) -> dict[str, Any]:
        """A user event about an agent message (DELIVERED, READ), as the device reports it."""
        call = self.deliveries[message_id]
        if event_type == "DELIVERED":
            self.mark_delivered(message_id)
        return {"senderPhoneNumber": call.phone, "eventType": event_type, "eventId": f"usr-{uuid.uuid4().hex}",
                "messageId": message_id, "agentId": self.agent_id, "sendTime": _now()}

    def user_message(self, phone: str, *, text: str | None = None, postback_data: str | None = None,
                     label: str = "", suggestion_type: str = "REPLY", message_id: str = "") -> dict[str, Any]:
        """A message the user at `phone` sent the agent (RBM's UserMessage): a `text`, or a tap on a
        suggestion (`postback_data`, its `label` and `suggestion_type` REPLY or ACTION). No eventType,
        no eventId: the user's RCS client names the message (`messageId`)."""
        return user_message(self.agent_id, phone, text=text, postback_data=postback_data, label=label,
                            suggestion_type=suggestion_type, message_id=message_id)

    def calls_for(self, phone: str) -> list[Call]:
        return [c for c in self.calls if c.phone == phone]

    def problems(self) -> list[str]:
        return [c.problem for c in self.calls if c.problem]

    # the reach endpoint
    def _batch_get(self, headers: Any, raw: bytes) -> tuple[int, dict[str, Any]]:
        token = str(headers.get("Authorization", "")).removeprefix("Bearer ")
        if self.refuse_all_tokens or not self.accepts(token):
            return 401, _google_error(401, "Request had invalid authentication credentials.")
        try:
            body = json.loads(raw or b"null")
        except ValueError:
            body = None
        users = body.get("users") if isinstance(body, dict) else None
        if not isinstance(users, list) or not all(isinstance(u, str) and E164.match(u) for u in users):
            return 400, _google_error(400, "users must be a list of E.164 numbers")
        if len(users) > self.max_users_per_call:
            return 400, _google_error(400, f"at most {self.max_users_per_call} users a call")
        if body.get("agentId") != self.agent_id:
            return 403 if body.get("agentId") else 400, _google_error(403 if body.get("agentId") else 400,
                                                                        "agentId is required and must be the agent")
        with self._lock:
            self.batch_get_calls.append((time.monotonic(), list(users)))
            reachable = [u for u in users if u not in self._not_capable]
        sample = [u for u in users[: len(users) * 3 // 4]] if len(users) >= 500 else []
        return 200, {"reachableUsers": reachable, "totalRandomSampleUserCount": len(sample),
                     "reachableRandomSampleUserCount": sum(1 for u in sample if u not in self._not_capable)}

    # the revoke endpoint
    def _revoke(self, path: str, query: dict[str, list[str]], headers: Any) -> tuple[int, dict[str, Any]]:
        match = MESSAGE_PATH.match(path)
        phone = unquote(match.group(1)) if match else ""
        message_id = unquote(match.group(2)) if match else ""
        agent_id = (query.get("agentId") or [""])[0]
        token = str(headers.get("Authorization", "")).removeprefix("Bearer ")

        def answer(status: int, problem: str = "") -> tuple[int, dict[str, Any]]:
            with self._lock:
                self.revoke_calls.append(Call(phone, message_id, agent_id, None, token, status, problem))
            return status, ({} if status == 200 else _google_error(status, problem or STATUS_NAMES[status]))

        if not match:
            return answer(400, f"unknown path {path}")
        if self.refuse_all_tokens or not self.accepts(token):
            return answer(401, "Request had invalid authentication credentials.")
        if not E164.match(phone):
            return answer(400, f"phone {phone!r} is not E.164")
        if agent_id != self.agent_id:
            return answer(403, f"agentId {agent_id!r} is not this service account's agent")
        with self._lock:
            script = self._scripts.get(phone)
            reply = script.popleft() if script else None
        if reply is not None and reply.status != 200:
            return answer(reply.status)
        with self._lock:
            call = self.deliveries.get(message_id)
            revocable = (call is not None and call.phone == phone and message_id not in self.delivered_ids
                         and message_id not in self.revoked_ids)
            if revocable:
                self.revoked_ids.add(message_id)
        return answer(200) if revocable else answer(404, "Requested entity was not found.")

    # the token endpoint
    def _token(self, form: dict[str, list[str]]) -> tuple[int, dict[str, Any]]:
        with self._lock:
            self.token_requests += 1
        grant = (form.get("grant_type") or [""])[0]
        assertion = (form.get("assertion") or [""])[0]
        if grant != JWT_BEARER:
            return self._token_refusal("unsupported_grant_type", f"grant_type {grant!r}")
        try:
            header = jwt.get_unverified_header(assertion)
            claims = jwt.decode(
                assertion,
                self.key.public_pem,
                algorithms=["RS256"],
                audience=GOOGLE_TOKEN_AUDIENCE,
                issuer=self.key.info["client_email"],
                options={"require": ["exp", "iat", "iss", "aud"]},
            )
        except jwt.PyJWTError as exc:
            return self._token_refusal("invalid_grant", f"Invalid JWT: {exc}")
        if header.get("kid") != self.key.info["private_key_id"]:
            return self._token_refusal("invalid_grant", "Invalid JWT Signature (unknown kid).")
        if RBM_SCOPE not in str(claims.get("scope", "")).split():
            return self._token_refusal("invalid_scope", "scope lacks rcsbusinessmessaging")
        token = f"ya29.fake-{uuid.uuid4().hex}"
        with self._lock:
            self._tokens[token] = time.time() + self.token_lifetime
        return 200, {"access_token": token, "expires_in": self.token_lifetime, "token_type": "Bearer"}

    def _token_refusal(self, error: str, description: str) -> tuple[int, dict[str, Any]]:
        with self._lock:
            self.token_failures.append(description)
        return 400, {"error": error, "error_description": description}

    # the messages endpoint
    def _message(
        self, path: str, query: dict[str, list[str]], headers: Any, raw: bytes
    ) -> tuple[int, dict[str, Any], Reply]:
        match = MESSAGES_PATH.match(path)
        phone = unquote(match.group(1)) if match else ""
        message_id = (query.get("messageId") or [""])[0]
        agent_id = (query.get("agentId") or [""])[0]
        token = str(headers.get("Authorization", "")).removeprefix("Bearer ")
        try:
            body: Any = json.loads(raw or b"null")
        except ValueError:
            body = None

        def answer(status: int, problem: str = "", reply: Reply | None = None) -> tuple[int, dict[str, Any], Reply]:
            with self._lock:
                self.calls.append(Call(phone, message_id, agent_id, body, token, status, problem))
            if status == 200:
                return status, _created(phone, message_id, body), reply or Reply()
            return status, _google_error(status, problem or STATUS_NAMES.get(status, "error")), reply or Reply(status)

        if not match:
            return answer(400, f"unknown path {path}")
        if self.refuse_all_tokens or not self.accepts(token):
            return answer(401, "Request had invalid authentication credentials.")
        if not E164.match(phone):
            return answer(400, f"phone {phone!r} is not E.164")
        try:
            uuid.UUID(message_id)
        except ValueError:
            return answer(400, f"messageId {message_id!r} is not a UUID")
        if agent_id != self.agent_id:
            return answer(403, f"agentId {agent_id!r} is not this service account's agent")
        if "application/json" not in str(headers.get("Content-Type", "")):
            return answer(400, "Content-Type must be application/json")
        problem = agent_message_problem(body)
        if problem:
            return answer(400, problem)
        with self._lock:
            script = self._scripts.get(phone)
            reply = script.popleft() if script else None
            not_capable = phone in self._not_capable
        if reply is not None and reply.delay:
            time.sleep(reply.delay)
        if reply is not None and reply.status != 200:
            return answer(reply.status, STATUS_NAMES.get(reply.status, "scripted"), reply)
        if not_capable:
            return answer(404, "Requested entity was not found.")
        with self._lock:
            duplicate = message_id in self.deliveries
            call = Call(phone, message_id, agent_id, body, token, 409 if duplicate else 200)
            self.calls.append(call)
            if not duplicate:
                self.deliveries[message_id] = call
        if duplicate:
            return 409, _google_error(409, "Requested entity already exists"), reply or Reply(409)
        return 200, _created(phone, message_id, body), reply or Reply()


def agent_message_problem(body: Any) -> str:
    """Why RBM would refuse this AgentMessage body (400), or "" if it would accept it."""
    if not isinstance(body, dict) or not isinstance(body.get("contentMessage"), dict):
        return "body needs a contentMessage object"
    unknown = set(body) - {"contentMessage", "ttl", "expireTime", "messageTrafficType"}
    if unknown:
        return f"unknown AgentMessage fields {sorted(unknown)}"
    if "messageTrafficType" in body and body["messageTrafficType"] not in TRAFFIC_TYPES:
        return f"messageTrafficType {body['messageTrafficType']!r} is not one of {sorted(TRAFFIC_TYPES)}"
    if "ttl" in body and "expireTime" in body:
        return "ttl and expireTime are mutually exclusive"
    if "ttl" in body and not re.fullmatch(r"\d+(\.\d+)?s", str(body["ttl"])):
        return "ttl must be a duration like '3600s'"
    content = body["contentMessage"]
    kinds = [k for k in ("text", "richCard", "contentInfo", "fileName", "uploadedRbmFile") if k in content]
    if len(kinds) != 1:
        return f"contentMessage needs exactly one content, got {kinds}"
    problem = _suggestions_problem(content.get("suggestions", []), 11)
    if problem:
        return problem
    if "text" in content:
        text = content["text"]
        return "" if isinstance(text, str) and 0 < len(text) <= 3072 else "text must be 1..3072 characters"
    if "contentInfo" in content:
        return _content_info_problem(content["contentInfo"])
    if "richCard" in content:
        card = content["richCard"]
        if not isinstance(card, dict) or len(card) != 1:
            return "richCard needs exactly one of standaloneCard, carouselCard"
        if "standaloneCard" in card:
            standalone = card["standaloneCard"]
            orientation = standalone.get("cardOrientation")
            if orientation not in ("VERTICAL", "HORIZONTAL"):
                return "cardOrientation must be VERTICAL or HORIZONTAL"
            if orientation == "HORIZONTAL" and standalone.get("thumbnailImageAlignment") not in ("LEFT", "RIGHT"):
                return "a horizontal card needs thumbnailImageAlignment"
            return _card_problem(standalone.get("cardContent"))
        if "carouselCard" in card:
            carousel = card["carouselCard"]
            if carousel.get("cardWidth") not in ("SMALL", "MEDIUM"):
                return "cardWidth must be SMALL or MEDIUM"
            cards = carousel.get("cardContents")
            if not isinstance(cards, list) or not 2 <= len(cards) <= 10:
                return "a carousel has 2 to 10 cards"
            return next((p for p in map(_card_problem, cards) if p), "")
        return "richCard needs standaloneCard or carouselCard"
    return ""


def _card_problem(card: Any) -> str:
    if not isinstance(card, dict):
        return "cardContent must be an object"
    if not (card.get("title") or card.get("description") or card.get("media")):
        return "a card needs a title, a description or media"
    if len(card.get("title", "")) > 200 or len(card.get("description", "")) > 2000:
        return "card title <= 200, description <= 2000"
    if "media" in card:
        media = card["media"]
        if media.get("height") not in ("SHORT", "MEDIUM", "TALL"):
            return "media height must be SHORT, MEDIUM or TALL"
        problem = _content_info_problem(media.get("contentInfo"))
        if problem:
            return problem
    return _suggestions_problem(card.get("suggestions", []), 4)


def _content_info_problem(info: Any) -> str:
    if not isinstance(info, dict) or not str(info.get("fileUrl", "")).startswith(("https://", "http://")):
        return "contentInfo needs a fileUrl"
    if "thumbnailUrl" in info and not str(info["thumbnailUrl"]).startswith(("https://", "http://")):
        return "thumbnailUrl must be a URL"
    return ""


ACTIONS = ("openUrlAction", "dialAction", "viewLocationAction", "createCalendarEventAction", "shareLocationAction")


def _suggestions_problem(suggestions: Any, limit: int) -> str:
    if not isinstance(suggestions, list) or len(suggestions) > limit:
        return f"at most {limit} suggestions"
    for suggestion in suggestions:
        if not isinstance(suggestion, dict) or len(suggestion) != 1 or not ({"reply", "action"} & set(suggestion)):
            return "a suggestion is exactly one of reply, action"
        inner: dict[str, Any] = suggestion.get("reply") or suggestion.get("action") or {}
        if not 0 < len(inner.get("text", "")) <= 25 or len(inner.get("postbackData", "")) > 2048:
            return "a suggestion's text is 1..25 characters, postbackData <= 2048"
        if "action" in suggestion:
            kinds = [k for k in ACTIONS if k in inner]
            if len(kinds) != 1:
                return f"an action has exactly one kind, got {kinds}"
            if "openUrlAction" in inner and not str(inner["openUrlAction"].get("url", "")).startswith("http"):
                return "openUrlAction needs a url"
            if "dialAction" in inner and not E164.match(str(inner["dialAction"].get("phoneNumber", ""))):
                return "dialAction needs an E.164 phoneNumber"
    return ""


def _created(phone: str, message_id: str, body: Any) -> dict[str, Any]:
    return {
        "name": f"phones/{phone}/agentMessages/{message_id}",
        "sendTime": time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime()),
        "contentMessage": (body or {}).get("contentMessage", {}),
    }


def user_message(agent_id: str, phone: str, *, text: str | None = None, postback_data: str | None = None,
                 label: str = "", suggestion_type: str = "REPLY", message_id: str = "",
                 send_time: str = "") -> dict[str, Any]:
    """RBM's UserMessage JSON (the decoded `message.data` of the push): senderPhoneNumber,
    messageId, sendTime, agentId and one content, `text` or `suggestionResponse`."""
    event: dict[str, Any] = {"senderPhoneNumber": phone, "messageId": message_id or f"MxUser{uuid.uuid4().hex}",
                             "sendTime": send_time or _now(), "agentId": agent_id}
    if postback_data is not None:
        event["suggestionResponse"] = {"postbackData": postback_data, "text": label, "type": suggestion_type}
    else:
        event["text"] = text or ""
    return event


def push(event: dict[str, Any], client_token: str) -> tuple[bytes, dict[str, str]]:
    """RBM's Pub/Sub push of `event` to a webhook: the body and its headers (the signature is
    base64(HMAC-SHA512(clientToken, the decoded data)))."""
    data = json.dumps(event).encode("utf-8")
    body = {"message": {"data": base64.b64encode(data).decode("ascii"), "messageId": str(uuid.uuid4().int)[:16],
                        "publishTime": _now()},
            "subscription": "projects/rbm-fake/subscriptions/rbm-agent-subscription"}
    signature = base64.b64encode(hmac.new(client_token.encode(), data, hashlib.sha512).digest()).decode("ascii")
    return json.dumps(body).encode("utf-8"), {"Content-Type": "application/json", "X-Goog-Signature": signature}


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime())


def _google_error(status: int, message: str) -> dict[str, Any]:
    return {"error": {"code": status, "message": message, "status": STATUS_NAMES.get(status, "UNKNOWN")}}


def _handler_for(server: FakeRbmServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            parts = urlsplit(self.path)
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if parts.path == "/token":
                status, payload = server._token(parse_qs(raw.decode()))
                self._reply(status, payload, {})
                return
            if parts.path == "/v1/users:batchGet":
                status, payload = server._batch_get(self.headers, raw)
                self._reply(status, payload, {})
                return
            status, payload, reply = server._message(parts.path, parse_qs(parts.query), self.headers, raw)
            self._reply(status, payload, reply.headers)

        def do_DELETE(self) -> None:
            parts = urlsplit(self.path)
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            status, payload = server._revoke(parts.path, parse_qs(parts.query), self.headers)
            self._reply(status, payload, {})

        def _reply(self, status: int, payload: dict[str, Any], headers: dict[str, str]) -> None:
            data = json.dumps(payload).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=UTF-8")
                self.send_header("Content-Length", str(len(data)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout tests)
                pass

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Handler
