"""What a template sells or says: prohibited goods and words, restricted categories (per market),
and spelling disguised to get past these checks."""

from __future__ import annotations

import re
from collections.abc import Iterator

from chalicelib.services.review.data_files import vocabulary
from chalicelib.services.review.model import Finding
from chalicelib.services.review.normalize import fold, is_latin_letter, unmask
from chalicelib.services.review.policy import finding
from chalicelib.services.review.signals import Signals, Spot, places

PROHIBITED = {"drugs": "illegal_drugs", "weapons": "weapons", "sexual": "sexual_content", "hate": "hate"}
RESTRICTED = {"alcohol": "alcohol", "tobacco": "tobacco", "cannabis": "cannabis", "gambling": "gambling",
              "pharmacy": "pharmacy", "lending": "high_risk_lending", "speculative": "speculative_finance",
              "dating": "dating", "politics": "politics"}
# Concepts whose disguise is itself a sign of bad faith.
_GUARDED = ("secret", "fee", "prize", "threat", "verify_action", "income_promise", *PROHIBITED, *RESTRICTED)
# Invisible characters inside a word: a zero-width space anywhere; a zero-width (non-)joiner only
# between Latin letters (Persian, Indic scripts and emoji use them properly).
_HIDDEN_IN_WORD = re.compile(r"[^\W\d_][\u00ad\u200b\u2060\ufeff]+[^\W\d_]|[A-Za-z][\u200c\u200d]+[A-Za-z]")
# A name spelled with a digit inside it (`N1KE`, `G4C0R`): at least three letters around it.
# Scripts written without spaces between words (CJK, kana, hangul, Thai, Lao, Khmer, Myanmar) and their
# punctuation, but not fullwidth Latin letters and digits.
_UNSPACED_SCRIPT = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3000-\u30ff\u3400-\u9fff\uac00-\ud7af"
                              r"\uf900-\ufaff\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uffef]+")
_DIGIT_FOR_LETTER = re.compile(r"(?<![\w@.])(?=(?:[0-9]*[A-Za-z]){3})[A-Za-z]+[013457@$][A-Za-z]+[A-Za-z0-9]*(?![\w.])")
# Three of the emoji dealers write their menus in, in one field, with a pill, a mushroom, a plug or a
# puff among them (or a covert way to order): a menu, not a mood (data/vocabulary.yaml).
_DRUG_EMOJI = frozenset(vocabulary("drug_emoji"))
_HARD_EMOJI = frozenset(vocabulary("hard_drug_emoji"))
_COVERT = re.compile(r"telegram|@\w{3,}|discre[te]|diskret|no names|sin nombres", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_VISIBLE = ("text", "title", "description", "label")


def prohibited_checks(signals: Signals) -> Iterator[Finding]:
    for concept, code in PROHIBITED.items():
        if concept == "weapons":
            spot = _weapon_offered(signals)
        else:
            spot = signals.first(concept) or (_excluded_group(signals) if concept == "hate" else None)
        if spot is not None:
            yield finding(code, signals.market, spot.path, spot.term)
    menu = next((field for field in signals.read if len(_DRUG_EMOJI.intersection(field.text)) >= 3
                 and (_HARD_EMOJI.intersection(field.text) or _COVERT.search(field.text))), None)
    if menu is not None and not signals.has("drugs"):
        yield finding("illegal_drugs", signals.market, menu.path, "".join(sorted(_DRUG_EMOJI.intersection(menu.text))))
    # "medicines are never sold without a valid prescription" says the opposite
    unprescribed = next(iter(signals.affirmed("no_prescription")), None)
    if unprescribed is not None and signals.has("pharmacy") and not signals.has("drugs"):
        yield finding("illegal_drugs", signals.market, unprescribed.path, unprescribed.term)


def _weapon_offered(signals: Signals) -> Spot | None:
    """A weapon named where it is sold: not in a sentence that denies it ("no firearms are sold
    here"), nor in a safety course or a licence class that sells nothing (no offer, no price)."""
    if signals.has("training") and not (signals.has("offer", "pay") or signals.money):
        return None
    # a priced course sells the course: a weapon named beside it ("firearms safety course") is its subject,
    # unless that sentence prices or offers something itself ("Glock 19s, $450, safety course included")
    courses = signals.sentences("training") - places(signals.money) - signals.sentences("offer", "pay")
    unsold = signals.sentences("never") | courses
    if signals.has("licence_check"):
        return None  # sold with the legal checks ("only against a valid firearms licence and photo ID")
    return next((spot for spot in signals.concepts["weapons"] if (spot.path, spot.sentence) not in unsold), None)


def _excluded_group(signals: Signals) -> Spot | None:
    """A flat, a job or a matchmaking service offered to some and refused to others by religion, caste, origin or
    nationality: a group named in the same sentence as an exclusion ("only for", "need not apply");
    or a group named with hostile words ("immigrants are ruining this town")."""
    hostile = signals.sentences("hostile")
    offered = signals.has("housing", "job", "dating")
    excluding = signals.sentences("exclude") if offered else set()
    shut_out = excluding | hostile
    named = next((spot for spot in signals.concepts["group"] if (spot.path, spot.sentence) in shut_out), None)
    # a requirement that is itself the exclusion ("British-born", "aged 21 to 30", "สัญชาติไทย")
    return named or (signals.first("criterion") if offered else None)


def restricted_checks(signals: Signals) -> Iterator[Finding]:
    # a verified brand quoting what fraudsters promise ("scammers offer guaranteed crypto income") or what it
    # never does ("we never ask you to move money to a crypto wallet") sells none of it
    warned = signals.sentences("scammers", "never") if signals.subject.verified_brands else set()
    named = False
    for concept, code in RESTRICTED.items():
        spot = next((spot for spot in signals.concepts[concept] if (spot.path, spot.sentence) not in warned), None)
        if spot is not None:
            named = True
            yield finding(code, signals.market, spot.path, spot.term)
    # a seller that refuses minors ("not sold to under-18s") sells an age-restricted product, even when it
    # names it only by flavour, region or brand; a job ad's age range is a hiring criterion instead
    gate = signals.first("age_gate")
    if gate is not None and not named and not signals.has("job"):
        yield finding("age_restricted", signals.market, gate.path, gate.term)


def disguise_checks(signals: Signals) -> Iterator[Finding]:
    disguised = next((spot for concept in _GUARDED for spot in signals.concepts[concept] if spot.disguised), None)
    disguised = disguised or next((spot for spot in signals.brands.values() if spot.disguised), None)
    if disguised is not None:
        yield finding("disguised_terms", signals.market, disguised.path, disguised.term)
        return
    for field in signals.read:
        if field.kind in _VISIBLE:
            mixed = next((word for word in field.text.split() if _look_alike_word(word)), None)
            digit = next((match.group(0) for match in _DIGIT_FOR_LETTER.finditer(_EMAIL.sub(" ", field.text))
                          if not _code(match.group(0))), None)
            if mixed or digit:
                yield finding("disguised_terms", signals.market, field.path, mixed or digit or "")
                return
        match = _HIDDEN_IN_WORD.search(field.text)
        if match:
            yield finding("disguised_terms", signals.market, field.path, match.group(0).encode("unicode_escape")
                          .decode("ascii"))
            return


def _code(word: str) -> bool:
    """A tracking number or a booking reference (`PQ4B7Z0911234560128001X`, `AB12CD`), not a word with
    a digit or two for letters (`v1agra`, `C1AL1S`)."""
    return sum(ch.isdigit() for ch in word) >= 3 or any(ch in "2689" for ch in word)  # not a disguise digit


def _look_alike_word(word: str) -> bool:
    """A Latin word with letters of another script that look like Latin ones (`N\u0456ke`). Chinese,
    Japanese or Thai run on without spaces: `3000mm` before Chinese text is a number beside a sentence."""
    return any(_look_alike_part(part) for part in _UNSPACED_SCRIPT.split(word))


def _look_alike_part(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    foreign = [ch for ch in letters if not is_latin_letter(ch)]
    return len(letters) - len(foreign) >= 2 and bool(foreign) and unmask(word) != fold(word)

