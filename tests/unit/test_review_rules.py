"""The rule-based reviewer: each policy check, its finding, and how findings become a verdict."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.services.review import Finding, RulesReviewer, Subject, decide, run_reviewers


def subject(text: str, category: str = "transactional", language: str = "en_US",
            suggestions: list[dict[str, Any]] | None = None) -> Subject:
    return Subject("t", category, language, {"type": "text", "text": text}, suggestions or [])


def codes(item: Subject) -> list[str]:
    return [finding.code for finding in RulesReviewer().review(item).findings]


def verdict(item: Subject) -> str:
    return run_reviewers(item, [RulesReviewer()]).status


CLEAN_PROMO = "Our summer sale is on: 30% off sandals until Sunday. Reply STOP to opt out."


# Each check: what it catches, and the look-alike it leaves alone --------------------------------
@pytest.mark.parametrize(("item", "code"), [
    (subject("Your code is {{1}}. Shop now and get 20% off!", "otp"), "category.offer_in_otp"),
    (subject("Your code is {{1}}. Use code SAVE20 at checkout.", "otp"), "category.offer_in_otp"),
    (subject("Your one-time password was sent by email.", "otp"), "category.otp_without_code"),
    (subject("Order {{1}} delivered. Use code THANKS20 for 20% off next time!"), "category.promotion_in_transactional"),
    (subject("Use OTP {{1}} to unlock your deal. Reply STOP to opt out.", "promotional"),
     "category.otp_in_promotional"),
    (subject("Our summer sale is on: 30% off sandals until Sunday.", "promotional"), "category.no_opt_out"),
    (subject("Your OTP for login is {{1}}."), "category.otp_in_transactional"),
])
def test_category_mismatches_are_found(item: Subject, code: str) -> None:
    assert code in codes(item)


@pytest.mark.parametrize("item", [
    subject("Your Acme verification code is {{1}}. Do not share it with anyone.", "otp"),
    subject(CLEAN_PROMO, "promotional"),
    subject("Our summer sale is on: 30% off sandals.", "promotional",
            suggestions=[{"type": "reply", "text": "Unsubscribe", "postback_data": "STOP"}]),
    subject("Your refund of {{1}} for order {{2}} has been processed."),
])
def test_templates_that_fit_their_category_raise_no_category_finding(item: Subject) -> None:
    assert not [code for code in codes(item) if code.startswith("category.")]


@pytest.mark.parametrize(("text", "topic"), [
    ("Bet now on tonight's match at WinBig Sportsbook.", "gambling"),
    ("Spin the slots at Lucky C@sino tonight.", "gambling"),
    ("Play p o k e r online tonight.", "gambling"),
    ("Apuesta en la Champions con un bono.", "gambling"),
    ("आज का सट्टा मटका रिजल्ट देखें।", "gambling"),
    ("Singles near you want to sex chat.", "adult"),
    ("Handguns and ammunition at low prices.", "weapons"),
    ("Premium weed delivered to your door.", "drugs"),
    ("Vendemos marihuana de calidad.", "drugs"),
    ("Protect our town from the inferior race.", "hate"),
    ("Congratulations! You have won a car.", "scam"),
    ("Parabéns, você ganhou um iPhone!", "scam"),
])
def test_prohibited_content_is_blocked_in_every_language(text: str, topic: str) -> None:
    item = subject(text + " Reply STOP to opt out.", "promotional")
    assert f"prohibited.{topic}" in codes(item)
    assert verdict(item) == "rejected"


@pytest.mark.parametrize("text", [
    "Your best bet for a relaxing weekend: our spa packages.",  # "bet" alone is not gambling
    "Our massage guns are 20% off this week.",
    "Unisex hoodies, all sizes.",
    "Enter your PIN code to check delivery to your area.",
])
def test_ordinary_words_near_prohibited_ones_are_not_blocked(text: str) -> None:
    item = subject(text + " Reply STOP to opt out.", "promotional")
    assert verdict(item) != "rejected", codes(item)


@pytest.mark.parametrize(("item", "code", "status"), [
    (subject("Two beers for the price of one tonight. Reply STOP to opt out.", "promotional"),
     "regulated.alcohol", "needs_admin"),
    (subject("Craft beer festival this Saturday. 21+ only, drink responsibly. Reply STOP to opt out.", "promotional"),
     "regulated.alcohol", "approved"),
    (subject("Your order #{{1}} from Vino Cellars has shipped."), "regulated.alcohol", "approved"),
    (subject("New vape flavours in store now. Reply STOP to opt out.", "promotional"), "regulated.tobacco",
     "needs_admin"),
    (subject("Earn guaranteed returns of 12% a year. Reply STOP to opt out.", "promotional"),
     "regulated.financial_promise", "needs_admin"),
    (subject("Make 5000 rupees daily from home. Reply STOP to opt out.", "promotional"),
     "regulated.financial_promise", "needs_admin"),
])
def test_regulated_content_goes_to_a_human_unless_it_is_only_mentioned(item: Subject, code: str, status: str) -> None:
    assert code in codes(item)
    assert verdict(item) == status


@pytest.mark.parametrize(("text", "language"), [
    ("Your card is blocked. Reply with your card number and PIN.", "en_US"),
    ("Please share the OTP you just received with our agent.", "en_US"),
    ("Reply with this code and your password to confirm your identity.", "en_US"),
    ("To keep your SIM active, share the 6-digit code we sent you with our executive.", "en_IN"),
    ("कृपया अपना ATM पिन और OTP हमें भेजें।", "hi_IN"),
    ("Envía tu contraseña y número de tarjeta para desbloquearla.", "es_ES"),
    ("Informe sua senha para evitar o bloqueio.", "pt_BR"),
])
def test_asking_for_a_secret_is_phishing(text: str, language: str) -> None:
    item = subject(text, language=language)
    assert "phishing.credentials" in codes(item)
    assert verdict(item) == "rejected"


@pytest.mark.parametrize(("text", "language"), [
    ("Your code is {{1}}. Never share it with anyone.", "en_US"),
    ("We will never ask you to share your PIN or password.", "en_US"),
    ("Share OTP {{1}} with the delivery agent only when you receive your order.", "en_IN"),
    ("आपका ओटीपी {{1}} है। इसे किसी के साथ साझा न करें।", "hi_IN"),
    ("Tu código es {{1}}. No lo compartas con nadie.", "es_ES"),
    ("Seu código é {{1}}. Nunca informe sua senha a ninguém.", "pt_BR"),
])
def test_warning_people_not_to_share_a_secret_is_not_phishing(text: str, language: str) -> None:
    assert "phishing.credentials" not in codes(subject(text, "otp", language))


def test_an_account_threat_with_a_link_goes_to_a_human() -> None:
    item = subject("Your account will be suspended today. Verify your details at https://acme-verify.example.com.")
    assert "phishing.account_threat" in codes(item)
    assert verdict(item) == "needs_admin"


def test_a_fee_to_release_a_parcel_goes_to_a_human() -> None:
    item = subject("Your parcel is held. Pay the 49 rupee charge at https://post.example.com today to release it.")
    assert "phishing.fee_request" in codes(item)


@pytest.mark.parametrize(("text", "suggestions", "code", "status"), [
    ("Track it at https://bit.ly/3xYz12 now.", [], "link.shortener", "needs_admin"),
    ("Track it at bit.ly/3xYz12 now.", [], "link.shortener", "needs_admin"),
    ("Track it here.", [{"type": "url", "text": "Track", "url": "https://tinyurl.com/abc"}], "link.shortener",
     "needs_admin"),
    ("Confirm your address at http://185.23.44.10/track today.", [], "link.raw_ip", "rejected"),
    ("Pay at http://netf1ix-billing.example.com today.", [], "link.lookalike", "rejected"),
    ("Your statement is at https://xn--pypal-4ve.com/s today.", [], "link.punycode", "needs_admin"),
    ("Your invoice is at http://billing.example.com/inv today.", [], "link.insecure", "approved"),
    ("Track your order here.", [{"type": "url", "text": "Track", "url": "{{1}}"}], "link.variable_domain", "approved"),
])
def test_links_are_judged_by_where_they_go(text: str, suggestions: list[dict[str, Any]], code: str,
                                           status: str) -> None:
    item = subject(text, suggestions=suggestions)
    assert code in codes(item)
    assert verdict(item) == status


@pytest.mark.parametrize(("text", "code", "status"), [
    ("{{1}}", "placeholder.only", "rejected"),
    ("Dear {{1}}, {{2}} {{3}}.", "placeholder.dominant", "needs_admin"),
    ("{{1}} is your order number for today.", "placeholder.edge", "approved"),
    ("Your delivery arrives on {{1}}.", "placeholder.edge", "approved"),
    ("Hello {{1}}{{2}}, your order is on its way to you today.", "placeholder.adjacent", "approved"),
])
def test_placeholders_that_hide_the_message_are_found(text: str, code: str, status: str) -> None:
    item = subject(text)
    assert code in codes(item)
    assert verdict(item) == status


def test_a_card_made_only_of_placeholders_is_rejected() -> None:
    item = Subject("t", "transactional", "en_US", {"type": "rich_card", "title": "{{1}}", "description": "{{2}}"})
    assert "placeholder.only" in codes(item)


def test_placeholders_inside_enough_fixed_text_raise_nothing() -> None:
    found = codes(subject("Hi {{1}}, your order {{2}} ships today from Pune."))
    assert not [code for code in found if code.startswith("placeholder")]


def test_shouting_lowers_the_score_and_a_pile_of_notes_needs_a_human() -> None:
    shouting = subject("HUGE CLEARANCE EVENT!!! EVERYTHING MUST GO!!! REPLY STOP TO OPT OUT", "promotional")
    outcome = run_reviewers(shouting, [RulesReviewer()])

    assert {"style.all_caps", "style.exclamations"} <= set(codes(shouting))
    assert outcome.status == "approved" and outcome.score < 1


@pytest.mark.parametrize(("text", "language", "code"), [
    ("Namaste {{1}}, aapka order {{2}} ship ho gaya hai. App mein track karein.", "hi_IN",
     "language.script_mismatch"),
    ("Your order {{1}} has shipped and will arrive tomorrow. Thank you.", "hi_IN", "language.script_mismatch"),
    ("Your order {{1}} has shipped and will arrive tomorrow. Thank you for shopping with us.", "es_ES",
     "language.mismatch"),
    ("Seu pedido {{1}} foi enviado e chega amanhã. Obrigado pela compra.", "es_ES", "language.mismatch"),
])
def test_text_not_in_the_declared_language_goes_to_a_human(text: str, language: str, code: str) -> None:
    item = subject(text, language=language)
    assert code in codes(item)
    assert verdict(item) == "needs_admin"


@pytest.mark.parametrize(("text", "language"), [
    ("Namaste {{1}}, aapka order {{2}} ship ho gaya hai. App mein track karein.", "hi-Latn"),
    ("आपका OTP {{1}} है। इसे किसी के साथ साझा न करें।", "hi_IN"),
    ("Tu pedido {{1}} ha sido enviado y llegará mañana.", "es_ES"),
    ("வணக்கம் {{1}}, உங்கள் ஆர்டர் {{2}} அனுப்பப்பட்டது.", "ta_IN"),
    ("Bonjour {{1}}, votre commande {{2}} a été expédiée.", "fr_FR"),
])
def test_text_in_its_declared_language_and_script_passes(text: str, language: str) -> None:
    assert not [c for c in codes(subject(text, language=language)) if c.startswith("language.")]


# From findings to a verdict ---------------------------------------------------------------------
def finding(severity: str, code: str = "x.y") -> Finding:
    return Finding(code, severity, f"Something {severity}.", "Fix it.")  # type: ignore[arg-type]


def test_a_clean_template_is_approved_with_the_full_score_and_a_plain_reason() -> None:
    outcome = decide(subject("Your order has shipped."), [])
    assert (outcome.status, outcome.score) == ("approved", 1.0)
    assert outcome.reason == "Clean transactional template, no policy hits."


@pytest.mark.parametrize(("severities", "status"), [
    (["warn"], "approved"),
    (["warn", "warn", "warn"], "approved"),
    (["warn", "warn", "warn", "warn"], "needs_admin"),
    (["review"], "needs_admin"),
    (["warn", "review"], "needs_admin"),
    (["block"], "rejected"),
    (["warn", "review", "block"], "rejected"),
])
def test_the_most_severe_finding_decides_and_warnings_add_up(severities: list[str], status: str) -> None:
    outcome = decide(subject("x"), [finding(severity) for severity in severities])
    assert outcome.status == status
    assert 0 <= outcome.score < 1


def test_the_score_falls_with_each_finding() -> None:
    scores = [decide(subject("x"), [finding("warn")] * n).score for n in range(4)]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == 4


def test_the_reason_names_the_main_finding_in_one_sentence() -> None:
    outcome = decide(subject("x"), [finding("warn", "style.all_caps"),
                                    Finding("prohibited.gambling", "block", "Mentions gambling.", "Remove it.")])
    assert outcome.reason == "Rejected: mentions gambling."


def test_a_reviewer_cannot_approve_what_another_blocks() -> None:
    class Approves:
        name = "lenient"

        def review(self, item: Subject) -> Any:
            from chalicelib.services.review import Review
            return Review(self.name, ())

    gambling = subject("Bet now at our online casino. Reply STOP to opt out.", "promotional")
    assert run_reviewers(gambling, [Approves(), RulesReviewer()]).status == "rejected"
