"""The brand registry: names in every script, official domains, and the hosts that imitate them."""

from __future__ import annotations

import pytest

from chalicelib.services.review.brands import Imitation, registry, verified_ids
from chalicelib.services.review.normalize import fold


def named(text: str) -> set[str]:
    return {brand for brand, _ in registry().named(fold(text), text)}


@pytest.mark.parametrize(("text", "brand"), [
    ("Your State Bank of India account", "sbi"),
    ("आपका भारतीय स्टेट बैंक खाता", "sbi"),
    ("Your parcel from India Post is on hold", "india_post"),
    ("PayPal: your account is limited", "paypal"),
])
def test_a_brand_is_named_by_any_of_its_names_in_any_script(text: str, brand: str) -> None:
    assert brand in named(text)


def test_a_name_that_is_also_an_ordinary_word_counts_only_as_written_by_the_brand() -> None:
    brands = registry()
    cased = next(brand for brand in brands.brands.values() if "Orange" in brand.cased_names)

    assert cased.id in named("Orange: votre facture est disponible")
    assert cased.id not in named("fresh orange juice for breakfast")


@pytest.mark.parametrize("host", ["www.sbi.co.in", "onlinesbi.sbi", "www.paypal.com", "www.gov.uk", "amazon.co.uk"])
def test_official_domains_belong_to_their_brand_and_imitate_nothing(host: str) -> None:
    assert registry().owner(host)
    assert registry().imitated(host) is None


@pytest.mark.parametrize(("host", "brand"), [
    ("paypa1.com", "paypal"),                       # a digit for a letter
    ("xn--pypal-4ve.com", "paypal"),                # a Cyrillic a, as an internationalised domain
    ("www.paypal.com.secure-login.info", "paypal"),  # the official domain dressed in another
    ("dhl.com-track.info", "dhl"),
    ("sbi-kyc-update.co", "sbi"),                   # the brand as one word of a hyphenated label
    ("secure.paypal-verify.net", "paypal"),
    ("amazon-refund.support", "amazon"),
    ("paypalsecure.com", "paypal"),                 # a long name glued to any word
    ("fedexdelivery.info", "fedex"),                # a short name glued to a lure word
    ("paypall.com", "paypal"),                      # a letter doubled
    ("amazom.com", "amazon"),                       # a letter swapped
    ("tse-biometria-agendamento.com", "tse_br"),     # a short name beside lure words of its own language
    ("correios-rastreio.com", "correios"),
])
def test_hosts_that_imitate_a_brand_are_named_for_it(host: str, brand: str) -> None:
    imitation = registry().imitated(host)
    assert imitation is not None and imitation.brand == brand


@pytest.mark.parametrize("host", ["shop.example.com", "www.lumiere-bijoux.fr", "tokobaju-anisa.co.id",
                                  "grab-deals.com", "power.example.com", "cdn.example.com",
                                  # a short brand label (Banco Inter's inter.co) glued to an ordinary word
                                  "www.interiordesign.com", "intercity.nl", "www.interrail.eu",
                                  # a letter added to make another name: Thai "shop dee", not Shopee
                                  "cdn.shopdee.co.th",
                                  # a council's site after `www.` (`www.cm` would be a Cameroonian domain)
                                  "www.cm-braga.pt",
                                  # a name that shares a generic word with a brand's (AliExpress)
                                  "img.babiexpress.ci"])
def test_ordinary_hosts_imitate_nothing(host: str) -> None:
    assert registry().imitated(host) is None


def test_an_account_verified_as_a_brand_is_known_by_its_name_or_its_id() -> None:
    assert verified_ids(["State Bank of India"]) == {"sbi"}
    assert verified_ids(["sbi"]) == {"sbi"}
    assert verified_ids(["Not A Registry Brand Ltd"]) == frozenset()
    assert verified_ids(["correos"]) == {"correos_es"}  # a name that counts in a text only capitalised


@pytest.mark.parametrize(("host", "dressed"), [
    ("auspost.com.au-redeliver.info", True),       # a whole domain worn as the start of another
    ("login.paypal.com-secure.net", True),
    ("shop.maison-lumiere.fr", False),             # `.maison` is a suffix, but nobody reads it as one
    ("my-shop.example.com", False),
    ("www.apostacerta.bet.br", False),             # `posta` inside a word is not Posta
])
def test_a_domain_dressed_as_the_start_of_another_is_a_look_alike(host: str, dressed: bool) -> None:
    assert (registry().imitated(host) is not None) is dressed


def test_an_agencys_site_under_its_government_suffix_is_its_own() -> None:
    assert "dgt" in registry().owner("sede.dgt.gob.es")
    assert registry().imitated("sede.dgt.gob.es") is None
    assert registry().imitated("sat-devoluciones.mx-gob.info") is not None


def test_each_courier_of_a_market_is_its_own_brand() -> None:
    # verified as Yamato is not verified as Sagawa: each has its own names and domain
    assert verified_ids(["yamato"]) == {"yamato"} == verified_ids(["ヤマト運輸"])
    assert named("佐川急便からのお知らせ") == {"sagawa"}
    assert registry().owner("www.sagawa-exp.co.jp") == {"sagawa"}


@pytest.mark.parametrize(("name", "brand"), [
    ("pkobp", "pko_bp"),        # the id without its underscore
    ("kbstar", "kb_kookmin"),   # the name of its official domain
    ("kbstar.com", "kb_kookmin"),  # its official domain
])
def test_an_account_is_verified_as_a_brand_by_its_id_name_or_official_domain(name: str, brand: str) -> None:
    assert verified_ids([name]) == {brand}


def test_a_domain_name_shared_by_many_brands_verifies_none_of_them() -> None:
    assert verified_ids(["bank"]) == frozenset()


def test_a_name_that_is_an_ordinary_word_counts_as_written_accents_and_all() -> None:
    # "über unser Formular" (via our form) names no Uber; "Über Uber" opens a sentence about it
    assert registry().as_word("uber", "uber", "de", "Melden Sie den Stand über unser Online-Formular")
    assert not registry().as_word("uber", "uber", "de", "Fahren Sie mit Uber zum Flughafen")
    assert not registry().as_word("uber", "uber", "en", "book an uber today")


def test_a_brands_ordinary_name_beside_a_lure_word_in_a_host_is_a_look_alike() -> None:
    assert registry().imitated("jio-recharge-offers.in") == Imitation(brand="jio")
    assert registry().imitated("jio-cafe.in") is None


def test_a_dressed_domain_outside_the_registry_is_named_as_the_domain_it_wears() -> None:
    assert registry().imitated("minhaloja.com.br-rastreio.info") == Imitation(domain="minhaloja.com.br")
