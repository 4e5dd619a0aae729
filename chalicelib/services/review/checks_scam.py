"""Fraud: impersonated brands and look-alike domains, requests for secrets, advance fees, prizes,
threats, and software from outside the stores (promised returns: `checks_returns.py`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from chalicelib.services.review.brands import registry
from chalicelib.services.review.checks_returns import salary
from chalicelib.services.review.data_files import vocabulary
from chalicelib.services.review.model import Finding
from chalicelib.services.review.normalize import fold
from chalicelib.services.review.policy import finding
from chalicelib.services.review.signals import Signals, Spot, places

_GIVEN = re.compile(r"^\W{0,3}(?:[^\s{}]+\s+){0,2}\{\{n\}\}")  # "OTP {{n}}", "code is {{n}}", "PIN: {{n}}"
_POSTAL = re.compile(r"^\W{0,2}(?:code|codes|कोड|कोड़)\b")  # "PIN code": an Indian postal code
_DIGITS = re.compile(r"\D")
_WORDLIKE = re.compile(r"\w")
_WORD = re.compile(r"\w+")
_LABEL_END = re.compile(r"[^.!?\n:\uff1a|\u3011\]]{0,20}[:\uff1a|\u3011\]]")
# A link to download a remote-access tool is how "support" scams take over a phone or a bank session.
_REMOTE_ACCESS = frozenset(vocabulary("remote_access_domains"))
_APP = re.compile(r"\bapps?\b|\bapk\b|applicazione|aplicaci|aplicativo|application|anwendung|aplikasi", re.IGNORECASE)
_STORES = vocabulary("app_store_hosts")


def _number(text: str) -> str:
    return _DIGITS.sub("", text)


def _foreign_links(signals: Signals, brand_id: str) -> list[str]:
    return [spot.path for spot in signals.links if spot.domain and brand_id not in spot.owners]


def _foreign_phones(signals: Signals, brand_id: str) -> list[str]:
    official = {_number(phone) for phone in registry().brands[brand_id].phones}
    return [spot.path for spot in signals.phones if _number(spot.term) not in official]


def _in_passing(signals: Signals, brand_id: str, spot: Spot, lure: Spot | None) -> bool:
    """A brand named only as a way to reach the sender ("WhatsApp us", without a lure), as where to
    install from ("on Google Play"), as the network to pay through ("por referência Multibanco") or
    as whom fraudsters pose as, or as a word of the sender's own name, which its site carries ("Súper La
    Hacienda" at superlahacienda.com.mx): no brand mention, unless the name is disguised."""
    kind = registry().brands[brand_id].kind
    return not spot.disguised and (kind == "store" or (kind == "messaging" and lure is None)
                                   or (kind == "payments" and _paid_through(signals, spot))
                                   or _impersonated(signals, brand_id, spot) or _own_name(signals, spot))


def _own_name(signals: Signals, spot: Spot) -> bool:
    """The brand's word and the word before it are both in the sender's site's name."""
    if spot.at < 0:
        return False
    joined = signals.plain
    before = _WORD.findall(joined.text[joined.field_start(spot.at):spot.at])
    name = "".join(_WORD.findall(fold(spot.term)))
    return len(name) >= 5 and bool(before) and any(
        name in label and before[-1] in label.replace(name, " ", 1)
        for label in (link.domain.split(".")[0] for link in signals.links if link.domain and link.imitated is None))


def _impersonated(signals: Signals, brand_id: str, spot: Spot) -> bool:
    """A fraud warning names whom the fraudsters pose as ("scammers posing as the prosecutor's office
    call ..."), and sends nowhere but to places of that brand: a warning, not a mention."""
    return (spot.path, spot.sentence) in signals.sentences("scammers") and \
        not _foreign_links(signals, brand_id) and not _foreign_phones(signals, brand_id)


@cache
def _means() -> re.Pattern[str]:
    words = sorted({fold(word) for word in vocabulary("means_words")}, key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(word) for word in words)})\s*$")


def _paid_through(signals: Signals, spot: Spot) -> bool:
    if spot.at < 0:
        return False
    head = signals.plain.text[max(signals.plain.field_start(spot.at), spot.at - 30):spot.at]
    return bool(_means().search(head))


def _lure(signals: Signals) -> Spot | None:
    """What turns naming a brand into a lure: a threat, a check, a refund, a prize, a fee, a secret (not one
    in a sentence that denies it: "we never ask for a registration fee")."""
    return next(iter(signals.affirmed("threat", "disconnection", "verify_action", "refund", "prize", "fee", "secret",
                                      "install")), None)


def _speaks_as(signals: Signals, spot: Spot) -> bool:
    """The brand's name opens the message or a card as a sender's label does ("BCA: transfer ...",
    "【Yamato】"): the text speaks in the brand's name."""
    if spot.at < 0 or not spot.path.endswith(("text", "title", "description")) or spot.path.startswith("suggestions"):
        return False
    joined = signals.unmasked if spot.disguised else signals.plain
    head = joined.text[joined.field_start(spot.at):spot.at]
    tail = joined.text[spot.at + len(spot.term):spot.at + len(spot.term) + 24]
    return not _WORDLIKE.search(head) and bool(_LABEL_END.match(tail))


def _dialled_as(signals: Signals, brand_id: str) -> str | None:
    """A dial button labelled with the brand whose number is not the brand's (wherever else the brand shows)."""
    labels = {field.path: field.text for field in signals.read}
    for number in _foreign_phones(signals, brand_id):
        label = labels.get(number.removesuffix(".phone_number") + ".text") if number.endswith(".phone_number") else None
        if label and any(named == brand_id for named, _ in registry().named(fold(label), label)):
            return number
    return None


def brand_checks(signals: Signals) -> Iterator[Finding]:
    market = signals.market
    for link in signals.links:
        if link.imitated is not None:
            yield finding("lookalike_domain", market, link.path, link.link.host)
            return
    verified = signals.subject.verified_brands
    if signals.verified_sender:
        return  # a verified brand sending to its own places may name others ("never share your BLIK code")
    # "the courier never asks for a fee at the door" names a fee it does not charge
    fee = bool(signals.affirmed("fee"))
    pays = fee or (signals.has("pay") and bool(signals.money)
                   and signals.has("threat", "urgency", "parcel", "disconnection", "verify_action"))
    # a fee with no amount, link nor number to pay it through is a shop naming the bills it takes
    pays = pays and bool(signals.money or signals.links or signals.phones)
    lure = _lure(signals)
    demand = pays and (fee or signals.has("threat", "parcel", "disconnection"))  # pay to get a parcel, stop a cut
    unverified = [(brand_id, spot) for brand_id, spot in signals.brands.items()
                  if brand_id not in verified and not _in_passing(signals, brand_id, spot, lure)]
    for brand_id, spot in unverified:
        elsewhere = _foreign_links(signals, brand_id) + _foreign_phones(signals, brand_id)
        dialled = _dialled_as(signals, brand_id)
        if dialled is not None:
            yield finding("brand_impersonation", market, dialled, spot.term)
            return
        if (elsewhere or pays) and (lure is not None or spot.disguised
                                    or (elsewhere and (demand or _speaks_as(signals, spot)))):
            where = elsewhere[0] if elsewhere else (lure.path if lure else spot.path)
            yield finding("brand_impersonation", market, where, spot.term)
            return
    if unverified:
        yield finding("unverified_brand", market, unverified[0][1].path, unverified[0][1].term)


def person_checks(signals: Signals) -> Iterator[Finding]:
    """"Hi Mum, this is my new number ... can you send me 300": a relative on a new phone who needs money."""
    # two marks of the story (a greeting and a new number, a new number and a broken phone): a shop
    # wishing "Hi Dad" a happy Father's Day, or a telco's "your new number is ready", has one
    spots = signals.concepts["new_number"]
    spot = spots[0] if len({(found.path, found.at) for found in spots}) >= 2 else None
    if spot is not None and (signals.money or signals.has("pay", "bank_words", "secret")):
        yield finding("person_impersonation", signals.market, spot.path, spot.term)


def _given(signals: Signals, spot: Spot) -> bool:
    """The template gives the secret itself ("your OTP is {{1}}"): it does not ask for it."""
    text = (signals.unmasked if spot.disguised else signals.plain).text
    after = text[spot.at + len(spot.term):spot.at + len(spot.term) + 40]
    return bool(_GIVEN.match(after)) or (spot.term in ("pin", "पिन") and bool(_POSTAL.match(after)))


def credential_checks(signals: Signals) -> Iterator[Finding]:
    # An OTP template names its own code ("enter the code in the app"); any other secret, or a code
    # to be sent somewhere, is asked for.
    if signals.verified_sender and signals.has("never", "scammers"):
        return  # a verified brand's warning to its own places quotes what fraudsters ask ("share the OTP")
    own_code = signals.subject.category == "otp" and not any(spot.domain for spot in signals.links) \
        and not signals.phones
    codes = {(spot.path, spot.at) for spot in signals.concepts["otp_words"]}
    never = signals.sentences("never")
    if signals.subject.verified_brands:
        # a verified brand describing what fraudsters ask for is warning its customers
        never |= signals.sentences("scammers")
    asks = signals.sentences("ask")
    for spot in signals.concepts["secret"]:
        where = (spot.path, spot.sentence)
        if own_code and (spot.path, spot.at) in codes:
            continue
        if where in asks and where not in never and not _given(signals, spot):
            yield finding("credentials", signals.market, spot.path, spot.term)
            return


def fee_checks(signals: Signals) -> Iterator[Finding]:
    if signals.verified_sender:
        return
    market = signals.market
    # not "we never charge any fee at any stage of hiring", nor "processing fee up to 2.5% + GST", which
    # discloses a loan's terms: nothing is paid to receive it
    fee = next((spot for spot in signals.affirmed("fee") if not any(
        rate.path == spot.path and -10 - len(rate.term) <= rate.at - spot.at <= 10 + len(spot.term)
        for rate in signals.percents)), None)  # "flat 5% fee per advance" too
    money_sentences = places(signals.money)
    paid = next((spot for spot in signals.concepts["pay"] if (spot.path, spot.sentence) in money_sentences
                 and not salary(signals, spot)), None)
    # A betting offer's deposit and its prizes are the game itself (gambling rules them), not a fee to win.
    prize = () if signals.has("gambling") else ("prize",)
    context = signals.first(*prize, "job", "lending", "refund", "government", "election")  # voting costs nothing
    if fee is not None and context is not None and not _public_bill(signals, prize):
        yield finding("advance_fee", market, fee.path, f"{fee.term} \u2026 {context.term}")
    elif paid is not None and signals.first(*prize, "job") is not None:
        yield finding("advance_fee", market, paid.path, paid.term)
    elif fee is not None and signals.has("parcel") and (signals.links or signals.phones) and \
            signals.has("urgency", "threat", "verify_action") and not signals.has("offer"):
        yield finding("advance_fee", market, fee.path, fee.term)
    elif (release := next(iter(signals.affirmed("release_fee")), None)) is not None and \
            (signals.money or signals.links or signals.phones):
        # a fee to unlock one's own money or papers (not "we never ask for money to release your loan")
        yield finding("advance_fee", market, release.path, release.term)
    elif (unseen := signals.first("no_viewing")) is not None and signals.has("housing") and \
            (signals.money or signals.has("pay")):
        yield finding("advance_fee", market, unseen.path, unseen.term)  # pay for a flat nobody may see


def _public_bill(signals: Signals, prize: tuple[str, ...]) -> bool:
    """A public office's own bill ("Ayuntamiento de Zaragoza: el recibo del IBI … zaragoza.es"): it gives
    nothing in return for the fee (no prize, job, loan or refund) and sends people only to its own site."""
    return not signals.has(*prize, "job", "lending", "refund") and _public_site(signals)


def _public_site(signals: Signals) -> bool:
    """A public office that names no phone number and links only to sites named by a word of its text (the
    city or office that signs it: "Urząd Miejski w Gdańsku … gdansk.pl"), or to none."""
    if not signals.has("government") or signals.phones:
        return False
    words = set(_WORD.findall(signals.plain.text))
    return all(spot.domain and _named(spot.domain.split(".")[0], words) for spot in signals.links)


def _named(label: str, words: set[str]) -> bool:
    return label in words or (len(label) >= 5 and any(word.startswith(label) for word in words))  # "gdansku"


def prize_checks(signals: Signals) -> Iterator[Finding]:
    """A win announced to someone who entered nothing, with somewhere to claim it."""
    spot = signals.first("prize")
    if spot is not None and (signals.links or signals.phones) and not signals.verified_sender:
        yield finding("prize_claim", signals.market, spot.path, spot.term)


def threat_checks(signals: Signals) -> Iterator[Finding]:
    threat = signals.first("threat", "disconnection")
    if threat is None or signals.verified_sender:
        return
    lure = _lure(signals)
    if any(not _in_passing(signals, brand_id, spot, lure) for brand_id, spot in signals.brands.items()):
        return
    if signals.links or signals.phones:
        yield finding("account_threat", signals.market, threat.path, threat.term)


def malware_checks(signals: Signals) -> Iterator[Finding]:
    warned = signals.verified_sender  # a bank naming AnyDesk in its fraud warning
    spot = next(iter(signals.affirmed("malware")), None)
    if spot is not None and not warned:
        yield finding("malware", signals.market, spot.path, spot.term)
        return
    for link in signals.links:
        path = link.link.text.lower().split("?")[0]
        sideloaded = path.endswith((".apk", ".exe", ".msi")) and not link.link.host.endswith(_STORES)
        if sideloaded or link.domain in _REMOTE_ACCESS:
            yield finding("malware", signals.market, link.path, link.link.text)
            return
    if warned or not signals.has("threat", "verify_action", "secret", "refund", "prize", "disconnection"):
        return
    # "unusual activity: install our security app from secure-shield-app.com": an app from a site, not a
    # store, to fix a problem (a shop's "get the app at shop.com" is no lure)
    installs = {spot.path for spot in signals.concepts["install"] if _APP.search(spot.term) or any(
        _APP.search(field.text) for field in signals.read if field.path == spot.path)}
    for link in signals.links:
        if link.path in installs and link.domain and not link.link.host.endswith(_STORES) and not link.owners:
            yield finding("malware", signals.market, link.path, link.link.text)
            return


_MARKS = ("threat", "urgency", "verify_action", "refund", "prize", "fee", "secret", "disconnection", "install",
          "government")


def scam_mark_checks(signals: Signals) -> Iterator[Finding]:
    """Several marks of a scam and somewhere to send people: a human looks, even when no single rule
    names the scheme (uncertainty escalates, it never approves)."""
    if not (signals.links or signals.phones) or signals.verified_sender:
        return
    # what a fraud warning says nobody will ask for ("we never call asking for your password") is no mark
    warned = signals.sentences("never", "scammers")
    # a public office's name is no mark on its own site
    concepts = [concept for concept in _MARKS if concept != "government" or not _public_site(signals)]
    marks = [spot for concept in concepts if (spot := next(
        (spot for spot in signals.concepts[concept] if (spot.path, spot.sentence) not in warned), None)) is not None]
    # a deadline and a shipping fee are what every sale says: one mark must be more than that
    if len(marks) >= 2 and len(marks) > signals.has("urgency") + signals.has("fee"):
        yield finding("scam_marks", signals.market, marks[0].path, " \u2026 ".join(spot.term for spot in marks[:3]))

