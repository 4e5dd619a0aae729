"""Which language a text is in (py3langid, whose model ships with it), whether the reviewer reads
it, and whether it matches the language the template declares."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

import langcodes
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from chalicelib.services.review.lexicon import languages

# Languages the identifier confuses with each other on short texts: one stands for the others.
_KIN = [{"es", "gl", "ca", "an", "ext", "oc"}, {"pt", "gl"}, {"id", "ms", "jv", "ace", "su"},
        {"hi", "mr", "ne", "sa", "gom"}, {"ru", "uk", "bg", "mk", "sr", "be", "kk", "ky", "tg"},
        {"zh", "wuu", "yue", "ja"}, {"en", "pcm", "sco"}, {"tl", "bcl"}, {"ar", "ary", "arz", "fa", "ur", "ps"},
        {"it", "vec", "lij", "la"}, {"fr", "wa", "oc"}, {"nl", "af", "fy", "li"}, {"sw", "rw", "sn"}]
_SCRIPTS = {"Latn": ("LATIN",), "Deva": ("DEVANAGARI",), "Beng": ("BENGALI",), "Taml": ("TAMIL",),
            "Telu": ("TELUGU",), "Arab": ("ARABIC",), "Cyrl": ("CYRILLIC",), "Thai": ("THAI",),
            "Hang": ("HANGUL",), "Kore": ("HANGUL", "CJK"), "Hans": ("CJK",), "Hant": ("CJK",),
            "Jpan": ("CJK", "HIRAGANA", "KATAKANA")}
MIN_LETTERS = 12
# Kin that share a script yet are separate languages: told apart by the identifier limited to them.
_SIBLINGS = ({"hi", "mr", "ne"},)


@dataclass(frozen=True)
class Reading:
    declared: str           # the lexicon code of the declared language ("es", "hi-Latn")
    detected: str           # the identifier's best guess ("" when the text is too short)
    confidence: float
    candidates: tuple[str, ...]  # languages whose lexicons apply
    covered: bool           # the reviewer reads the text
    mismatch: bool          # the text is confidently not in the declared language
    english: bool = True    # the text may be English (or English words carry it)


@cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@cache
def _sibling_identifier(group: frozenset[str]) -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(sorted(group))
    return identifier


def _sibling(prose: str, declared: str) -> str:
    """The sibling of `declared` that the text is confidently written in, or ""."""
    for group in _SIBLINGS:
        if declared in group:
            best, confidence = _sibling_identifier(frozenset(group)).rank(prose)[0]
            return best if best != declared and confidence >= 0.9 else ""
    return ""


def _kin(a: str, b: str) -> bool:
    return a == b or any(a in group and b in group for group in _KIN)


def _script(tag: str) -> str:
    try:
        return str(langcodes.Language.get(tag.replace("_", "-")).maximize().script or "")
    except (ValueError, LookupError):
        return ""


def script_share(text: str, script: str) -> tuple[float, int]:
    """The share of `text`'s letters written in `script`, and how many letters there are."""
    names = _SCRIPTS.get(script)
    counts: dict[str, int] = {}
    for ch in text:
        if unicodedata.category(ch)[0] in ("L", "M"):
            name = unicodedata.name(ch, "").split(" ")[0]
            counts[name] = counts.get(name, 0) + 1
    total = sum(counts.values())
    if names is None or total == 0:
        return 1.0, total
    return sum(counts.get(name, 0) for name in names) / total, total


def _south_asian(tag: str) -> bool:
    return any(part.upper() in ("IN", "PK", "BD", "NP") for part in tag.replace("_", "-").split("-")[1:])


def declared_code(tag: str) -> str:
    primary = tag.replace("_", "-").split("-")[0].lower()
    primary = {"fil": "tl", "in": "id", "iw": "he", "zsm": "ms", "cmn": "zh", "yue": "zh"}.get(primary, primary)
    if primary in ("hi", "ur") and _script(tag) == "Latn":
        return "hi-Latn"
    return primary


def read(prose: str, tag: str) -> Reading:
    declared = declared_code(tag)
    script = _script(tag)
    share, letters = script_share(prose, script)
    wrong_script = letters >= MIN_LETTERS and share < 0.5 and script not in ("", "Latn")
    latin = script_share(prose, "Latn")[0] > 0.8
    hinglish = declared == "hi" and wrong_script and latin
    if hinglish:
        declared = "hi-Latn"  # Hindi in Latin letters declared as Hindi: Hindi as India types it
    if letters < MIN_LETTERS:
        ok = declared in languages()
        return Reading(declared, "", 0.0, (declared, "en") if ok else ("en",), ok, False,
                       declared in ("en", "hi-Latn") or script not in ("", "Latn"))
    ranks = _identifier().rank(prose)[:3]
    detected, confidence = ranks[0]
    if hinglish and not (detected == "en" and confidence >= 0.9):
        wrong_script = False  # but English declared as Hindi is in neither
    if wrong_script and confidence >= 0.9 and _kin(detected, declared):
        wrong_script = False  # its own script beside English words ("మీ auto pickup point కి")
    candidates = [declared] + [lang for lang, p in ranks if p >= 0.1]
    if declared == "hi-Latn" or (declared in ("en", "ur") and _south_asian(tag) and latin):
        # Roman Urdu shares Hinglish's words: read with them, though its tag stays a mismatch
        candidates.append("hi-Latn")
    readable = [lang for lang in dict.fromkeys([*candidates, "en"]) if lang in languages()]
    own_script = script not in ("", "Latn") and share >= 0.5
    declared_seen = any(_kin(lang, declared) and p >= 0.05 for lang, p in ranks)
    # a language the identifier does not know (Cebuano) reads to it as its nearest neighbour (Tagalog):
    # the account's word for it stands, and the neighbour's lexicon is no reading of it
    unknown = declared not in languages() and declared not in _identifier().nb_classes
    covered = (declared in languages() and (declared_seen or own_script or declared == "hi-Latn")) \
        or (detected in languages() and confidence >= 0.6 and not unknown)
    sibling = _sibling(prose, declared) if own_script and letters >= 25 else ""
    if sibling:
        declared_seen = False
    mismatch = wrong_script or bool(sibling) or (
        letters >= 25 and confidence >= 0.9 and detected in languages() and declared in languages()
        and declared != "hi-Latn" and not _kin(detected, declared) and not declared_seen)
    english = declared in ("en", "hi-Latn") or any(lang == "en" and p >= 0.05 for lang, p in ranks) \
        or script_share(prose, "Latn")[0] < 0.5  # English words inside another script stand out
    return Reading(declared, detected, round(confidence, 3), tuple(readable), covered, mismatch, english)
