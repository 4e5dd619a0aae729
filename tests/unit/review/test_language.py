"""Uncertainty escalates: a text the reviewer cannot read, or one not in the language it declares,
never goes out without a human when it carries anything that could hurt."""

from __future__ import annotations

import pytest

from chalicelib.services.review import RulesReviewer, Subject, run_reviewers
from chalicelib.services.review.language import read


def review(body: str, language: str, category: str = "transactional") -> tuple[str, set[str]]:
    subject = Subject("t", category, language, {"type": "text", "text": body}, [], frozenset())
    result = run_reviewers(subject, [RulesReviewer()])
    return result.status, {finding.code for finding in result.findings}


HINDI = "आपका ऑर्डर कल तक पहुंच जाएगा। किसी भी सवाल के लिए हमारे स्टोर से संपर्क करें, धन्यवाद।"
MARATHI = "तुमची ऑर्डर उद्या पोहोचेल. काही प्रश्न असल्यास आमच्या दुकानाशी संपर्क साधा, धन्यवाद."


def test_hindi_declared_as_marathi_is_a_mismatch_though_the_two_share_a_script() -> None:
    assert read(HINDI, "mr_IN").mismatch
    assert review(HINDI, "mr_IN") == ("needs_admin", {"language_mismatch"})


@pytest.mark.parametrize(("body", "language"), [(HINDI, "hi_IN"), (MARATHI, "mr_IN")])
def test_each_sibling_declared_as_itself_is_read_and_approved(body: str, language: str) -> None:
    reading = read(body, language)
    assert reading.covered and not reading.mismatch
    assert review(body, language) == ("approved", set())


def test_a_text_in_another_language_than_declared_goes_to_a_human() -> None:
    body = "Su pedido ha sido enviado y llegará mañana por la tarde. Gracias por comprar con nosotros."
    assert review(body, "de_DE") == ("needs_admin", {"language_mismatch"})


def test_a_text_in_a_script_other_than_the_declared_languages_goes_to_a_human() -> None:
    body = "Ваш заказ отправлен и прибудет завтра во второй половине дня. Спасибо за покупку."
    assert review(body, "ja_JP")[1] == {"language_mismatch"}


# Georgian and Amharic: no lexicon reads them.
@pytest.mark.parametrize("body", [
    "თქვენი ანგარიში დაიბლოკა. გადაიხადეთ 25 ლარი ბმულზე https://pay-geo.example.net",
    "መለያዎ ታግዷል። ዛሬ ይክፈሉ፦ https://pay-et.example.net",
])
def test_an_unreadable_text_with_a_link_or_an_amount_goes_to_a_human(body: str) -> None:
    language = "ka_GE" if "ლ" in body else "am_ET"
    assert not read(body, language).covered
    status, codes = review(body, language)
    assert status == "needs_admin" and "language_uncovered" in codes


def test_an_unreadable_greeting_with_nothing_risky_in_it_is_approved() -> None:
    assert review("გილოცავთ ახალ წელს, გისურვებთ ბედნიერებას", "ka_GE")[0] == "approved"


# Cebuano: the identifier does not know it and reads it as Tagalog, whose lexicon does not read it.
CEBUANO = ("Maayong buntag! Andam na kuhaon ang imong motor sa among shop, nailisan na ang chain ug brake pads. "
           "Tawag lang sa 0917 555 0123 kung naa kay pangutana. Salamat kaayo!")


def test_a_language_the_identifier_does_not_know_is_not_read_as_its_neighbour() -> None:
    assert not read(CEBUANO, "ceb_PH").covered
    status, codes = review(CEBUANO, "ceb_PH")
    assert status == "needs_admin" and "language_uncovered" in codes


def test_the_same_text_declared_as_tagalog_is_read_as_tagalog() -> None:
    assert read(CEBUANO, "tl_PH").covered


def test_latin_letters_inside_japanese_are_read_as_their_own_word() -> None:
    body = "FXのコピートレード機能をリリースしました。元本は保証されません。配信停止はSTOPと返信してください。"
    subject = Subject("t", "promotional", "ja_JP", {"type": "text", "text": body}, [], frozenset())
    assert run_reviewers(subject, [RulesReviewer()]).status == "needs_admin"
    assert "speculative_finance" in {finding.code for finding in RulesReviewer().review(subject).findings}


def test_a_russian_term_matches_the_other_cases_of_its_noun() -> None:
    body = ("Онлайн-клиника: подбор терапии препаратами семаглутида, консультация врача 990 ₽. "
            "Отписаться: ответьте СТОП.")
    subject = Subject("t", "promotional", "ru_RU", {"type": "text", "text": body}, [], frozenset())
    assert "pharmacy" in {finding.code for finding in RulesReviewer().review(subject).findings}


def test_hindi_in_latin_letters_declared_as_hindi_is_read_as_hindi_but_english_declared_as_hindi_is_not() -> None:
    hinglish = ("Namaste {{1}} ji, aapka order {{2}} pack ho chuka hai aur agle 30 minute mein aapke ghar pahunch "
                "jayega. Payment cash ya online, jo aapko theek lage.")
    assert review(hinglish, "hi_IN") == ("approved", set())
    english = "Your order {{1}} has shipped and will arrive tomorrow. Thank you for shopping with us."
    assert review(english, "hi_IN") == ("needs_admin", {"language_mismatch"})


def test_a_language_written_in_its_own_script_beside_english_words_is_no_mismatch() -> None:
    body = ("మీ auto 3 నిమిషాల్లో pickup point కి వస్తుంది. Driver: {{1}}, Vehicle no: {{2}}. Fare సుమారు ₹{{3}}. "
            "Safe గా ride enjoy చేయండి!")
    assert review(body, "te_IN") == ("approved", set())


def test_roman_urdu_is_read_with_hinglish_words_though_its_tag_is_a_mismatch() -> None:
    body = ("BISP Benazir Kafaalat Program: Mubarak ho! Aap ki 25,000 rupay ki nayi qist manzoor ho gayi hai. Raqam "
            "wasool karne ke liye registration fee 1,500 rupay JazzCash kar ke apna CNIC number reply karein.")
    status, codes = review(body, "ur_PK")
    assert status == "rejected" and "language_mismatch" in codes
