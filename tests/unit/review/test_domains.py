"""Links in text and the registrable domain of their hosts, from the bundled public-suffix list."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from chalicelib.services.review import domains


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the review must not touch the network")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    yield


@pytest.mark.parametrize(("host", "domain"), [
    ("www.onlinesbi.sbi", "onlinesbi.sbi"),
    ("secure.sbi.co.in", "sbi.co.in"),
    ("dhl.com-track.info", "com-track.info"),
    ("www.gov.uk", "www.gov.uk"),            # under a public suffix that is also a site
    ("a.b.c.example.com.br", "example.com.br"),
    ("185.23.44.10", ""),
])
def test_the_registrable_domain_comes_from_the_bundled_public_suffix_list(host: str, domain: str,
                                                                           no_network: None) -> None:
    domains.registrable.cache_clear()
    domains._extractor.cache_clear()
    assert domains.registrable(host) == domain


def test_links_are_found_with_a_scheme_with_www_as_bare_hosts_and_as_bare_ips() -> None:
    found = domains.links("Pay at dhl.com-track.info/pay or www.shop.example.com, or https://1.2.3.4/a now.")
    assert [(link.host, link.scheme) for link in found] == [
        ("www.shop.example.com", ""), ("1.2.3.4", "https"), ("dhl.com-track.info", "")]


@pytest.mark.parametrize("text", ["See the file report.pdf", "e.g. next week", "version 1.2.3 is out", "Mr.Smith"])
def test_words_with_dots_are_not_links(text: str) -> None:
    assert domains.links(text) == []


def test_an_internationalised_host_is_shown_as_a_person_reads_it() -> None:
    assert domains.unicode_host("xn--pypal-4ve.com") == "p\u0430ypal.com"


def test_a_link_ends_at_a_bracket_it_did_not_open_or_at_cjk_punctuation() -> None:
    assert [link.host for link in domains.links("납부는 홈페이지(www.ex.co.kr)에서 가능합니다")] == ["www.ex.co.kr"]
    japanese = domains.links("詳細は https://www.jreast.co.jp/info」をご覧ください")
    assert [link.host for link in japanese] == ["www.jreast.co.jp"]
    found = domains.links("see https://en.wikipedia.org/wiki/Mercury_(planet)")
    assert [link.text for link in found] == ["https://en.wikipedia.org/wiki/Mercury_(planet"]  # a closing ) is trimmed


def test_where_a_redirector_forwards_to_is_a_link_too() -> None:
    found = domains.links("https://www.google.com/url?q=https://bkash-eid-cashback.xyz/login&sa=D and "
                          "https://l.facebook.com/l.php?u=https%3A%2F%2Fpaypa1-help.net%2Fx&h=AT0")
    assert [link.host for link in found] == ["www.google.com", "bkash-eid-cashback.xyz",
                                             "l.facebook.com", "paypa1-help.net"]


def test_a_query_value_that_is_no_address_is_no_link() -> None:
    assert [link.host for link in domains.links("https://shop.example.com/search?q=red+shoes&to=cart")] == [
        "shop.example.com"]
