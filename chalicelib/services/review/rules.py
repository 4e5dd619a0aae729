"""The rule-based reviewer: each policy check reads the template and reports findings with a
machine-readable code, a severity, a sentence for a person, and a hint how to fix it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from chalicelib.services.review import lexicon
from chalicelib.services.review.model import Finding, Review, Severity, Subject
from chalicelib.services.review.text import (
    deobfuscate,
    expected_script,
    find_term,
    fold,
    is_ip,
    known_script,
    links,
    script_share,
    words,
)
from chalicelib.services.template_content import PLACEHOLDER, TextField, text_fields

_VISIBLE = ("text", "title", "description")
_BODY = ("text", "description")
_SENTENCE = re.compile(r"[.!?।\n]+(?:\s|$)")
_PERCENT_OFF = re.compile(r"\d+\s?%\s?(?:off|de descuento|de desconto|छूट|discount|cashback)")
_MONEY_OFF = re.compile(r"(?:₹|rs\.?|inr|\$|€|r\$)\s?\d[\d,]*\s?(?:off|de descuento|de desconto|छूट)")
_SHOUTING_RUN = re.compile(r"[!?]{3,}")
# "use code SAVE20": the words in any case, the code itself in capitals
_PROMO_CODE = re.compile(r"\b(?i:use|with|apply|usa|use o|aplica)\s+(?i:the\s+|el\s+|o\s+)?"
                         r"(?i:code|coupon|promo code|c[oó]digo|cupom|cup[oó]n)\s+[A-Z][A-Z0-9]{3,}\b")
_IN_SENTENCE = r"(?:[^.!?\n]|\.(?=\S))"  # a dot inside a link or a number does not end the sentence
_CURRENCY = r"(?:₹|rs\.?|inr|\$|€|r\$|rupees?|dollars?|reais|pesos|euros?|रुपये)"
_INCOME = re.compile(
    rf"\b(?:earn|make|kamao|kamaye|gana|ganar|ganhe|ganhar)\b{_IN_SENTENCE}{{0,20}}?"
    rf"(?:{_CURRENCY}\s?\d[\d,.]*|\d[\d,.]*\s?k?\s?{_CURRENCY}){_IN_SENTENCE}{{0,25}}?"
    r"\b(?:daily|a day|per day|every day|a week|per week|weekly|al dia|por dia|diarios|rozana)\b")
_FEE_TO_RELEASE = re.compile(
    rf"\b(?:pay|paga|pague|pagar|pagues)\b{_IN_SENTENCE}{{0,100}}?"
    r"\b(?:to release|to receive|to claim|to unlock|to get it|release it|para liberar|para recibir|"
    r"para receber|para resgatar|para reclamar)\b")
_ADJACENT = re.compile(r"\}\}\s*\{\{")
_HOST_LEET = str.maketrans({"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t"})
_EDGE_TRIM = " \t\r\n.,;:!?¡¿\"'()[]-\u2013\u2014।"


@dataclass(frozen=True)
class _Text:
    """The template's text, prepared once for every check."""

    subject: Subject

    @cached_property
    def fields(self) -> list[TextField]:
        return text_fields(self.subject.components, self.subject.suggestions)

    @cached_property
    def visible(self) -> str:
        return "\n".join(field.text for field in self.fields if field.kind in _VISIBLE)

    @cached_property
    def prose(self) -> str:
        """The visible text without placeholders and links: what style and language are judged on."""
        prose = PLACEHOLDER.sub(" ", self.visible)
        for link in links(prose):
            prose = prose.replace(link.text, " ")
        return prose

    @cached_property
    def everything(self) -> str:
        """Visible text plus suggestion labels and postbacks (where an opt-out reply may sit)."""
        return "\n".join(field.text for field in self.fields if field.kind not in ("url", "media"))

    @cached_property
    def folded(self) -> str:
        return fold(self.everything)

    @cached_property
    def views(self) -> tuple[str, str]:
        """The folded text as written and with look-alike spelling undone (`c@sino` -> `casino`)."""
        return self.folded, deobfuscate(self.folded)

    @cached_property
    def sentences(self) -> list[list[str]]:
        return [words(part) for part in _SENTENCE.split(self.folded) if part.strip()]

    def find(self, terms: Sequence[str]) -> str | None:
        """The first of `terms` in either view of the text."""
        return next((term for view in self.views if (term := find_term(view, terms)) is not None), None)

    def search(self, pattern: re.Pattern[str]) -> str | None:
        """What `pattern` matches in either view of the text."""
        return next((match.group(0) for view in self.views if (match := pattern.search(view))), None)


Check = Callable[[_Text], Iterator[Finding]]


def _finding(code: str, severity: Severity, message: str, hint: str) -> Finding:
    return Finding(code, severity, message, hint)


# Category ------------------------------------------------------------------------------------
def _offer(text: _Text) -> str | None:
    code = _PROMO_CODE.search(text.everything)  # on the text as written: the code is in capitals
    if code:
        return code.group(0)
    return text.search(_PERCENT_OFF) or text.search(_MONEY_OFF) or text.find(lexicon.OFFERS)


def category_checks(text: _Text) -> Iterator[Finding]:
    category = text.subject.category
    offer = _offer(text)
    has_code_placeholder = any(PLACEHOLDER.search(field.text) for field in text.fields if field.kind in _VISIBLE)
    if category == "otp":
        if offer:
            yield _finding("category.offer_in_otp", "block",
                           f"An OTP template carries a promotion (\u201c{offer}\u201d).",
                           "Keep OTP templates to the code and its use; send offers as a promotional template.")
        if not has_code_placeholder:
            yield _finding("category.otp_without_code", "block",
                           "An OTP template has no placeholder for the code.",
                           "Put the code in the text as a placeholder, e.g. \u201cYour code is {{1}}\u201d.")
    elif category == "transactional":
        if offer:
            yield _finding("category.promotion_in_transactional", "review",
                           f"A transactional template carries a promotion (\u201c{offer}\u201d).",
                           "Remove the offer, or submit the template as promotional.")
        otp = text.find(lexicon.OTP_WORDS)
        if otp and has_code_placeholder:
            yield _finding("category.otp_in_transactional", "warn",
                           f"A transactional template looks like a one-time code (\u201c{otp}\u201d).",
                           "Submit one-time codes as OTP templates.")
    elif category == "promotional":
        otp = text.find(lexicon.OTP_WORDS)
        if otp:
            yield _finding("category.otp_in_promotional", "review",
                           f"A promotional template mentions a one-time code (\u201c{otp}\u201d).",
                           "Send codes as OTP templates; promotions carry no codes.")
        if not text.find(lexicon.OPT_OUT):
            yield _finding("category.no_opt_out", "review",
                           "A promotional template gives no way to opt out.",
                           "Add an opt-out such as \u201cReply STOP to unsubscribe\u201d or a STOP reply suggestion.")


# Content ---------------------------------------------------------------------------------------
def prohibited_checks(text: _Text) -> Iterator[Finding]:
    for topic, (what, terms) in lexicon.PROHIBITED.items():
        term = text.find(terms)
        if term:
            yield _finding(f"prohibited.{topic}", "block",
                           f"Mentions {what} (\u201c{term}\u201d), which RCS does not allow.",
                           f"Remove the {what}; RBM and carriers refuse it in business messages.")


def regulated_checks(text: _Text) -> Iterator[Finding]:
    """Alcohol and tobacco matter in advertising: a promotion needs a human (alcohol without an
    age notice); an order update from a wine shop is only a note."""
    advertises = text.subject.category == "promotional"
    alcohol = text.find(lexicon.ALCOHOL)
    if alcohol:
        if text.find(lexicon.AGE_GATE) or not advertises:
            yield _finding("regulated.alcohol", "warn",
                           f"Mentions alcohol (\u201c{alcohol}\u201d); send it only to adults.",
                           "Promotions of alcohol need an age notice such as \u201c21+ only\u201d.")
        else:
            yield _finding("regulated.alcohol", "review",
                           f"Advertises alcohol (\u201c{alcohol}\u201d) without an age notice.",
                           "Add an age notice such as \u201c21+ only, drink responsibly\u201d.")
    tobacco = text.find(lexicon.TOBACCO)
    if tobacco:
        yield _finding("regulated.tobacco", "review" if advertises else "warn",
                       f"Mentions tobacco or nicotine (\u201c{tobacco}\u201d), which is regulated.",
                       "Tobacco advertising is restricted in most markets; a reviewer checks the audience.")
    promise = text.find(lexicon.FINANCIAL_PROMISES) or text.search(_INCOME)
    if promise:
        yield _finding("regulated.financial_promise", "review",
                       f"Makes a financial promise (\u201c{promise}\u201d).",
                       "Avoid promising returns or approvals; state terms and the regulated lender.")


def _secret_in(window: list[str]) -> str | None:
    """A secret named in `window`, unless the template gives it itself ("share OTP {{1}} with the
    agent") or it is a postal PIN code."""
    joined = " ".join(window)
    secret = find_term(joined, lexicon.SECRETS)
    if secret is None:
        return None
    after = joined[joined.find(secret) + len(secret):].split()
    if after and (after[0] == "{{n}}" or (secret == "pin" and after[0] in ("code", "कोड"))):
        return None
    return secret


def _requested_secret(sentence: list[str]) -> tuple[str, str] | None:
    """(verb, secret) where the sentence asks for a secret without negating the request."""
    for at, verb in enumerate(sentence):
        asks: list[tuple[list[str], list[str]]] = []
        if verb in lexicon.VERBS_FIRST:  # "never share your PIN": the negation comes before
            asks.append((sentence[at + 1:at + 8], sentence[max(0, at - 4):at]))
        if verb in lexicon.VERBS_LAST:  # "पिन किसी को न बताएं": the negation sits next to the verb
            asks.append((sentence[max(0, at - 5):at], sentence[max(0, at - 3):at + 3]))
        for window, nearby in asks:
            secret = _secret_in(window)
            if secret and not any(word in lexicon.NEGATIONS for word in nearby):
                return verb, secret
    return None


def phishing_checks(text: _Text) -> Iterator[Finding]:
    for sentence in text.sentences:
        request = _requested_secret(sentence)
        if request:
            verb, secret = request
            yield _finding("phishing.credentials", "block",
                           f"Asks the recipient to share a secret (\u201c{verb} \u2026 {secret}\u201d).",
                           "Never ask for PINs, passwords, card numbers or codes; say you will never ask.")
            break
    fee = text.search(_FEE_TO_RELEASE)
    if fee:
        yield _finding("phishing.fee_request", "review",
                       f"Asks for a payment to release or receive something (\u201c{fee}\u201d).",
                       "Advance-fee requests are a common scam; a reviewer checks the sender and the link.")
    threat = text.find(lexicon.ACCOUNT_THREATS)
    if threat and (text.find(lexicon.CALLS_TO_ACT) or any(_links(text))):
        yield _finding("phishing.account_threat", "review",
                       f"Threatens an account action and asks the recipient to act (\u201c{threat}\u201d).",
                       "Account warnings with a link are a common phishing pattern; a reviewer checks it.")


# Links -----------------------------------------------------------------------------------------
def _links(text: _Text) -> Iterator[tuple[TextField, str, str, str]]:
    """(field, link as written, host, scheme); a link field that starts with a placeholder has no host."""
    for field in text.fields:
        if field.kind in ("url", "media") and field.text.startswith("{{"):
            yield field, field.text, "", ""
            continue
        for link in links(field.text):
            yield field, link.text, link.host, link.scheme


def _impersonated(host: str) -> str | None:
    """The brand a host imitates with look-alike spelling (`netf1ix` -> netflix), if any."""
    undone = host.translate(_HOST_LEET)
    if undone == host:
        return None
    return next((brand for brand in lexicon.IMPERSONATED_BRANDS if brand in undone and brand not in host), None)


def link_checks(text: _Text) -> Iterator[Finding]:
    reported: set[str] = set()

    def once(code: str, severity: Severity, message: str, hint: str) -> Iterator[Finding]:
        if code not in reported:
            reported.add(code)
            yield _finding(code, severity, message, hint)

    for field, raw, host, scheme in _links(text):
        if not host:
            yield from once("link.variable_domain", "warn",
                            f"The link at {field.path} is entirely a placeholder, so its site is unknown.",
                            "Fix the domain and put the placeholder in the path: https://example.com/t/{{1}}.")
        elif is_ip(host):
            yield from once("link.raw_ip", "block",
                            f"Links to a bare IP address ({raw}).",
                            "Link to your own domain over https; bare IP links are a phishing hallmark.")
        elif host in lexicon.SHORTENERS or host.removeprefix("www.") in lexicon.SHORTENERS:
            yield from once("link.shortener", "review",
                            f"Uses a public URL shortener ({host}).",
                            "Use the full link on your own domain; carriers filter public shorteners.")
        elif (brand := _impersonated(host)) is not None:
            yield from once("link.lookalike", "block",
                            f"Links to a look-alike of {brand} ({host}).",
                            "Link only to your own domain; look-alike domains are phishing.")
        elif host.startswith("xn--") or ".xn--" in host:
            yield from once("link.punycode", "review",
                            f"Links to an internationalised domain ({host}) that may imitate another.",
                            "Use your plain brand domain.")
        elif scheme == "http":
            yield from once("link.insecure", "warn",
                            f"Links over plain http ({raw}).", "Use https.")


# Placeholders ----------------------------------------------------------------------------------
def placeholder_checks(text: _Text) -> Iterator[Finding]:
    visible = [field for field in text.fields if field.kind in _VISIBLE]
    count = sum(len(PLACEHOLDER.findall(field.text)) for field in visible)
    if not count:
        return
    fixed = [word for field in visible for word in words(fold(field.text)) if word != "{{n}}"]
    if not fixed:
        yield _finding("placeholder.only", "block",
                       "The text is nothing but placeholders, so the message could say anything.",
                       "Write the fixed text of the message and keep placeholders for the parts that vary.")
        return
    if count * 2 > len(fixed):
        yield _finding("placeholder.dominant", "review",
                       f"Placeholders make up most of the text ({count} placeholders, {len(fixed)} fixed words).",
                       "Add fixed text around the placeholders so a reviewer can see what will be sent.")
    for field in visible:
        if field.kind in _BODY:
            trimmed = field.text.strip(_EDGE_TRIM)
            if trimmed.startswith("{{") or trimmed.endswith("}}"):
                yield _finding("placeholder.edge", "warn",
                               f"The text at {field.path} starts or ends with a placeholder.",
                               "Put fixed words before and after placeholders.")
                break
    for field in visible:
        if _ADJACENT.search(field.text):
            yield _finding("placeholder.adjacent", "warn",
                           f"Two placeholders stand next to each other at {field.path}.",
                           "Separate placeholders with fixed words.")
            break


# Style and language ----------------------------------------------------------------------------
def style_checks(text: _Text) -> Iterator[Finding]:
    cased = [ch for ch in text.prose if ch.isupper() or ch.islower()]
    if len(cased) >= 12 and sum(ch.isupper() for ch in cased) / len(cased) > 0.7:
        yield _finding("style.all_caps", "warn", "The text is written in capitals (shouting).",
                       "Write in sentence case; keep capitals for names and short codes.")
    run = _SHOUTING_RUN.search(text.prose)
    if run:
        yield _finding("style.exclamations", "warn", f"The text shouts with runs of punctuation ({run.group(0)}).",
                       "Use one exclamation mark at most.")


def language_checks(text: _Text) -> Iterator[Finding]:
    script = expected_script(text.subject.language)
    if script is None or not known_script(script):
        return
    share, letters = script_share(text.prose, script)
    if letters >= 12 and share < 0.5:
        yield _finding("language.script_mismatch", "review",
                       f"The text is mostly not in the script of {text.subject.language} ({script}).",
                       "Declare the language the text is written in (for Hindi in Latin letters: hi-Latn).")
        return
    declared = text.subject.language.replace("_", "-").split("-")[0].lower()
    if declared not in lexicon.STOPWORDS:
        return
    tokens = words(fold(text.prose))
    hits = {language: sum(token in stopwords for token in tokens)
            for language, stopwords in lexicon.STOPWORDS.items()}
    top = max(hits, key=lambda language: hits[language])
    if top != declared and hits[top] >= 3 and hits[declared] * 2 < hits[top]:
        yield _finding("language.mismatch", "review",
                       f"The text reads as {top}, but the template is declared as {text.subject.language}.",
                       "Declare the language the text is written in.")


CHECKS: tuple[Check, ...] = (
    prohibited_checks, phishing_checks, link_checks, category_checks, regulated_checks,
    placeholder_checks, style_checks, language_checks,
)


class RulesReviewer:
    """Explainable policy rules; the first reviewer, and the only one when the LLM is off."""

    name = "rules"

    def __init__(self, checks: Sequence[Check] = CHECKS) -> None:
        self.checks = tuple(checks)

    def review(self, subject: Subject) -> Review:
        text = _Text(subject)
        return Review(self.name, tuple(finding for check in self.checks for finding in check(text)))
