"""The form of a template: its category's rules, its placeholders, its links, its style, and the
language it is written in."""

from __future__ import annotations

import re
from collections.abc import Iterator

from chalicelib.placeholders import PLACEHOLDER
from chalicelib.services.review.data_files import vocabulary
from chalicelib.services.review.domains import is_ip
from chalicelib.services.review.fields import VISIBLE
from chalicelib.services.review.model import Finding
from chalicelib.services.review.normalize import fold
from chalicelib.services.review.policy import finding
from chalicelib.services.review.signals import Signals, Spot

_PERCENT_OFF = re.compile(r"\d+\s?%")
# "50% off", "30% कैशबैक": an amount taken off is an offer in any language
_DISCOUNT = re.compile(r"\d+\s?%\s?(?:" + "|".join(map(re.escape, vocabulary("discount_words"))) + ")", re.IGNORECASE)
_PROMO_CODE = re.compile(r"\b(?i:code|coupon|c[oó]digo|cupom|cup[oó]n|kode|kod|voucher)\s*:?\s+[A-Z][A-Z0-9]{3,}\b")
_NON_PROMO_CODES = frozenset(vocabulary("non_promo_codes"))
_SHOUTING_RUN = re.compile(r"[!?]{3,}")
_ADJACENT = re.compile(r"\}\}\s*\{\{")
_EDGE_TRIM = " \t\r\n.,;:!?¡¿\"'()[]-\u2013\u2014\u0964"
_WORD = re.compile(r"\w+")
SHORTENERS = frozenset(vocabulary("shortener_domains"))


def _offer(signals: Signals) -> Spot | None:
    for field in signals.fields:
        if field.kind in VISIBLE:
            for code in _PROMO_CODE.finditer(field.text):
                if code.group(0).split()[-1] not in _NON_PROMO_CODES:
                    return Spot(field.path, code.group(0), 0)
    spot = signals.first("offer")
    if spot is not None:
        return spot
    match = _DISCOUNT.search(signals.plain.text)
    if match is None and signals.has("offer"):
        match = _PERCENT_OFF.search(signals.plain.text)
    if match:
        path, sentence = signals.plain.where(match.start())
        return Spot(path, match.group(0), sentence)
    return None


def category_checks(signals: Signals) -> Iterator[Finding]:
    category, market = signals.subject.category, signals.market
    offer = _offer(signals)
    has_code = signals.placeholder_count() > 0
    if category == "otp":
        if offer:
            yield finding("otp_offer", market, offer.path, offer.term)
        if not has_code:
            yield finding("otp_no_code", market)
    elif category == "transactional":
        if offer:
            yield finding("promotion_in_transactional", market, offer.path, offer.term)
        otp = signals.first("otp_words")
        if otp and has_code:
            yield finding("otp_in_transactional", market, otp.path, otp.term)
    elif category == "promotional":
        otp = signals.first("otp_words")
        if otp and has_code:
            yield finding("otp_in_promotional", market, otp.path, otp.term)
        if not signals.has("opt_out") and not _stop_word(signals):
            yield finding("no_opt_out", market)


def _stop_word(signals: Signals) -> bool:
    """STOP, the one opt-out keyword carriers understand in every language."""
    return any(re.search(r"(?<![A-Za-z])STOP(?![A-Za-z])", field.text) or fold(field.text) == "stop"
               for field in signals.read)


def placeholder_checks(signals: Signals) -> Iterator[Finding]:
    visible = [field for field in signals.fields if field.kind in VISIBLE]
    count = signals.placeholder_count()
    if not count:
        return
    fixed = [word for field in visible for word in _WORD.findall(PLACEHOLDER.sub(" ", field.text))]
    if not fixed:
        yield finding("placeholders_only", signals.market, visible[0].path if visible else "")
        return
    if count * 2 > len(fixed):
        yield finding("placeholders_dominant", signals.market, evidence=f"{count} placeholders, {len(fixed)} words")
    for field in visible:
        if field.kind in ("text", "description"):
            trimmed = field.text.strip(_EDGE_TRIM)
            if trimmed.startswith("{{") or trimmed.endswith("}}"):
                yield finding("placeholder_edge", signals.market, field.path)
                break
    for field in visible:
        if _ADJACENT.search(field.text):
            yield finding("placeholder_adjacent", signals.market, field.path)
            break


def link_checks(signals: Signals) -> Iterator[Finding]:
    reported: set[str] = set()
    market = signals.market
    for spot in signals.links:
        host = spot.link.host
        code, evidence = "", spot.link.text
        if not host:
            code = "variable_domain"
        elif is_ip(host):
            code = "raw_ip_link"
        elif host.removeprefix("www.") in SHORTENERS or spot.domain in SHORTENERS:
            code = "shortener"
        elif (host.startswith("xn--") or ".xn--" in host or not host.isascii()) and spot.imitated is None:
            code = "punycode_domain"
        elif spot.link.scheme == "http":
            code = "insecure_link"
        if code and code not in reported:
            reported.add(code)
            yield finding(code, market, spot.path, evidence)


def style_checks(signals: Signals) -> Iterator[Finding]:
    cased = [ch for ch in signals.prose if ch.isupper() or ch.islower()]
    if len(cased) >= 12 and sum(ch.isupper() for ch in cased) / len(cased) > 0.7:
        yield finding("all_caps", signals.market)
    run = _SHOUTING_RUN.search(signals.prose)
    if run:
        yield finding("exclamations", signals.market, evidence=run.group(0))


def _risky(signals: Signals) -> bool:
    """In a text nobody here can read, any number may be an amount, a date or a code; and an OTP template
    carries a code, whose words around it nobody here can check."""
    numbers = any(ch.isdigit() for ch in PLACEHOLDER.sub("", signals.prose))
    return bool(signals.links or signals.phones or signals.money or numbers or signals.has("secret")
                or signals.subject.category == "otp")


def language_checks(signals: Signals) -> Iterator[Finding]:
    reading = signals.language
    if reading.mismatch:
        said = f"declared {signals.subject.language}, reads as {reading.detected or 'another script'}"
        yield finding("language_mismatch", signals.market, evidence=said)
    elif not reading.covered and _risky(signals):
        said = f"{reading.detected or 'unknown'}, confidence {reading.confidence:.2f}"
        yield finding("language_uncovered", signals.market, evidence=said)
