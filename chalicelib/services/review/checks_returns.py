"""Money promised: returns no honest offer guarantees ("5% daily", "guaranteed 40% returns", "earn
5000 rupees a day"), told apart from the pay a job offers, which is no fee asked for."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from chalicelib.services.review.data_files import vocabulary
from chalicelib.services.review.model import Finding
from chalicelib.services.review.normalize import fold
from chalicelib.services.review.policy import finding
from chalicelib.services.review.signals import Signals, Spot
from chalicelib.services.review.terms import TermSet

# "make 5000 rupees daily", "ganhe R$ 300 por dia": an amount earned per day or week
_PER_DAY = re.compile(r"\b(?:earn|make|kamao|kamaye|kamaiye|gana|ganar|ganhe|ganhar|gagnez|verdienen|verdiene|"
                      r"guadagna|guadagni|guadagnare|guadagnerai)\b"
                      r"[^.!?\n]{0,40}?\d[^.!?\n]{0,40}?\b(?:daily|a day|per day|every day|a week|per week|weekly|"
                      r"al dia|por dia|diarios|rozana|roz|par jour|pro tag|al giorno|/\s?day|/\s?week|/\s?wk)\b")

def salary(signals: Signals, spot: Spot) -> bool:
    """"Pay ₹18,000-22,000/month": the pay a job offers, an amount for a period, not a payment asked for."""
    after = signals.plain.text[spot.at + len(spot.term):spot.at + len(spot.term) + 40]
    if _SALARY_AMOUNT.match(after) and any(period.search(after) for period in (_PER_DAY_WORD, _PER_MONTH_WORD,
                                                                              _PAY_PERIOD)):
        return True
    # "Gaji RM9 sejam, dibayar setiap minggu": the wage, named before the word for paying it
    before = signals.plain.text[signals.plain.field_start(spot.at):spot.at]
    return bool(_WAGE.search(_sentence_at(before, len(before))))


def _alternation(name: str) -> str:
    """The words of a vocabulary list as one regex alternation, longest first; Latin words only
    as whole words (`a day`, not `a daylight`)."""
    words = sorted({fold(word) for word in vocabulary(name)}, key=len, reverse=True)
    return "|".join(rf"(?<![a-z]){re.escape(word)}(?![a-z])" if word.isascii() else re.escape(word) for word in words)


# "5%", "5٪", and a range ("20 to 25%", with a hyphen or a dash) read as one rate
_RATE = re.compile(r"(?:\d+(?:[.,]\d+)?\s?(?:-|\u2013|\u2014|~|to|a|se)\s?)?\d+(?:[.,]\d+)?\s?[%\u066a]")
_PER_DAY_WORD = re.compile(_alternation("per_day_words"))
_PER_MONTH_WORD = re.compile(_alternation("per_month_words"))
_SURE = re.compile(_alternation("sure_words"))
_WAGE = re.compile(_alternation("salary_words"))
_CLAUSE_END = re.compile(r"[.!?\n\d%\u066a]")
_SALARY_AMOUNT = re.compile(r"\s*(?:is|of|:|-)?\s*(?:up to\s*)?\S?\s?\d")
_PAY_PERIOD = re.compile(r"/\s?(?:month|mo|hr|hour)\b|per hour|an hour|a month")
_SENTENCE_END = re.compile(r"[.!?\n]")


def _rate_per(period: re.Pattern[str], text: str) -> re.Match[str] | None:
    """A percentage with a word for the period at most 24 characters after it, or 10 before it, in
    the same clause ("5% daily", "5٪ يوميًا", "하루 3%")."""
    for rate in _RATE.finditer(text):
        after = text[rate.end():rate.end() + 24]
        cut = _CLAUSE_END.search(after)
        before = text[max(0, rate.start() - 10):rate.start()]
        if period.search(after[:cut.start()] if cut else after) or \
                period.search(re.split(r"[.!?\n\d]", before)[-1]):
            return rate
    return None


# A rate no savings account pays: 15 % and more.
_HIGH_RATE = re.compile(r"(?<![\d.,])(?:1[5-9]|[2-9]\d|\d{3,})(?:[.,]\d+)?\s?%")


@cache
def _returns() -> TermSet:
    return TermSet(vocabulary("return_words"))


def _sentence_at(text: str, position: int) -> str:
    start = max(text.rfind(mark, 0, position) for mark in ".!?\n") + 1
    end = _SENTENCE_END.search(text, position)
    return text[start:end.start() if end else len(text)]


def promise_checks(signals: Signals) -> Iterator[Finding]:
    denied = signals.sentences("never")  # "rewards are not guaranteed"
    warned = denied | signals.sentences("scammers")  # "scammers promise to double your money"
    # "earn up to 6.1% AER ... rewards are variable and not guaranteed" states a rate, promises nothing
    hedged = any((sure.path, sure.sentence) in denied for sure in signals.concepts["guarantee"])
    spot = next((spot for spot in signals.concepts["income_promise"] if (spot.path, spot.sentence) not in warned
                 and not (hedged and any(
        rate.path == spot.path and 0 <= rate.at - spot.at <= 12 + len(spot.term) for rate in signals.percents))), None)
    if spot is not None and not signals.has("gambling"):  # a "risk-free first bet" is the bookmaker's offer
        yield finding("guaranteed_returns", signals.market, spot.path, spot.term)
        return
    # "₹5,000 a day guaranteed" in a job offer, "a guaranteed 90% monthly" in a trading pitch: the
    # guarantee stands right by the amount (not "guaranteed staff discount ... $18/hr")
    amounts = [*signals.money, *(signals.percents if signals.has("speculative") else [])] \
        if signals.has("job", "speculative") else []
    if next(_returns().finditer(signals.plain.text), None) is not None:
        amounts += [rate for rate in signals.percents if _HIGH_RATE.search(rate.term)]  # "guaranteed 40% returns"
    sure = next((spot for spot in signals.concepts["guarantee"] if not spot.disguised
                 and (spot.path, spot.sentence) not in denied and any(
        amount.path == spot.path and abs(amount.at - spot.at) <= 16 + len(spot.term) for amount in amounts)), None)
    if sure is not None:
        yield finding("guaranteed_returns", signals.market, sure.path, sure.term)
        return
    earned = _PER_DAY.search(signals.plain.text)
    if earned is not None:
        yield finding("guaranteed_returns", signals.market, signals.plain.where(earned.start())[0], earned.group(0))
        return
    text = signals.plain.text
    if signals.has("gambling", "lending") or next(_returns().finditer(text), None) is None:
        return
    rate = _rate_per(_PER_DAY_WORD, text)
    monthly = _rate_per(_PER_MONTH_WORD, text) if rate is None else None
    if monthly is not None and _SURE.search(_sentence_at(text, monthly.start())):
        rate = monthly  # "a fixed 12% return every month"
    if rate is not None:
        yield finding("guaranteed_returns", signals.market, signals.plain.where(rate.start())[0], rate.group(0))
