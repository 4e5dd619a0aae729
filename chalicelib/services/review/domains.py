"""Links in text, their hosts, and the registrable domain of a host (through `tldextract` with its
bundled public-suffix snapshot: no network at run time)."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import parse_qsl, urlsplit

import idna
import tldextract

URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
_BARE_HOST = re.compile(
    r"(?<![\w@.])(?:[\w](?:[\w-]{0,61}[\w])?\.)+(?:[a-z]{2,24}|xn--[a-z0-9-]+)(?:/[^\s<>\"']*)?(?=[\s,;!?)]|$|\.(?:\s|$))",
    re.IGNORECASE)
_BARE_IP = re.compile(r"(?<![\w.])(\d{1,3}(?:\.\d{1,3}){3})(?::\d{1,5})?(?=[/:\s]|$)")
_FILE_LIKE = re.compile(r"\.(?:jpe?g|png|gif|pdf|docx?|xlsx?|mp4|webp|html?)$", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    text: str
    host: str
    scheme: str


@cache
def _extractor() -> tldextract.TLDExtract:
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def links(text: str) -> list[Link]:
    """Links written in `text`: with a scheme, starting `www.`, a bare host name, or a bare IP."""
    found: list[Link] = []
    spans: list[tuple[int, int]] = []
    for pattern in (URL, _BARE_HOST):
        for match in pattern.finditer(text):
            if any(start <= match.start() < end for start, end in spans):
                continue
            raw = _closed(match.group(0)).rstrip(".,;:!?)")
            parsed = urlsplit(raw if "://" in raw else f"//{raw}")
            host = (parsed.hostname or "").lower()
            if pattern is _BARE_HOST and (not registrable(host) or _FILE_LIKE.search(host)):
                continue  # "e.g", "file.pdf", "v1.2": not a host on a public suffix
            spans.append(match.span())
            found.append(Link(raw, host, parsed.scheme.lower()))
            found += _forwarded(parsed.query)
    for match in _BARE_IP.finditer(text):
        if not any(start <= match.start() < end for start, end in spans):
            found.append(Link(match.group(0), match.group(1), ""))
    return found


_FORWARD_KEYS = frozenset({"q", "u", "url", "link", "target", "dest", "destination", "redirect", "redirect_url",
                           "redirect_uri", "next", "to", "continue", "goto", "out"})


def _forwarded(query: str) -> list[Link]:
    """The address a redirector forwards to (`google.com/url?q=https://…`, `l.facebook.com/l.php?u=…`):
    where the reader lands is a link of the template too."""
    return [link for key, value in parse_qsl(query) if key.lower() in _FORWARD_KEYS and URL.match(value)
            for link in links(value)]


# CJK closing brackets and punctuation, and a closing guillemet: no link holds them unencoded
_CLOSERS = "\uff09\u300d\u3011\u300b\u00bb\u3001\u3002\uff0c"


def _closed(raw: str) -> str:
    """The link up to a bracket it did not open (`(www.ex.co.kr)에서`: the sentence goes on after it)
    or CJK punctuation, which no link holds unencoded."""
    depth = 0
    for at, ch in enumerate(raw):
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                return raw[:at]
            depth -= 1
        elif ch in _CLOSERS:
            return raw[:at]
    return raw


def is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def unicode_host(host: str) -> str:
    """`xn--pypal-4ve.com` -> `paypal.com` with a Cyrillic a (as a person would read it)."""
    try:
        return idna.decode(host)
    except (idna.IDNAError, UnicodeError, ValueError):
        return host


@cache
def registrable(host: str) -> str:
    """The registrable domain (eTLD+1) of a host, `` for an IP or a host on no public suffix."""
    if not host or is_ip(host):
        return ""
    parts = _extractor()(host)
    return str(parts.top_domain_under_public_suffix or "")


def label_of(domain: str) -> str:
    """The part of a registrable domain its owner chose: `sbi.co.in` -> `sbi`."""
    return str(_extractor()(domain).domain)


def suffix_of(host: str) -> str:
    """The public suffix of a host: `a.b.co.uk` -> `co.uk`."""
    return str(_extractor()(host).suffix)
