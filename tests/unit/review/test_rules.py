"""The rules as a specification of docs/review-policy.md: each row caught wherever it hides, named
by its code and field, and the innocent look-alike of each left alone."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.services.review import RulesReviewer, Subject, run_reviewers
from chalicelib.services.review.brands import Imitation, registry, verified_ids

STOP = "Reply STOP to opt out."


def text(body: str, category: str = "transactional", language: str = "en_US",
         suggestions: list[dict[str, Any]] | None = None, verified: tuple[str, ...] = ()) -> Subject:
    return Subject("t", category, language, {"type": "text", "text": body}, suggestions or [], verified_ids(verified))


def carousel(*descriptions: str, category: str = "promotional", language: str = "en_US") -> Subject:
    cards = [{"title": f"Card {index + 1}", "description": text} for index, text in enumerate(descriptions)]
    return Subject("t", category, language, {"type": "carousel", "cards": cards},
                   [{"type": "reply", "text": "Stop", "postback_data": "STOP"}])


def verdict(subject: Subject) -> str:
    return run_reviewers(subject, [RulesReviewer()]).status


def found(subject: Subject) -> dict[str, str]:
    """code -> field of every finding."""
    return {finding.code: finding.field for finding in RulesReviewer().review(subject).findings}


# Impersonation -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("subject", "field"), [
    (text("India Post: your parcel is on hold. Pay the Rs 25 redelivery fee at https://indiapost-redelivery.info "
          "today.", language="en_IN"), "components.text"),
    (text("HMRC: you are due a tax refund of 312 GBP. Claim it at https://www.hmrc-refunds.co today.",
          language="en_GB"), "components.text"),
    (text("Your Norton subscription renews today for $399. To cancel and get a refund, call us.",
          suggestions=[{"type": "dial", "text": "Norton refunds", "phone_number": "+18885550147"}]),
     "suggestions.0.phone_number"),
    # no threat word, no fee word: a courier's name, a payment to release the parcel, a stranger's link
    (text("Pos Malaysia: Bungkusan anda tertahan di gudang. Sila bayar RM2.50 untuk penghantaran semula: "
          "https://track-my-parcel.com", language="ms_MY"), "components.text"),
])
def test_a_brand_that_sends_people_elsewhere_is_impersonated(subject: Subject, field: str) -> None:
    findings = found(subject)
    assert verdict(subject) == "rejected"
    assert {"brand_impersonation", "lookalike_domain"} & findings.keys()


@pytest.mark.parametrize(("url", "field"), [
    ("https://paypa1-secure.com/login", "suggestions.0.url"),
    ("https://dhl.com-track.info/p", "suggestions.0.url"),
])
def test_a_look_alike_domain_in_a_button_alone_is_rejected(url: str, field: str) -> None:
    subject = text("Thanks for your order, {{1}}. See the details below.",
                   suggestions=[{"type": "url", "text": "Details", "url": url}])
    assert verdict(subject) == "rejected"
    assert found(subject)["lookalike_domain"] == field


def test_a_look_alike_domain_behind_a_fallback_url_is_rejected() -> None:
    subject = text("Your order {{1}} is packed.", suggestions=[
        {"type": "url", "text": "Track", "url": "https://shop.example.com/t", "fallback_url": "https://amaz0n-help.com"}])
    assert found(subject)["lookalike_domain"] == "suggestions.0.fallback_url"


def test_a_government_portal_of_a_market_outside_the_first_nine_is_impersonated_too() -> None:
    subject = text("Здравствуйте. По данным Госуслуг вам положена компенсационная выплата 12 800 ₽. Подтвердите "
                   "заявление до конца недели.", "transactional", "ru_RU",
                   suggestions=[{"type": "url", "text": "Подтвердить", "url": "https://gosuslugi-vyplaty.ru/lk"}])
    assert verdict(subject) == "rejected"
    assert {"brand_impersonation", "lookalike_domain"} & found(subject).keys()


@pytest.mark.parametrize(("subject", "field"), [
    # no threat, no fee, no link: the brand opens the message as its sender and the number is not its own
    (text("Barclays: a new payee 'J Okafor' was added to your account at 09:42 today. If you don't recognise "
          "this, speak to our fraud team below.", language="en_GB",
          suggestions=[{"type": "dial", "text": "Call fraud team", "phone_number": "+442037691184"}]),
     "suggestions.0.phone_number"),
    (text("J&T Express: paket JX4820119735 tertahan di gudang. Konfirmasi alamat Anda melalui tombol di bawah.",
          language="id_ID", suggestions=[{"type": "url", "text": "Konfirmasi alamat",
                                          "url": "https://jntexpress-alamat.com/konfirmasi"}]), "suggestions.0.url"),
])
def test_a_message_that_speaks_as_a_brand_and_sends_people_elsewhere_is_impersonation(subject: Subject,
                                                                                          field: str) -> None:
    assert verdict(subject) == "rejected" and found(subject).get("brand_impersonation") == field


def test_a_shop_naming_a_brand_mid_sentence_with_its_own_number_is_only_a_brand_mention() -> None:
    subject = text("Our store now repairs Samsung phones the same day. Call us on +44 20 7946 0018 to book.",
                   "promotional", "en_GB")
    assert "brand_impersonation" not in found(subject)


def test_a_shop_that_accepts_a_payment_brand_is_not_impersonating_it() -> None:
    subject = text("Leather jackets from $899, and now we accept Mercado Pago: 6 months interest-free. "
                   "See https://www.pieldeleon.mx. " + STOP, "promotional", "es_MX")
    assert "brand_impersonation" not in found(subject)


def test_naming_a_brand_without_being_verified_as_it_goes_to_a_human_and_verified_it_is_approved() -> None:
    body = "Your SBI credit card statement is ready. View it at https://www.sbi.co.in/statements."
    assert verdict(text(body, language="en_IN")) == "needs_admin"
    assert found(text(body, language="en_IN"))["unverified_brand"] == "components.text"
    assert verdict(text(body, language="en_IN", verified=("SBI",))) == "approved"


def test_a_verified_telco_saying_what_fraudsters_ask_for_is_warning_not_asking() -> None:
    body = ("MTN Alert: Fraudsters may call claiming your SIM will be blocked unless you share your PIN or the code "
            "sent to you. MTN will never ask for these. Report suspicious calls to 300.")
    assert verdict(text(body, language="en_NG", verified=("mtn",))) == "approved"


def test_naming_fraudsters_does_not_excuse_an_unverified_sender_asking_for_a_code() -> None:
    subject = text("Fraudsters tried to use your card. To stop them, share your PIN and the code sent to you "
                   "with our agent on +234 803 555 0199.", language="en_NG")
    assert verdict(subject) == "rejected" and "credentials" in found(subject)


def test_a_verified_bank_warning_its_customers_about_fraud_is_approved() -> None:
    body = ("HDFC Bank will never ask for your OTP, PIN or password. Do not share them with anyone. "
            "Learn more at https://www.hdfcbank.com/security.")
    assert verdict(text(body, language="en_IN", verified=("HDFC Bank",))) == "approved"


# Secrets, fees, promises -----------------------------------------------------------------------------
@pytest.mark.parametrize(("body", "language"), [
    ("Your account is on hold. Reply with your card number and CVV to restore it.", "en_US"),
    ("आपका खाता बंद हो जाएगा। कृपया अपना ATM पिन हमें भेजें।", "hi_IN"),
    ("Tu cuenta será bloqueada. Envía tu contraseña y el código que recibiste.", "es_MX"),
    ("Sua conta foi bloqueada. Informe sua senha do cartão para liberar.", "pt_BR"),
])
def test_asking_for_a_secret_is_rejected_in_every_covered_language(body: str, language: str) -> None:
    subject = text(body, language=language)
    assert verdict(subject) == "rejected" and "credentials" in found(subject)


@pytest.mark.parametrize("body", [
    "To keep your card active, reply with the 16 digits on the front and the 3 numbers on the back.",
    "Security check: please text back the numbers we just sent you so our agent can confirm it's you.",
])
def test_asking_for_a_secret_without_naming_it_is_still_asking_for_it(body: str) -> None:
    assert verdict(text(body)) == "rejected" and "credentials" in found(text(body))


def test_asking_for_a_secret_in_a_button_label_alone_is_rejected() -> None:
    subject = text("Your account needs a quick check, {{1}}.",
                   suggestions=[{"type": "reply", "text": "Send my PIN", "postback_data": "pin"}])
    assert found(subject).get("credentials") == "suggestions.0.text"


@pytest.mark.parametrize(("body", "category", "language"), [
    ("Your Acme code is {{1}}. Never share it with anyone, not even our staff.", "otp", "en_US"),
    ("Enter {{1}} to log in. Do not share this code.", "otp", "en_US"),
    ("We will never ask for your PIN or password. Stay safe.", "transactional", "en_US"),
    ("Please keep your PIN code handy for the delivery of order {{1}} tomorrow.", "transactional", "en_IN"),
    ("अपना OTP किसी के साथ साझा न करें। आपका OTP {{1}} है।", "otp", "hi_IN"),
])
def test_giving_a_code_or_warning_about_secrets_is_not_asking_for_one(body: str, category: str,
                                                                        language: str) -> None:
    assert "credentials" not in found(text(body, category, language))


@pytest.mark.parametrize("body", [
    "Congratulations! You won an iPhone 16. Pay 199 INR shipping fee to claim your prize: https://gift.example.in",
    "You are selected for a part-time job. Pay a registration fee of Rs 500 to start earning.",
])
def test_a_fee_to_receive_a_prize_or_a_job_is_rejected(body: str) -> None:
    subject = text(body, language="en_IN")
    assert verdict(subject) == "rejected" and "advance_fee" in found(subject)


@pytest.mark.parametrize(("body", "language"), [
    ("Hi Mum, this is my new number, my phone broke. Can you transfer $450 for my rent today?", "en_GB"),
    ("Ciao mamma, ho cambiato numero. Mi servono 300 euro urgenti per una bolletta, ti mando l'IBAN?", "it_IT"),
])
def test_a_relative_on_a_new_number_who_needs_money_is_an_impersonation(body: str, language: str) -> None:
    subject = text(body, language=language)
    assert verdict(subject) == "rejected" and found(subject).get("person_impersonation") == "components.text"


@pytest.mark.parametrize(("body", "category", "language"), [
    ("Hi Dad, your order for the Father's Day gift box ($49.99) has shipped. Track it in the app.", "transactional",
     "en_US"),
    ("Hola mamá, gracias por tu compra en Florería Lupita. Tu arreglo de $450 llega hoy.", "transactional", "es_MX"),
])
def test_a_shop_greeting_a_parent_with_an_amount_is_no_relative_on_a_new_number(body: str, category: str,
                                                                                language: str) -> None:
    assert "person_impersonation" not in found(text(body, category, language))


def test_an_app_store_named_as_where_to_install_is_no_brand_mention() -> None:
    subject = text("Install the MyBank app from the App Store or Google Play to see your new card: "
                   "https://mybank.com/app")
    assert verdict(subject) == "approved"


def test_a_shop_asking_customers_to_save_its_new_number_is_fine() -> None:
    subject = text("Bella Pizza has a new number! Save this number for orders: 020 7946 0321. " + STOP,
                   "promotional", "en_GB")
    assert verdict(subject) == "approved"


@pytest.mark.parametrize(("body", "category"), [
    ("Rent a compact car from $29/day this weekend at Sunny Rentals. " + STOP, "promotional"),
    ("Hi {{1}}, your sofa is ready. The delivery fee of $45 was paid at checkout. Track it at https://oakandstone.com/t",
     "transactional"),
])
def test_prices_per_day_and_fees_already_paid_are_not_scams(body: str, category: str) -> None:
    assert verdict(text(body, category)) == "approved"


def test_earning_an_amount_per_week_from_a_phone_is_a_promise_of_income() -> None:
    subject = text("Make $750/week just by rating hotels from your phone. WhatsApp Emma: +44 7700 900123. " + STOP,
                   "promotional")
    assert verdict(subject) == "rejected" and "guaranteed_returns" in found(subject)


@pytest.mark.parametrize(("body", "language"), [
    ("Your balance of 2.184 ETH ($7,912.40) has cleared review. Before release to your wallet, a one-time network "
     "clearance fee of $640 must be deposited.", "en_US"),
    ("O seu saldo de 0,42 BTC (24 310 €) foi aprovado para levantamento. Deve ser paga a taxa de desbloqueio de "
     "780 € no prazo de 72 horas.", "pt_PT"),
])
def test_a_fee_to_unlock_ones_own_money_is_an_advance_fee(body: str, language: str) -> None:
    subject = text(body, language=language)
    assert verdict(subject) == "rejected" and "advance_fee" in found(subject)


def test_paying_for_a_flat_nobody_may_see_is_an_advance_fee() -> None:
    subject = text("2-bed apartment, €1,650/month. I'm working abroad so viewings aren't possible, but once the first "
                   "month and the deposit (€3,300) are sent by bank transfer, the keys are couriered to you.",
                   language="en_IE")
    assert verdict(subject) == "rejected" and "advance_fee" in found(subject)


def test_a_fee_in_yen_before_a_home_job_starts_is_an_advance_fee() -> None:
    subject = carousel("在宅ワーク スマホで商品レビュー。", "未経験OK、1日1時間から。",
                       "ご登録後、初期サポート費用9,800円をお振込みください。", language="ja_JP")
    assert found(subject).get("advance_fee") == "components.cards.2.description"


@pytest.mark.parametrize("body", [
    "Double your Bitcoin in 24 hours. Send any amount and receive 2x back. " + STOP,
    "Earn guaranteed returns of 30% a month with our trading plan. " + STOP,
])
def test_promised_returns_are_rejected(body: str) -> None:
    subject = text(body, "promotional")
    assert verdict(subject) == "rejected" and "guaranteed_returns" in found(subject)


def test_a_job_offer_with_a_guaranteed_daily_amount_on_its_button_promises_returns() -> None:
    subject = text("We are hiring part-time members for our digital marketing team. Work from home on your phone. "
                   + STOP, "promotional", "en_IN",
                   suggestions=[{"type": "url", "text": "₹5,000 a day guaranteed", "url": "https://careers.example.in"}])
    assert found(subject).get("guaranteed_returns") == "suggestions.0.text"


@pytest.mark.parametrize(("body", "language"), [
    ("انضم إلى مجموعتنا الخاصة لتوصيات الأسهم. أعضاؤنا يحققون عائدًا ثابتًا بنسبة 5٪ يوميًا على رأس المال. "
     "للإلغاء أرسل STOP.", "ar_EG"),
    ("VIP 리딩방 회원님들은 하루 3% 수익을 꾸준히 받고 계십니다. 수신거부 STOP", "ko_KR"),
    ("Our members earn a steady 2.5% per day on their capital. Join the group today. " + STOP, "en_GB"),
])
def test_a_rate_of_return_per_day_is_a_promise_of_returns_in_any_language(body: str, language: str) -> None:
    subject = text(body, "promotional", language)
    assert verdict(subject) == "rejected" and "guaranteed_returns" in found(subject)


def test_a_range_of_percentages_per_month_said_to_be_fixed_is_a_promise() -> None:
    subject = text("VIP trading group mein free entry. Har mahine 20-25% fixed return, loss hua to paisa wapas. "
                   "STOP likhkar bhejein.", "promotional", "hi-Latn")
    assert verdict(subject) == "rejected" and "guaranteed_returns" in found(subject)


@pytest.mark.parametrize(("body", "language"), [
    ("Our members have never had a losing month. Steady 4-6% monthly on a capital-protected account. " + STOP,
     "en_US"),
    ("Rendimenti costanti dal 2019: il nostro portafoglio rende il 3% al mese con capitale protetto al 100%. "
     "Rispondi STOP per disiscriverti.", "it_IT"),
])
def test_a_steady_monthly_rate_on_protected_capital_is_a_promise_of_returns(body: str, language: str) -> None:
    subject = text(body, "promotional", language)
    assert verdict(subject) == "rejected" and "guaranteed_returns" in found(subject)


def test_a_fixed_monthly_return_is_a_promise_but_a_monthly_price_is_not() -> None:
    promise = text("Nairobi Growth Circle: members receive a fixed 12% return every month on contributions. " + STOP,
                   "promotional", "en_KE")
    price = text("Gym membership: 15% off every month for students, from KES 2,000. " + STOP, "promotional", "en_KE")
    assert "guaranteed_returns" in found(promise)
    assert "guaranteed_returns" not in found(price)


@pytest.mark.parametrize("body", [
    "Flash week: 20% off every day until Sunday on all sneakers. " + STOP,
    "Our savings account pays 4.1% a year on your balance, with no lock-in. " + STOP,
])
def test_a_discount_every_day_or_a_yearly_rate_is_no_daily_return(body: str) -> None:
    assert "guaranteed_returns" not in found(text(body, "promotional", "en_GB"))


def test_returns_said_not_to_be_guaranteed_are_no_promise_but_still_speculative() -> None:
    subject = text("Stake ETH with us and earn variable rewards, currently around 3.4% APY. Rewards are not "
                   "guaranteed and your capital is at risk. " + STOP, "promotional", "en_GB")
    assert verdict(subject) == "needs_admin"
    assert "guaranteed_returns" not in found(subject) and "speculative_finance" in found(subject)


def test_a_guaranteed_delivery_date_is_no_promise_of_income() -> None:
    subject = text("Order by Friday for guaranteed delivery before Christmas: shipping is $4.99. " + STOP,
                   "promotional")
    assert verdict(subject) != "rejected" and "guaranteed_returns" not in found(subject)


def test_a_threat_with_a_link_from_nobody_in_particular_goes_to_a_human() -> None:
    subject = text("Your account will be suspended today. Review it at https://account-review.example.net.")
    assert verdict(subject) == "needs_admin" and "account_threat" in found(subject)


def test_an_apk_link_is_rejected_as_malware() -> None:
    subject = text("Install our new app to see your bill: https://bills.example.com/app-release.apk")
    assert verdict(subject) == "rejected" and "malware" in found(subject)


def test_a_button_that_downloads_remote_access_software_is_malware_though_the_text_is_clean() -> None:
    subject = text("We noticed an unusual sign-in to your account. Our consultant will help you secure it.",
                   suggestions=[{"type": "url", "text": "Get the tool", "url": "https://download.anydesk.com/AnyDesk.exe"}])
    assert found(subject).get("malware") == "suggestions.0.url"


def test_an_app_to_fix_a_problem_installed_from_a_website_is_malware_but_a_shops_app_page_is_not() -> None:
    lure = text("Your bank flagged unusual activity. Install our Security Shield app from secure-shield-app.com "
                "to protect your savings.")
    shop = text("Buy and sell Bitcoin with naira on Ledgerline. Prices are volatile. Get the app at "
                "https://ledgerline.ng. " + STOP, "promotional", "en_NG")
    assert found(lure).get("malware") == "components.text"
    assert "malware" not in found(shop)


def test_a_bank_warning_never_to_install_remote_access_apps_is_not_malware() -> None:
    body = ("Never install AnyDesk or TeamViewer because a caller says they are from the bank. "
            "Questions? See https://www.sbi.co.in/security.")
    assert "malware" not in found(text(body, language="en_IN"))
    assert verdict(text(body, language="en_IN", verified=("SBI",))) == "approved"


def test_a_disguised_name_that_counts_only_when_capitalised_is_still_read() -> None:
    subject = text("Priy grahak, aapke Ji0 SIM ka KYC expire ho gaya hai. 24 ghante mein SIM band ho jayegi. "
                   "Turant call karein: 9123456780", language="hi-Latn")
    assert verdict(subject) == "rejected" and "brand_impersonation" in found(subject)


def test_a_messaging_app_named_as_the_way_to_reach_a_shop_is_not_a_brand_mention() -> None:
    subject = text("Your cake order {{1}} is on its way and arrives between 3 and 5 pm. "
                   "Questions? WhatsApp us on 012-334 5871.", language="en_MY")
    assert verdict(subject) == "approved"


# Prohibited and restricted content -------------------------------------------------------------------
@pytest.mark.parametrize(("body", "code", "language"), [
    ("Premium cocaine delivered discreetly in 30 minutes. " + STOP, "illegal_drugs", "en_US"),
    ("Pistolas y municiones sin licencia, envío rápido. Responde BAJA para salir.", "weapons", "es_MX"),
    ("Hot local escorts waiting for you tonight. " + STOP, "sexual_content", "en_US"),
    ("Flat for rent in Andheri, no Muslims please. " + STOP, "hate", "en_IN"),
])
def test_prohibited_content_is_rejected(body: str, code: str, language: str) -> None:
    subject = text(body, "promotional", language)
    assert verdict(subject) == "rejected" and code in found(subject)


@pytest.mark.parametrize(("body", "language"), [
    ("Summer fun: water pistols and water balloons 30% off until Sunday. " + STOP, "en_US"),
    ("W sklepie Zabawkowo pistolety na wodę -30% do niedzieli. Odpowiedz STOP, aby zrezygnować.", "pl_PL"),
    ("Garden center: weed killer and lawn feed, 2 for $30 this weekend. " + STOP, "en_US"),
    ("Our bakery's butter rum cake, baked fresh every morning, $18 for pickup. " + STOP, "en_US"),
])
def test_goods_words_inside_a_harmless_phrase_name_no_goods(body: str, language: str) -> None:
    assert verdict(text(body, "promotional", language)) == "approved"


def test_a_harmless_phrase_does_not_excuse_the_goods_named_beside_it() -> None:
    subject = text("Water pistols for the kids, and real pistols with ammo for you, no licence needed. " + STOP,
                   "promotional")
    assert verdict(subject) == "rejected" and "weapons" in found(subject)


@pytest.mark.parametrize("body", [
    "Reminder: your hunter education course, with its firearm safety module, is on Saturday at 8 AM. "
    "Bring a photo ID.",
    "Our range is closed on Monday. No firearms or ammunition are sold at the club shop.",
])
def test_a_safety_course_or_a_notice_that_sells_no_weapon_is_fine(body: str) -> None:
    assert verdict(text(body)) == "approved"


def test_a_weapon_sold_with_a_course_thrown_in_is_still_a_weapon_sold() -> None:
    subject = text("Glock 19 pistols, $450 each, free safety course included. " + STOP, "promotional")
    assert verdict(subject) == "rejected" and "weapons" in found(subject)


@pytest.mark.parametrize(("body", "language"), [
    ("Velvet Evenings: discreet companionship for gentlemen, by the hour or overnight, at your hotel. " + STOP,
     "en_ZA"),
    ("Soirées Élégance : accompagnatrices raffinées pour vos nuits à l'hôtel, tarifs à l'heure. STOP au 36180.",
     "fr_FR"),
])
def test_escort_services_called_companionship_are_sexual_content(body: str, language: str) -> None:
    subject = text(body, "promotional", language)
    assert verdict(subject) == "rejected" and "sexual_content" in found(subject)


@pytest.mark.parametrize(("body", "code"), [
    ("Tonight only: cheap c\u043ecaine, message us. " + STOP, "illegal_drugs"),          # Cyrillic o
    ("Buy v i a g r a and more, no prescription needed. " + STOP, "illegal_drugs"),
    ("Hot e\u200bscorts available 24/7. " + STOP, "sexual_content"),                        # zero-width space
])
def test_disguised_prohibited_words_are_read_and_rejected(body: str, code: str) -> None:
    subject = text(body, "promotional")
    assert verdict(subject) == "rejected" and code in found(subject)


@pytest.mark.parametrize(("body", "language"), [
    ("3BHK flat for rent in Baner. Only for Hindu families, Muslims please do not contact. " + STOP, "en_IN"),
    ("ফ্ল্যাট ভাড়া দেওয়া হবে। মুসলিম ও ব্যাচেলরদের জন্য নয়। বন্ধ করতে STOP লিখুন।", "bn_IN"),
    ("Se alquila piso en Vallecas, 850 euros. Abstenerse extranjeros. Responde BAJA para no recibir más.", "es_ES"),
])
def test_a_flat_refused_to_a_religion_or_an_origin_is_hate(body: str, language: str) -> None:
    subject = text(body, "promotional", language)
    assert verdict(subject) == "rejected" and "hate" in found(subject)


@pytest.mark.parametrize("body", [
    "Eid Mubarak to all our Muslim customers! Only today, 20% off every kurta. " + STOP,
    "2BHK flat for rent near Christ Church School, only 5 minutes from the metro. " + STOP,
])
def test_naming_a_community_without_shutting_anyone_out_is_fine(body: str) -> None:
    assert "hate" not in found(text(body, "promotional", "en_IN"))


@pytest.mark.parametrize(("body", "language"), [
    ("Immigrants are ruining this town. Vote them out and keep our streets clean. " + STOP, "en_US"),
    ("Gli immigrati rubano il lavoro agli italiani. Cacciamoli tutti! Rispondi STOP per uscire.", "it_IT"),
])
def test_hostility_towards_a_group_is_hate_wherever_it_is_said(body: str, language: str) -> None:
    subject = text(body, "promotional", language)
    assert verdict(subject) == "rejected" and "hate" in found(subject)


@pytest.mark.parametrize(("body", "language"), [
    ("We're hiring front-of-house hosts, £14.50/hr. We are looking for British-born applicants aged 21 to 30. "
     + STOP, "en_GB"),
    ("คอนโดให้เช่า 1 ห้องนอน เดือนละ 12,000 บาท ขออนุญาตรับเฉพาะผู้เช่าสัญชาติไทย อายุไม่เกิน 40 ปี ยกเลิกพิมพ์ STOP",
     "th_TH"),
])
def test_a_requirement_that_is_itself_the_exclusion_is_hate_in_a_job_or_a_flat(body: str, language: str) -> None:
    subject = text(body, "promotional", language)
    assert verdict(subject) == "rejected" and "hate" in found(subject)


def test_the_same_requirement_outside_a_job_or_a_flat_is_not_hate() -> None:
    assert "hate" not in found(text("Our British-born designer opens her first London show tonight. " + STOP,
                                    "promotional", "en_GB"))


@pytest.mark.parametrize(("body", "language"), [
    # "for Arab families only": the group is written with the particle "for" fused onto its article
    ("شقة للإيجار في النهدة. الإيجار للعائلات العربية فقط. لإيقاف الرسائل أرسل STOP.", "ar_AE"),
    ("Für unser Lager suchen wir ab sofort Mitarbeiter. Bevorzugt werden Bewerber ohne Migrationshintergrund. "
     "Abmelden mit STOP.", "de_DE"),
    ("강남역 원룸 월세 있습니다. 외국인 및 조선족은 사절합니다. 수신거부 STOP", "ko_KR"),
    ("Сдаётся квартира возле метро, 45 000 ₽. Только славянам, мигрантов просьба не беспокоить. СТОП для отписки.",
     "ru_RU"),
    ("市中心单间出租。月租2500元。谢绝外地人和黑人。回复STOP退订。", "zh_CN"),
])
def test_a_flat_or_a_job_closed_to_an_origin_however_it_is_phrased_is_hate(body: str, language: str) -> None:
    subject = text(body, "promotional", language)
    assert verdict(subject) == "rejected" and "hate" in found(subject)


def test_a_group_named_kindly_is_not_hate() -> None:
    body = "Our language school welcomes immigrants and refugees: free English classes every Monday. " + STOP
    assert verdict(text(body, "promotional")) == "approved"


@pytest.mark.parametrize(("body", "language"), [
    ("Farmacia online SIN RECETA: T r a m a d o l y Rivotril al mejor precio. Responde BAJA para salir.", "es_ES"),
    ("Stylos 0zempic livrés chez vous en 48 h, sans ordonnance. STOP au 36180.", "fr_FR"),
])
def test_prescription_drugs_sold_without_a_prescription_are_illegal_drugs(body: str, language: str) -> None:
    subject = text(body, "promotional", language)
    assert verdict(subject) == "rejected" and "illegal_drugs" in found(subject)


def test_a_menu_written_in_dealers_emoji_is_a_drug_sale() -> None:
    subject = carousel("Chips, candy and energy drinks delivered till 4 AM.",
                       "\u2744\ufe0f + \U0001f48a + \U0001f344, discreet drop in 30 min. Cash or crypto.")
    assert found(subject).get("illegal_drugs") == "components.cards.1.description"


def test_a_winter_promotion_with_a_snowflake_and_a_leaf_is_not() -> None:
    subject = text("Winter sale \u2744\ufe0f on mint tea \U0001f33f, chocolate \U0001f36b and gift boxes \U0001f48e. "
                   + STOP, "promotional")
    assert verdict(subject) == "approved"


def test_a_disguised_capitalised_name_keeps_its_case() -> None:
    subject = text("S\u0391T: tienes un saldo a favor de $4,380.00. Para depositarlo hoy llama a un asesor al "
                   "55 4120 3398 y ten a la mano tu tarjeta.", language="es_MX")
    assert verdict(subject) == "rejected" and "brand_impersonation" in found(subject)


def test_a_filled_prescription_ready_for_pickup_is_fine() -> None:
    subject = text("Hi {{1}}, your prescription (Rx #{{2}}) is ready for pickup at Elm Street Drug Store. "
                   "Please bring a photo ID.")
    assert verdict(subject) == "approved"


def test_a_violation_in_the_third_card_of_a_carousel_alone_is_found_there() -> None:
    subject = carousel("Linen shirts in six colours.", "Chinos for every day.",
                       "Buy cocaine and MDMA here, fast delivery.")
    assert verdict(subject) == "rejected"
    assert found(subject)["illegal_drugs"] == "components.cards.2.description"


@pytest.mark.parametrize(("body", "language", "status", "code"), [
    ("Wine club: 6 bottles for 59 USD this month. 21+ only. " + STOP, "en_US", "needs_admin", "alcohol"),
    ("عروض خاصة على النبيذ الفاخر هذا الأسبوع. أرسل STOP لإلغاء الاشتراك", "ar_SA", "rejected", "alcohol"),
    ("Bet on tonight's match with a 20 GBP free bet. " + STOP, "en_GB", "needs_admin", "gambling"),
    ("Bet on tonight's IPL match with a 200 INR free bet. " + STOP, "en_IN", "rejected", "gambling"),
    ("New vape flavours are in store this week. " + STOP, "en_GB", "needs_admin", "tobacco"),
    ("Lose weight with Ozempic prescribed online in 24 hours. " + STOP, "en_US", "needs_admin", "pharmacy"),
])
def test_restricted_categories_go_to_a_human_and_are_rejected_where_the_market_prohibits_them(
        body: str, language: str, status: str, code: str) -> None:
    subject = text(body, "promotional", language)
    assert verdict(subject) == status and code in found(subject)


@pytest.mark.parametrize("body", [
    "Killer deals this weekend: prices slashed on all sneakers. " + STOP,
    "Our flash sale ends tonight, shoot us a message with questions. " + STOP,
    "Storm warning: our Pune branch is closed today. Stay safe.",
])
def test_words_that_only_sound_alarming_are_approved(body: str) -> None:
    assert verdict(text(body, "promotional" if "STOP" in body else "transactional")) == "approved"


# Form ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("body", "language"), [
    ("{{1}} is your Fairway Gym login code. Members: bring a friend this weekend and get 50% off next month!",
     "en_GB"),
    ("आपका लॉगिन कोड {{1}} है। इसे किसी से साझा न करें। आज ही पहले ऑर्डर पर 30% कैशबैक पाएं!", "hi_IN"),
])
def test_an_amount_off_in_an_otp_template_is_an_offer_in_any_language(body: str, language: str) -> None:
    subject = text(body, "otp", language)
    assert verdict(subject) == "rejected" and "otp_offer" in found(subject)


@pytest.mark.parametrize(("subject", "code", "status"), [
    (text("Your code is {{1}}. Shop now and get 20% off!", "otp"), "otp_offer", "rejected"),
    (text("Your one-time password was sent by email.", "otp"), "otp_no_code", "rejected"),
    (text("Order {{1}} delivered. Use code THANKS20 for 20% off next time!"), "promotion_in_transactional",
     "needs_admin"),
    (text("Our summer sale is on: 30% off sandals until Sunday.", "promotional"), "no_opt_out", "needs_admin"),
    (text("{{1}}"), "placeholders_only", "rejected"),
    (text("Hi {{1}}, {{2}} {{3}} {{4}} {{5}}."), "placeholders_dominant", "needs_admin"),
    (text("Track your parcel at https://bit.ly/3xYz"), "shortener", "needs_admin"),
    (text("Order {{1}} is ready.", suggestions=[{"type": "reply", "text": "Details",
                                                 "postback_data": "see http://185.23.44.10/x"}]),
     "raw_ip_link", "rejected"),
])
def test_the_form_rules_hold(subject: Subject, code: str, status: str) -> None:
    assert code in found(subject)
    assert verdict(subject) == status


@pytest.mark.parametrize("suggestions", [
    [{"type": "reply", "text": "Stop", "postback_data": "STOP"}],
    [{"type": "reply", "text": "Unsubscribe", "postback_data": "unsubscribe"}],
])
def test_an_opt_out_button_is_an_opt_out(suggestions: list[dict[str, Any]]) -> None:
    assert "no_opt_out" not in found(text("Our summer sale is on: 30% off sandals.", "promotional",
                                          suggestions=suggestions))


@pytest.mark.parametrize(("body", "language"), [
    ("Rebajas de verano: 30% en sandalias hasta el domingo. Responde BAJA para no recibir más.", "es_ES"),
    ("Promoção de inverno: 40% de desconto em casacos. Responda SAIR para cancelar.", "pt_BR"),
    ("Soldes d'été : -30 % sur les sandales jusqu'à dimanche. STOP au 36180.", "fr_FR"),
    ("Sommerschlussverkauf: 30 % auf Sandalen bis Sonntag. Antworte STOP zum Abmelden.", "de_DE"),
])
def test_ordinary_promotions_in_other_covered_languages_are_approved(body: str, language: str) -> None:
    assert verdict(text(body, "promotional", language)) == "approved"


@pytest.mark.parametrize(("descriptions", "language"), [
    (("Jualan Raya! Harga asal RM1,899. Stok terhad.", "Hadiah percuma: set alas meja untuk setiap pembelian.",
      "Peluang terakhir! Caj penghantaran RM50 di luar Lembah Klang. Balas STOP untuk berhenti."), "ms_MY"),
    (("봄맞이 특가! 정가 259,000원에서 27% 할인.", "구매 고객 전원 필터 1개 무료 사은품 증정. 마지막 기회!",
      "5만원 이상 구매 시 배송비 무료. 무료수신거부 080-870-1234"), "ko_KR"),
])
def test_a_sale_with_a_free_gift_a_last_chance_and_a_shipping_fee_is_a_sale(descriptions: tuple[str, ...],
                                                                             language: str) -> None:
    subject = carousel(*descriptions, language=language)
    subject = Subject(subject.name, subject.category, subject.language, subject.components,
                      [{"type": "url", "text": "Shop", "url": "https://www.shop-example.my/raya"}])
    assert verdict(subject) == "approved"


def test_a_gift_that_is_itself_called_free_is_part_of_the_offer() -> None:
    subject = carousel("عطر عود ملكي بسعر 349 ريال. عرض لفترة محدودة.", "هدية مجانية مع كل طلب فوق 300 ريال.",
                       "التوصيل مجاني داخل الرياض. أرسل STOP لإلغاء الاشتراك", language="ar_SA")
    assert "prize_claim" not in found(subject) and verdict(subject) == "approved"


def test_a_job_card_shutting_out_by_age_and_origin_is_hate() -> None:
    subject = carousel("Boulanger — CDI à Nantes, 2 100 € brut par mois. Postulez en ligne.",
                       "Vendeur — Angers. Moins de 35 ans uniquement, pas de candidats d'origine étrangère.",
                       language="fr_FR")
    assert found(subject).get("hate") == "components.cards.1.description"


@pytest.mark.parametrize(("body", "language"), [
    ("Vaga de recepcionista, salário R$ 2.300. Exigimos boa aparência: pele clara e cabelo liso. "
     "Para sair da lista responda SAIR.", "pt_BR"),
    ("【正社員募集】配送ドライバー 月給28万円。同和地区ご出身の方、外国籍の方の採用は行っておりません。"
     "配信停止は「停止」と返信", "ja_JP"),
    ("Recrutement vendeuses, CDI 35h. Personnes en situation de handicap s'abstenir. STOP au 36180", "fr_FR"),
])
def test_a_job_refused_by_skin_caste_origin_or_disability_is_hate(body: str, language: str) -> None:
    subject = text(body, "promotional", language)
    assert verdict(subject) == "rejected" and "hate" in found(subject)


def test_an_email_address_is_no_disguised_word() -> None:
    subject = text("Bäckerei Krüger sucht Verstärkung (m/w/d). Bewerbung an jobs@baeckerei-krueger.de. "
                   "Abmelden: STOP an 44044", "promotional", "de_DE")
    assert verdict(subject) == "approved"


def test_a_bookmakers_risk_free_first_bet_is_gambling_not_a_promise_of_returns() -> None:
    subject = text("Momios mejorados y tu primera apuesta sin riesgo de hasta $500. Solo mayores de 18. "
                   "Responde BAJA para no recibir más mensajes.", "promotional", "es_MX")
    assert verdict(subject) == "needs_admin" and "guaranteed_returns" not in found(subject)


def test_a_payment_app_offered_at_checkout_is_no_secret_asked_for() -> None:
    subject = text("Księgarnia Pod Lipą: -15% na książki! Płać BLIK-iem lub przez PayPal w sklepie "
                   "https://podlipa-ksiegarnia.pl. Rezygnacja: odpowiedz STOP.", "promotional", "pl_PL")
    assert not {"credentials", "brand_impersonation"} & found(subject).keys()


def test_a_pharmacy_saying_it_never_sells_without_a_prescription_is_not_selling_without_one() -> None:
    subject = text("Online pharmacy: weight-loss care with semaglutide after an online consultation. We never "
                   "sell medicines without a prescription. " + STOP, "promotional")
    assert verdict(subject) == "needs_admin" and "illegal_drugs" not in found(subject)


def test_several_marks_of_a_scam_with_a_link_go_to_a_human_even_when_no_rule_names_the_scheme() -> None:
    lure = text("Final reminder: verify your details today to receive your refund at https://desk.example.net.")
    plain = text("Your refund for order {{1}} is on its way. Details at https://shop.example.com/orders.")

    assert verdict(lure) == "needs_admin" and "scam_marks" in found(lure)
    assert verdict(plain) == "approved"


@pytest.mark.parametrize(("body", "language"), [
    ("Vardhman Logistics is hiring warehouse associates: Rs 16,500/month + PF. Walk-in interviews Mon-Sat. "
     "We never charge any fee at any stage of hiring. " + STOP, "en_IN"),
    ("Depo personeli al\u0131yoruz, net maaş 28.500 TL. Başvurular ücretsizdir, "
     "işe al\u0131m sürecinde hiçbir ad alt\u0131nda ücret talep edilmez. "
     "Mesaj almak istemiyorsan\u0131z RET yaz\u0131n.", "tr_TR"),
])
def test_a_job_ad_that_says_it_never_charges_a_fee_asks_for_no_fee(body: str, language: str) -> None:
    assert "advance_fee" not in found(text(body, "promotional", language))


def test_a_fee_to_get_the_job_is_still_an_advance_fee() -> None:
    subject = text("Hiring now: data entry from home. Pay the Rs 999 registration fee to start today. " + STOP,
                   "promotional", "en_IN")
    assert verdict(subject) == "rejected" and "advance_fee" in found(subject)


def test_a_loans_processing_fee_stated_as_a_rate_is_a_term_not_an_advance_fee() -> None:
    subject = text("Personal loans up to Rs 3,00,000. Interest 18%-30% p.a., processing fee up to 2.5% + GST, "
                   "subject to eligibility. " + STOP, "promotional", "en_IN")
    assert "advance_fee" not in found(subject)


def test_a_rate_hedged_as_not_guaranteed_is_no_promise_of_returns() -> None:
    subject = text("CoinHarbour: earn up to 6.1% AER in staking rewards. Rewards are variable and not guaranteed. "
                   + STOP, "promotional", "en_GB")
    assert "guaranteed_returns" not in found(subject) and verdict(subject) == "needs_admin"


def test_earning_a_day_is_still_a_promise_of_returns() -> None:
    subject = text("Earn up to 5% a day on your USDT, not guaranteed but it always pays. " + STOP, "promotional")
    assert "guaranteed_returns" in found(subject)


def test_a_fraud_warning_listing_what_nobody_will_ask_for_carries_no_scam_mark() -> None:
    subject = text("Cooperativa Vale Verde alerta: nós nunca ligamos pedindo senha, token ou código de verificação. "
                   "Na dúvida, ligue para a nossa Central: 0800 646 2211.", language="pt_BR")
    assert verdict(subject) == "approved"


def test_a_payment_network_named_as_the_way_to_pay_is_not_impersonated() -> None:
    subject = text("NetMinho: a fatura de maio (24,90 €) continua por pagar. Pague por referência Multibanco "
                   "(Entidade 21447, Ref. {{1}}) ou ligue 253 104 880.", language="pt_PT")
    assert "brand_impersonation" not in found(subject) and verdict(subject) == "approved"


def test_a_service_cut_threatened_beside_a_payment_network_still_goes_to_a_human() -> None:
    subject = text("NetMinho: a fatura está por pagar; se não for regularizada até 20/05, o serviço será suspenso. "
                   "Pague por referência Multibanco ou ligue 253 104 880.", language="pt_PT")
    assert found(subject).keys() >= {"account_threat"} and verdict(subject) == "needs_admin"


def test_the_payment_network_itself_asking_for_its_code_is_impersonated_or_phished() -> None:
    subject = text("MB WAY: a sua app será desativada hoje. Responda com o código MB WAY de 6 dígitos.",
                   language="pt_PT")
    assert verdict(subject) == "rejected" and "credentials" in found(subject)


def test_choosing_a_drop_off_place_in_german_is_not_an_election() -> None:
    subject = text("Ihre Sendung kommt heute. Nicht zu Hause? Wählen Sie einen Ablageort oder einen Nachbarn.",
                   language="de_DE")
    assert "politics" not in found(subject)


def test_a_priced_firearms_safety_course_sells_a_course_not_a_firearm() -> None:
    subject = text("Our next Firearms Safety Awareness Course runs Sat 14 June. Bring photo ID. "
                   "$165 per person, range use included. " + STOP, "promotional", "en_AU")
    assert "weapons" not in found(subject)


def test_a_drug_name_spelled_out_with_hyphens_in_thai_is_read() -> None:
    subject = text("ส่งด่วนทั่วกรุงเทพฯ พิมพ์ STOP เพื่อยกเลิก", "promotional", "th_TH",
                   suggestions=[{"type": "reply", "text": "ย-า-บ้-า ส่งถึงมือ", "postback_data": "ORDER_Y"}])
    assert verdict(subject) == "rejected" and found(subject)["illegal_drugs"] == "suggestions.0.text"


def test_a_small_l_for_a_capital_i_does_not_hide_a_bank() -> None:
    subject = text("Avviso di sicurezza: accesso dal nuovo dispositivo. Se non sei stato tu, chiamaci.",
                   language="it_IT", suggestions=[{"type": "dial", "text": "Chiama lntesa Sanpaolo",
                                                   "phone_number": "+393514827719"}])
    assert verdict(subject) == "rejected" and "brand_impersonation" in found(subject)


def test_a_measurement_beside_chinese_text_is_no_disguise() -> None:
    subject = text("防水係數 3000mm\uff0c兩分鐘快速搭建\uff0c特價 NT$2,980。回覆 STOP 取消訂閱", "promotional", "zh_TW")
    assert verdict(subject) == "approved"


def test_opioids_offered_without_prescription_are_illegal_drugs() -> None:
    subject = text("Tilidin & Oxy ohne Rezept, diskret geliefert. Abmelden mit STOP.", "promotional", "de_DE")
    assert verdict(subject) == "rejected" and "illegal_drugs" in found(subject)


@pytest.mark.parametrize(("body", "promised"), [
    ("Invest N250,000 in our next batch and get guaranteed 40% returns in 6 weeks. " + STOP, True),
    ("Fixed deposit: a guaranteed 7.5% return for 3 years on your investment. " + STOP, False),
    ("Guaranteed 20% off every order this week. " + STOP, False),
])
def test_a_guaranteed_rate_no_savings_account_pays_is_a_promise_of_returns(body: str, promised: bool) -> None:
    assert ("guaranteed_returns" in found(text(body, "promotional"))) is promised


def test_a_ticket_sellers_name_dressed_in_another_domain_is_a_look_alike() -> None:
    subject = text("You're next in the resale queue! Pay the S$15 verification fee within 30 minutes.", "promotional",
                   "en_SG", suggestions=[{"type": "url", "text": "Pay fee",
                                          "url": "https://ticketmaster-sg.resale-queue.com/verify"}])
    assert verdict(subject) == "rejected" and found(subject)["lookalike_domain"] == "suggestions.0.url"


def test_a_traffic_authority_saying_it_never_asks_for_bank_details_asks_for_nothing() -> None:
    subject = text("DGT: La DGT no envía SMS para cobrar multas ni pide datos bancarios por mensaje. Consulta tus "
                   "sanciones solo en sede.dgt.gob.es.", language="es_ES", verified=("dgt",),
                   suggestions=[{"type": "url", "text": "Sede electrónica", "url": "https://sede.dgt.gob.es"}])
    assert verdict(subject) == "approved"


def test_a_weekly_rate_guaranteed_from_trading_promises_returns() -> None:
    subject = text("Sorry, wrong number! My uncle taught me gold trading and I've been making 30% a week, guaranteed.",
                   "promotional", "en_AU")
    assert verdict(subject) == "rejected" and "guaranteed_returns" in found(subject)


def test_a_civil_defence_appeal_for_pix_to_a_private_key_impersonates_the_government() -> None:
    subject = text("DEFESA CIVIL ALERTA: Vítimas das enchentes precisam de ajuda URGENTE! Doe qualquer valor via Pix "
                   "para a chave 51984627731 (Juliana, coordenadora voluntária).", "promotional", "pt_BR")
    assert verdict(subject) == "rejected" and "brand_impersonation" in found(subject)


def test_the_firearms_a_priced_safety_course_is_named_for_are_its_subject() -> None:
    subject = text("Hamilton Rod & Gun Club: the next Canadian Firearms Safety Course runs June 14-15, $160 including "
                   "the manual. Register at hamiltonrodgun.ca. " + STOP, "promotional", "en_CA")
    assert "weapons" not in found(subject)


@pytest.mark.parametrize(("body", "sold_lawfully"), [
    ("Neue Repetierbüchsen eingetroffen. Verkauf von Schusswaffen und Munition nur gegen gültige Waffenbesitzkarte "
     "bzw. Jagdkarte und Lichtbildausweis. Abmelden: STOP antworten.", True),
    ("Neue Repetierbüchsen eingetroffen, Schusswaffen und Munition ohne Waffenbesitzkarte, diskret. "
     "Abmelden: STOP antworten.", False),
])
def test_a_gun_shop_that_sells_only_against_a_licence_sells_with_the_legal_checks(body: str,
                                                                                  sold_lawfully: bool) -> None:
    assert ("weapons" not in found(text(body, "promotional", "de_AT"))) is sold_lawfully


def test_rand_amounts_count_as_money_in_a_promise_of_returns() -> None:
    subject = text("Join our Bitcoin mining pool: invest R2,000 today and receive R7,500 every week, guaranteed.",
                   "promotional", "en_ZA")
    assert verdict(subject) == "rejected" and "guaranteed_returns" in found(subject)


@pytest.mark.parametrize(("body", "language", "code"), [
    ("Kindred: 3 people near Austin liked your profile this week. Upgrade to see who. " + STOP, "en_US", "dating"),
    ("State of Origin is on! Bet on the Blues and get a $50 bonus bet. 18+ only. " + STOP, "en_AU", "gambling"),
    ("Garrafeira do Largo: Porto Tawny 10 anos a 18,90 €. Para deixar de receber, responda STOP.", "pt_PT", "alcohol"),
])
def test_restricted_goods_named_the_way_their_sellers_name_them_go_to_a_human(body: str, language: str,
                                                                              code: str) -> None:
    subject = text(body, "promotional", language)
    assert verdict(subject) == "needs_admin" and code in found(subject)


def test_a_fee_to_unlock_a_lottery_win_is_an_advance_fee() -> None:
    subject = text("SuperEnalotto: la sua giocata risulta vincente (32.480,00 €). Per lo sblocco della vincita è "
                   "richiesto il versamento di 49,90 € entro 24 ore su superenalotto-vincite.com", "promotional",
                   "it_IT")
    assert verdict(subject) == "rejected" and "advance_fee" in found(subject)


def test_a_button_that_asks_for_the_card_password_in_the_infinitive_asks_for_a_secret() -> None:
    subject = text("Olá, {{1}}! Aqui é da Central de Benefícios do seu cartão. Fale com um atendente para concluir.",
                   "transactional", "pt_BR",
                   [{"type": "dial", "text": "Informar senha do cartão", "phone_number": "+551140028922"}])
    assert verdict(subject) == "rejected" and found(subject)["credentials"] == "suggestions.0.text"


def test_roman_numerals_of_school_classes_name_no_telco() -> None:
    subject = text("Greenwood School, Pune: the Parent-Teacher Meeting for Classes VI-X is on Saturday, 9:00 AM.",
                   "transactional", "en_IN")
    assert "unverified_brand" not in found(subject)
    # the telco's name in capitals, alone, is still the telco
    threat = text("VI alert: your SIM is blocked today, call +919812345678.", "transactional", "en_IN")
    assert verdict(threat) == "rejected" and "brand_impersonation" in found(threat)


def test_a_municipal_utility_naming_itself_beside_its_own_portal_threatens_nothing() -> None:
    subject = text("Stadtwerke Lindenau: Ihre Jahresabrechnung 2025 steht im Kundenportal bereit. Der neue Abschlag "
                   "von 86 € gilt ab April.", "transactional", "de_DE",
                   [{"type": "url", "text": "Zum Kundenportal", "url": "https://portal.stadtwerke-lindenau.de"}])
    assert "account_threat" not in found(subject) and "scam_marks" not in found(subject)


def test_a_deposit_that_releases_a_loan_on_one_card_of_a_carousel_is_an_advance_fee() -> None:
    subject = carousel("Pantalla 55 pulgadas a $8,499 de contado.",
                       "¿Sin historial? Te damos tu crédito hoy: solo deposita $299 de apertura para liberarlo.",
                       language="es_MX")
    assert verdict(subject) == "rejected" and found(subject)["advance_fee"] == "components.cards.1.description"


def test_a_dating_app_telling_of_likes_in_hinglish_goes_to_a_human() -> None:
    subject = text("Jaipur mein 6 naye profiles ne aapko like kiya hai. Saathi Match pe dekho. STOP reply karein.",
                   "promotional", "hi-Latn")
    assert verdict(subject) == "needs_admin" and "dating" in found(subject)


def test_a_job_ad_that_sets_a_maximum_age_and_marital_status_excludes_groups() -> None:
    subject = text("Lowongan SPG Kosmetik: syarat wanita, usia maks. 23 tahun, belum menikah. Gaji UMR. Balas STOP "
                   "untuk berhenti.", "promotional", "id_ID")
    assert verdict(subject) == "rejected" and "hate" in found(subject)


def test_a_flat_refused_to_muslims_in_telugu_excludes_a_group() -> None:
    subject = text("2BHK అద్దెకు, నెలకు ₹18,000. బ్రాహ్మణ కుటుంబాలకు మాత్రమే, ముస్లింలకు ఇవ్వబడదు.", "promotional", "te_IN")
    assert verdict(subject) == "rejected" and "hate" in found(subject)


def test_a_daily_income_promised_in_vietnamese_dong_is_a_promise_of_returns() -> None:
    subject = carousel("Tuyển CTV online, làm việc tại nhà.",
                       "Cam kết 500k\u20131 triệu/ngày, rút tiền ngay trong ngày.", language="vi_VN")
    assert verdict(subject) == "rejected" and "guaranteed_returns" in found(subject)


def test_a_relative_on_a_new_number_asking_for_money_in_filipino_is_impersonation() -> None:
    subject = text("Ma, si Carlo 'to. Bagong number ko 'to, nasira kasi yung phone ko. Pwede mo ba akong padalhan ng "
                   "₱5,000 ngayon?", "transactional", "fil_PH")
    assert verdict(subject) == "rejected" and "person_impersonation" in found(subject)


def test_a_loan_without_a_prepayment_penalty_threatens_nothing() -> None:
    subject = text("Harbor Point Credit Union: personal loans at 8.99%-17.99% APR, no application fee and no "
                   "prepayment penalty. Subject to credit approval. See harborpointcu.org. " + STOP, "promotional")
    assert "account_threat" not in found(subject)


def test_a_safety_course_named_in_its_link_is_no_weapon_for_sale() -> None:
    subject = text("Eagle Creek Range: 4-hour classroom and live-fire safety course, $85. Valid photo ID required. "
                   + STOP, "promotional", "en_US",
                   [{"type": "url", "text": "Book a seat", "url": "https://www.eaglecreekrange.com/classes/basic-pistol-safety"}])
    assert "weapons" not in found(subject)


def test_a_lager_deal_on_the_third_card_of_a_pub_carousel_goes_to_a_human() -> None:
    subject = carousel("Six Nations live on six screens.", "Wings and loaded fries from £7.95.",
                       "5 bottled lagers for £15 during every match. Over-18s only.", language="en_GB")
    assert verdict(subject) == "needs_admin" and found(subject)["alcohol"] == "components.cards.2.description"


def test_the_pay_a_job_offers_and_the_candidates_it_never_charges_are_no_fee_and_no_politics() -> None:
    subject = text("TalentBridge Staffing is hiring delivery associates in Bengaluru. Pay \u20b918,000-22,000/month + "
                   "fuel allowance. We never charge candidates any fee. " + STOP, "promotional", "en_IN")
    assert verdict(subject) == "approved", found(subject)


def test_a_gym_waiving_its_joining_fee_asks_for_no_fee() -> None:
    subject = text("No joining fee until 30 June at FlexFit Rathmines: 24/7 access and a free induction, "
                   "\u20ac39/month. Join at flexfit.ie. " + STOP, "promotional", "en_IE")
    assert "advance_fee" not in found(subject)


def test_a_seller_asking_in_voseo_for_the_code_that_came_by_sms_asks_for_a_secret() -> None:
    subject = text("Hola! Te escribo del área de seguridad de Mercado Libre. Para liberar tu compra pasame el código "
                   "de 6 dígitos que te llegó por SMS.", "transactional", "es_AR")
    assert verdict(subject) == "rejected" and "credentials" in found(subject)


def test_a_utility_announcing_its_direct_debit_for_electricity_threatens_nothing() -> None:
    subject = text("Stadtwerke Lindenau: Ihr monatlicher Abschlag für Strom in Höhe von 86,00 € wird am 15.06. per "
                   "SEPA-Lastschrift eingezogen. Ihre Rechnungen finden Sie im Kundenportal.", "transactional", "de_DE",
                   [{"type": "url", "text": "Zum Kundenportal", "url": "https://kundenportal.stadtwerke-lindenau.de"}])
    assert "account_threat" not in found(subject)


@pytest.mark.parametrize(("body", "language", "code"), [
    ("برانش الجمعة: 450 درهماً مع باقة المشروبات الكحولية (للبالغين 21+). لإلغاء الاشتراك أرسل STOP", "ar_AE",
     "alcohol"),
    ("Laptopy od 2 499 zł. Kup teraz, zapłać za 30 dni, bez sprawdzania BIK. Odpisz STOP.", "pl_PL",
     "high_risk_lending"),
])
def test_restricted_offers_written_with_articles_and_phrases_of_their_market_go_to_a_human(
        body: str, language: str, code: str) -> None:
    subject = text(body, "promotional", language)
    assert verdict(subject) == "needs_admin" and code in found(subject)


def test_a_brand_name_that_is_an_everyday_word_of_the_text_language_names_no_brand_in_lower_case() -> None:
    subject = text("Klinik Keluarga Dr. Aminah: peringatan temu janji suntikan vaksin {{1}} pada Sabtu, 9:00 pagi.",
                   "transactional", "ms_MY")
    assert "unverified_brand" not in found(subject)
    # the marketplace, capitalised, in the same language, is still the marketplace
    lure = text("Temu: pesanan anda ditahan. Bayar RM3.50 di https://temu-parcel.top dalam 24 jam.",
                "transactional", "ms_MY")
    assert verdict(lure) == "rejected"


def test_a_medical_emergency_in_a_first_aid_course_threatens_nothing() -> None:
    subject = text("Cardiac arrest can happen anywhere. Learn hands-only CPR in 2 hours on Saturday, $25.",
                   "promotional", "en_US", [{"type": "url", "text": "Register", "url": "https://www.eastsidecpr.org/r"}])
    assert "account_threat" not in found(subject)


@pytest.mark.parametrize(("body", "language"), [
    ("Roti Sri Manja mencari pembantu kedai separuh masa. Gaji RM9 sejam, dibayar setiap minggu. Tiada sebarang "
     "yuran pendaftaran. WhatsApp kami di 012-334 5871. Balas BERHENTI untuk berhenti langganan.", "ms_MY"),
    ("Padaria Pão Dourado contrata atendente: R$ 1.850 + VT. Não cobramos nenhuma taxa em nenhuma etapa do processo "
     "seletivo. Envie seu currículo para vagas@paodourado.com.br. Para sair, responda SAIR.", "pt_BR"),
    ("مطلوب محاسبين لشركة النيل، مرتب يبدأ من 9,000 جنيه. التقديم مجاني ومفيش أي رسوم في أي مرحلة. "
     "كلمنا على 01554208833. لإلغاء الاشتراك ابعت STOP.", "ar_EG"),
])
def test_a_job_ad_that_says_it_charges_no_fee_and_pays_a_wage_asks_for_no_payment(body: str, language: str) -> None:
    subject = text(body, "promotional", language)
    assert "advance_fee" not in found(subject) and verdict(subject) != "rejected"


def test_a_fee_beside_a_no_fee_promise_elsewhere_is_still_an_advance_fee() -> None:
    subject = text("Kerja separuh masa dari rumah, tiada pengalaman diperlukan. Bayar yuran pendaftaran RM50 dahulu "
                   "untuk mula bekerja: https://kerja-mudah.top", "promotional", "ms_MY")
    assert verdict(subject) == "rejected" and "advance_fee" in found(subject)


def test_a_child_on_a_new_number_whose_phone_fell_asks_a_parent_for_money_in_filipino() -> None:
    subject = text("Ma, si Carlo 'to, bagong number ko. Nahulog sa CR yung phone ko. Pwede mo ba ako padalhan ng "
                   "₱6,500 sa number na 'to? Wag ka na tumawag, sira pa mic ko.", "promotional", "fil_PH")
    assert verdict(subject) == "rejected" and "person_impersonation" in found(subject)


def test_a_deposit_before_a_loan_is_released_on_a_filipino_card_is_an_advance_fee() -> None:
    subject = carousel("Salary loan hanggang ₱50,000 para sa mga empleyado at OFW.",
                       "Fixed monthly na bayad, walang hidden charges.",
                       "Bago i-release, magbayad muna ng ₱1,500 refundable insurance deposit sa 0917 845 2210.",
                       language="fil_PH")
    assert verdict(subject) == "rejected" and found(subject)["advance_fee"] == "components.cards.2.description"


def test_a_job_card_for_men_only_and_preferably_muslim_excludes_groups() -> None:
    subject = carousel("محاسب: خبرة سنتين على الأقل، مرتب يبدأ من 9,000 جنيه.",
                       "موظف استقبال: ذكور فقط مع الاعتذار للسيدات، ويفضّل أن يكون مسلمًا.", language="ar_EG")
    assert verdict(subject) == "rejected" and found(subject)["hate"] == "components.cards.1.description"


def test_years_of_experience_in_an_arabic_job_ad_name_no_religious_group() -> None:
    subject = carousel("مطلوب محاسب: خبرة 3 سنة فقط، مرتب يبدأ من 9,000 جنيه.", language="ar_EG")
    assert "hate" not in found(subject)


def test_a_code_to_be_replied_to_a_number_in_bengali_is_asked_for() -> None:
    subject = text("প্রিয় গ্রাহক, আপনার অ্যাকাউন্ট যাচাইয়ের জন্য একটি ৬ সংখ্যার কোড পাঠানো হয়েছে। কোডটি এই নম্বরে "
                   "রিপ্লাই করে নিশ্চিত করুন, না হলে অ্যাকাউন্ট বন্ধ হয়ে যাবে।", "transactional", "bn_BD")
    assert verdict(subject) == "rejected" and "credentials" in found(subject)


@pytest.mark.parametrize(("body", "language"), [
    ("Kedai Roti Manja perlukan juruwang separuh masa, RM9 sejam, tanpa bayaran untuk memohon. Balas BERHENTI untuk "
     "berhenti.", "ms_MY"),
    ("Part-time cashier job at Rosa Bakery, $15 an hour, no payment to apply. Reply STOP to opt out.", "en_US"),
    ("وظيفة كاشير بدوام جزئي، 40 درهم في الساعة، بدون دفع أي مبلغ للتقديم. لإلغاء الاشتراك أرسل STOP.", "ar_AE"),
])
def test_a_payment_said_not_to_be_needed_to_apply_for_a_job_is_not_asked_for(body: str, language: str) -> None:
    assert "advance_fee" not in found(text(body, "promotional", language))


def test_a_tracking_number_is_no_word_in_disguise() -> None:
    subject = text("Correos: tu paquete PQ4B7Z0911234560128001X llega hoy entre las 10:00 y las 14:00.",
                   "transactional", "es_ES")
    assert "disguised_terms" not in found(subject)
    assert "disguised_terms" in found(text("Buy C1AL1S and v1agra, discreet delivery", "promotional"))


def test_wine_by_the_glass_on_one_card_is_alcohol_and_prohibited_in_saudi_arabia() -> None:
    subject = carousel("3 courses for SAR 135, Sunday to Thursday.", "Dry-aged ribeye with truffle fries.",
                       "Pair your steak with a glass of Bordeaux red or Chablis, SAR 85 a glass.", language="en_SA")
    assert verdict(subject) == "rejected" and found(subject)["alcohol"] == "components.cards.2.description"


@pytest.mark.parametrize(("body", "language", "code"), [
    ("Llegaron los descartables de 8000 pitadas, sabores sandía ice y uva. Respondé BAJA para salir.", "es_AR",
     "tobacco"),
    ("Фрибет 1000 ₽ на матч! Собери экспресс \u0441 коэффициентом от 1,8. Отписаться: ответьте СТОП.", "ru_RU",
     "gambling"),
])
def test_restricted_goods_in_their_trade_slang_go_to_a_human(body: str, language: str, code: str) -> None:
    subject = text(body, "promotional", language)
    assert verdict(subject) == "needs_admin" and code in found(subject)


@pytest.mark.parametrize(("body", "language"), [
    ("Bouchon Chez Mado : coq au vin maison et tarte aux pralines roses. Formule midi 19,90 €. STOP au 36173",
     "fr_FR"),
    ("Carrilleras al vino tinto guisadas ocho horas, con puré casero. Menú 13,90 €. Responde BAJA para salir.",
     "es_ES"),
    ("Casino Supermarchés : -34 % sur le rayon fromage dans votre magasin Casino. STOP au 36173", "fr_FR"),
])
def test_a_dish_cooked_in_wine_pink_pralines_and_a_supermarket_named_casino_sell_no_restricted_goods(
        body: str, language: str) -> None:
    assert verdict(text(body, "promotional", language)) == "approved"


@pytest.mark.parametrize(("body", "language"), [
    ("Aaj raat IND vs AUS! Apni fantasy team banao sirf ₹49 mein aur jeeto ₹1 crore tak. Band karne ke liye STOP "
     "bhejein.", "hi-Latn"),
    ("রাজ্য লটারির টিকিট এখন অনলাইনে! প্রথম পুরস্কার ১ কোটি টাকা, টিকিট মাত্র ৬ টাকা। বন্ধ করতে STOP লিখে পাঠান।",
     "bn_IN"),
])
def test_real_money_fantasy_teams_and_lottery_tickets_are_prohibited_in_india(body: str, language: str) -> None:
    subject = text(body, "promotional", language)
    assert verdict(subject) == "rejected" and "gambling" in found(subject)


def test_a_forex_return_promised_without_risk_in_turkish_is_a_guaranteed_return() -> None:
    subject = text("Forex'te ayl\u0131k %30 getiri, zarar riski yok! Min. 5.000 TL ile ba\u015flay\u0131n. "
                   "RET yaz\u0131p 3347'ye g\u00f6nderin.", "promotional", "tr_TR")
    assert verdict(subject) == "rejected" and "guaranteed_returns" in found(subject)


def test_a_refundable_processing_fee_to_receive_an_approved_loan_is_an_advance_fee() -> None:
    subject = text("Congratulations! Your loan request of ₦500,000 has been approved. To receive disbursement today, "
                   "pay a refundable processing fee of ₦5,500 into Acct 2034871156. Reply STOP to opt out.",
                   "transactional", "en_NG")
    assert verdict(subject) == "rejected" and "advance_fee" in found(subject)


def test_back_pay_from_the_pension_agency_on_a_number_that_is_not_its_own_impersonates_it() -> None:
    card = {"type": "rich_card", "title": "INSS \u2013 Revis\u00e3o aprovada",
            "description": "Prezado(a) aposentado(a), sua revis\u00e3o de benef\u00edcio foi aprovada e h\u00e1 um "
                           "valor retroativo de R$ 12.480,00 dispon\u00edvel para saque. Fale hoje com a Central de "
                           "Pagamentos do INSS para liberar o cr\u00e9dito.",
            "suggestions": [{"type": "dial", "text": "Central de Pagamentos", "phone_number": "+5511940287715"}]}
    subject = Subject("t", "transactional", "pt_BR", card, [], frozenset())
    assert verdict(subject) == "rejected" and "brand_impersonation" in found(subject)


def test_a_withdrawal_in_portuguese_is_no_rice_wine() -> None:
    # "saque" (a withdrawal) and "saquê" (sake) fold to one word
    subject = text("Seu saque de R$ 500,00 foi realizado no caixa eletrônico em 12/03.", "transactional", "pt_BR")
    assert "alcohol" not in found(subject)


# Civic notices and public bills ------------------------------------------------------------------
@pytest.mark.parametrize("subject", [
    text("Travis County Elections: the voter registration deadline for the November 3 election is Monday, "
         "October 5. Update your address so you are assigned to the right polling place."),
    text("Ville de Lyon : pour voter aux élections municipales des 15 et 22 mars, inscrivez-vous sur les listes "
         "électorales jusqu'au 6 février.", language="fr_FR"),
    text("Stadt Freiburg, Wahlamt: Sie möchten bei der Landtagswahl am 8. März per Briefwahl wählen? Den "
         "Wahlschein können Sie bis Freitag online beantragen.", language="de_DE"),
])
def test_an_election_offices_non_partisan_notice_is_civic_information(subject: Subject) -> None:
    assert "politics" not in found(subject) and verdict(subject) == "approved"


@pytest.mark.parametrize("subject", [
    text("Vote for Maria Lopez, your candidate for District 4, on November 3. " + STOP, "promotional"),
    text("Nantes en commun, avec Claire Morel : premier tour des municipales le 15 mars. Venez échanger sur nos "
         "propositions jeudi à 19h. STOP au 36184", "promotional", "fr_FR"),
])
def test_campaigning_for_a_candidate_still_goes_to_a_human(subject: Subject) -> None:
    assert "politics" in found(subject) and verdict(subject) == "needs_admin"


@pytest.mark.parametrize("subject", [
    text("Ayuntamiento de Zaragoza: ya puedes consultar el recibo del IBI 2026. Si lo tienes domiciliado, el cargo "
         "en cuenta se hará el 5 de octubre. Consúltalo en https://www.zaragoza.es/sede/portal/tributos/",
         language="es_ES"),
    text("Urząd Miejski w Gdańsku przypomina: termin płatności opłaty za odpady mija 15 września. Numer konta "
         "znajdziesz na gdansk.pl.", language="pl_PL"),
])
def test_a_public_offices_own_bill_on_its_own_site_is_no_advance_fee(subject: Subject) -> None:
    assert verdict(subject) == "approved"


def test_the_same_bill_paid_on_a_stranger_site_is_still_an_advance_fee() -> None:
    subject = text("Ayuntamiento de Zaragoza: tiene un cargo pendiente del IBI 2026. Pague la tasa hoy en "
                   "https://pagos-tributos-online.com", language="es_ES")
    assert verdict(subject) == "rejected" and "advance_fee" in found(subject)


# Look-alikes that are something else -------------------------------------------------------------
@pytest.mark.parametrize(("subject", "code"), [
    (text("Trường THCS Nguyễn Du thông báo: họp phụ huynh lúc 7h30 Chủ nhật.", language="vi_VN"), "cannabis"),
    (carousel("Free delivery in Soweto and the Joburg CBD on orders over R500."), "cannabis"),
    (text("Combo desayuno: arepa, huevos pericos y chocolate, $18.000. Responde SALIR para no recibir más.",
          "promotional", "es_CO"), "illegal_drugs"),
])
def test_a_school_a_district_and_a_dish_are_not_the_goods_they_spell(subject: Subject, code: str) -> None:
    assert code not in found(subject)


def test_a_name_that_shares_a_word_with_a_brand_is_no_look_alike_of_it() -> None:
    subject = text("Votre colis arrive aujourd'hui.", suggestions=[
        {"type": "url", "text": "Suivre", "url": "https://track.babiexpress.ci/colis"}], language="fr_CI")
    assert "lookalike_domain" not in found(subject)


def test_a_brand_name_one_letter_off_is_still_a_look_alike() -> None:
    subject = text("Your order shipped.", suggestions=[
        {"type": "url", "text": "Track", "url": "https://www.aliexpres.com/track"}])
    assert "lookalike_domain" in found(subject)


# Hidden in one field -----------------------------------------------------------------------------
def test_a_pin_to_be_read_out_on_a_call_in_a_calendar_entry_is_asked_for() -> None:
    subject = text("Tu videollamada de activación está agendada.", language="es_CL", suggestions=[
        {"type": "calendar", "text": "Agregar", "title": "Activación", "start_time": "2026-03-12T16:00:00Z",
         "end_time": "2026-03-12T16:15:00Z", "description": "El ejecutivo te pedirá la clave de 4 dígitos y el "
                                                            "código que te llegará por SMS."}])
    assert found(subject).get("credentials") == "suggestions.0.description"


def test_a_job_card_that_turns_women_away_is_discrimination() -> None:
    subject = carousel("ڈرائیور کی نوکری، تنخواہ 45,000 روپے\u06d4", "صرف مرد امیدوار، خواتین رابطہ نہ کریں\u06d4",
                       language="ur_PK")
    assert found(subject).get("hate") == "components.cards.1.description" and verdict(subject) == "rejected"


def test_a_happy_ending_sent_to_the_hotel_room_is_sexual_solicitation() -> None:
    subject = carousel("นวดแผนไทย 2 ชม. 490 บาท", "ส่งน้องๆ ไปถึงโรงแรม เลือกน้องจากรูปได้ จบแบบ happy ending",
                       language="th_TH")
    assert found(subject).get("sexual_content") == "components.cards.1.description"


def test_a_loans_monthly_instalment_is_no_fee() -> None:
    subject = text("Préstamo Reforma Hogar: TIN 6,95 %, TAE 7,41 %. Ejemplo: 10.000 € a 60 meses, cuota mensual "
                   "de 197,80 €. Concesión sujeta a estudio. Solicita tu préstamo en la oficina. Responde BAJA para no "
                   "recibir más.", "promotional",
                   "es_ES")
    assert "advance_fee" not in found(subject)


# Prohibited written to get past a filter, and the lawful trade beside it ---------------------------
@pytest.mark.parametrize("subject", [
    text("Deer rifles in stock. Every firearm sale requires a valid photo ID, a completed Form 4473 and an approved "
         "federal background check; no online sales. " + STOP, "promotional"),
    text("Repetierbüchsen in .308 Win vorrätig. Verkauf nur im Laden gegen Vorlage einer gültigen Waffenbesitzkarte "
         "und Ihres Personalausweises. Abmelden: STOP.", "promotional", "de_DE"),
])
def test_a_dealer_that_sells_only_against_the_legal_checks_sells_no_weapon_without_them(subject: Subject) -> None:
    assert "weapons" not in found(subject)


def test_firearm_parts_without_a_background_check_are_still_weapons_without_checks() -> None:
    subject = text("Unserialized AR-15 parts kits, no background check, no paperwork. Ships today. " + STOP,
                   "promotional")
    assert found(subject).get("weapons") == "components.text" and verdict(subject) == "rejected"


@pytest.mark.parametrize("subject", [
    text("Duka la Vifaa tunaajiri wauzaji 3. Maombi ni BURE, hatutozi ada yoyote. Tuma CV kwa kazi@vifaa.co.tz. "
         "Kujiondoa tuma STOP.", "promotional", "sw_KE"),
    text("Hiring! Kailangan namin ng service crew sa Marikina. Walang placement fee o anumang bayad. I-text ang STOP "
         "para hindi na makatanggap.", "promotional", "fil_PH"),
])
def test_a_job_ad_that_says_it_charges_nothing_asks_no_fee(subject: Subject) -> None:
    assert "advance_fee" not in found(subject)


def test_a_job_ads_candidates_are_not_an_elections() -> None:
    subject = text("A Tasca do Zé está a contratar empregados de mesa. Não cobramos qualquer valor aos candidatos. "
                   "Para deixar de receber mensagens, responda STOP.", "promotional", "pt_PT")
    assert "politics" not in found(subject)


@pytest.mark.parametrize("subject", [
    text("Now hiring: counter cashier, $15/hr. Must be male, ages 18-30 ONLY. No older applicants and no women. "
         + STOP, "promotional"),
    text("مطلوب سكرتيرة. الشروط: آنسة، مسلمة ومحجبة، السن لا يزيد عن ٢٥ سنة. المتزوجات والمسيحيات لا يتقدمن. "
         "المرتب 7000 جنيه. لإيقاف الرسائل أرسل STOP", "promotional", "ar_EG"),
])
def test_a_job_that_turns_away_a_sex_an_age_or_a_religion_is_discrimination(subject: Subject) -> None:
    assert "hate" in found(subject) and verdict(subject) == "rejected"


@pytest.mark.parametrize("subject", [
    carousel("Hydrating facial, 50 min, $75.", "Pick your companion from our gallery, private room, extras "
             "negotiable directly with the girl. $200/hr, cash only."),
    carousel("جلسات مساج بالزيوت العطرية.", "بنات جدد، زيارة للفندق، خدمة كاملة بدون حدود، 800 ريال للساعة.",
             language="ar_SA"),
])
def test_an_escort_card_behind_a_spa_is_sexual_solicitation(subject: Subject) -> None:
    assert found(subject).get("sexual_content") == "components.cards.1.description"


def test_a_task_job_that_wants_a_top_up_to_activate_the_account_is_an_advance_fee() -> None:
    subject = text("Việc làm online tại nhà, thu nhập 500K/ngày. Nạp 300K để kích hoạt tài khoản cộng tác viên. "
                   "Đăng ký: https://congtacvien-donhang.vip/dangky", "promotional", "vi_VN")
    assert verdict(subject) == "rejected" and "advance_fee" in found(subject)


def test_crypto_sent_in_to_get_double_back_is_a_guaranteed_return() -> None:
    subject = text("Every wallet that sends 0.05 to 1 BTC to the event address gets DOUBLE back within 30 minutes. "
                   "https://x-giveaway-event.live/claim", "promotional")
    assert "guaranteed_returns" in found(subject) and verdict(subject) == "rejected"


def test_a_bank_telling_what_scammers_promise_promises_nothing() -> None:
    subject = text("Beware: scammers posing as advisers promise to double your money in crypto. We will never ask "
                   "for your PIN or OTP.", verified=("sbi",), language="en_IN")
    assert "guaranteed_returns" not in found(subject)


@pytest.mark.parametrize(("subject", "absent"), [
    (text("Préstamos de $2,000 a $15,000 sin revisar Buró. Sin comisiones por adelantado: nunca te pediremos dinero "
          "para liberar tu préstamo. Solicítalo en prestamoslucero.mx. Responde BAJA para no recibir más.",
          "promotional", "es_MX"), "advance_fee"),
    (text("With PesaNow Advance you can access the salary you've already earned. Flat 5% fee per advance, repaid "
          "on payday. " + STOP, "promotional", "en_KE"), "advance_fee"),
    (text("Шахматный клуб приглашает детей на турнир 12 апреля. Взнос 500 ₽, победителям медали и грамоты. "
          "Запись по телефону +7 (843) 212-45-90. Отписаться: ответьте STOP.", "promotional", "ru_RU"), "advance_fee"),
])
def test_a_fee_the_sender_says_it_never_takes_or_states_as_a_rate_or_an_entry_is_no_advance_fee(
        subject: Subject, absent: str) -> None:
    assert absent not in found(subject) and verdict(subject) != "rejected"


@pytest.mark.parametrize(("subject", "code"), [
    (text("Im Wasserpfeifen-Café Samira: neue Sorten, jeder Kopf 14 €, dienstags zwei Köpfe zum Preis von einem. "
          "Abmelden: STOP.", "promotional", "de_DE"), "tobacco"),
    (text("Попробуйте чашу на ананасе в лаунже «Облако». Отписаться: ответьте STOP.", "promotional", "ru_RU"),
     "tobacco"),
    (text("A tasting of six peated single malts, Friday 7pm, £35. " + STOP, "promotional", "en_GB"), "alcohol"),
    (text("Payday too far? Get a salary advance to your wallet today. " + STOP, "promotional", "en_KE"),
     "high_risk_lending"),
])
def test_restricted_goods_without_their_most_obvious_word_still_go_to_a_human(subject: Subject, code: str) -> None:
    assert code in found(subject) and verdict(subject) == "needs_admin"


def test_semaglutide_sold_without_a_prescription_is_an_illegal_drug() -> None:
    subject = text("Plumas de semaglutida a domicilio, sin fórmula médica, pago contraentrega. Responde BAJA para no "
                   "recibir más.", "promotional", "es_CO")
    assert "illegal_drugs" in found(subject) and verdict(subject) == "rejected"


def test_a_paid_fantasy_cricket_team_is_gambling_which_india_prohibits() -> None:
    subject = text("सिर्फ ₹49 की एंट्री में अपनी 11 खिलाड़ियों की टीम बनाइए और जीतिए ₹1 करोड़ तक का इनाम! STOP भेजें।",
                   "promotional", "hi_IN")
    assert "gambling" in found(subject) and verdict(subject) == "rejected"


# Everyday notices and their one-detail twins -----------------------------------------------------
def test_school_results_held_back_until_a_fee_is_sent_to_a_number_are_an_advance_fee() -> None:
    subject = text("প্রিয় অভিভাবক, ফলাফল পেতে আজকের মধ্যে ৫০০ টাকা 'ফলাফল প্রসেসিং ফি' 01712-345678 নম্বরে সেন্ড মানি "
                   "করুন। ফি না দিলে ফলাফল দেওয়া হবে না।", language="bn_BD")
    assert verdict(subject) == "rejected" and "advance_fee" in found(subject)


def test_a_job_ad_telling_foreigners_not_to_apply_is_discrimination() -> None:
    subject = text("Vacature: wij zoeken een bakkerijmedewerker. Je bent van Nederlandse afkomst; buitenlanders hoeven "
                   "niet te reageren. Geen berichten meer? Stuur STOP.", "promotional", "nl_NL")
    assert "hate" in found(subject) and verdict(subject) == "rejected"


def test_a_child_on_a_new_number_asking_for_money_in_swahili_is_impersonation() -> None:
    subject = text("Mama, ni mimi. Hii ni namba yangu mpya, simu yangu iliibiwa jana. Naomba unitumie shilingi 4,500 "
                   "leo. Usipige ile namba ya zamani.", language="sw_KE")
    assert "person_impersonation" in found(subject) and verdict(subject) == "rejected"


def test_remote_access_software_to_fix_a_charge_is_malware() -> None:
    subject = text("【禾木书店】您的会员账户存在异常扣费风险\uff0c请立即下载远程协助软件\uff0c"
                   "并将设备识别码告知客服 400-820-1234。", language="zh_CN")
    assert "malware" in found(subject) and verdict(subject) == "rejected"


def test_a_utilitys_planned_outage_threatens_nobody() -> None:
    subject = text("Stadtwerke Lindenau: Wegen Arbeiten an der Hauptwasserleitung ist die Wasserversorgung am Dienstag "
                   "von 8 bis 12 Uhr unterbrochen. Infos: https://stadtwerke-lindenau.de/stoerungen", language="de_DE")
    assert verdict(subject) == "approved"


# A phrase stops at a sentence's end; a code's name is no promo code; a brand's ordinary-word label -----------
def test_a_phrase_does_not_run_on_across_the_end_of_a_sentence() -> None:
    from chalicelib.services.review.terms import TermSet

    terms = TermSet(["paga solo"])
    assert [hit.term for hit in terms.finditer("oggi paga solo 2 euro")] == ["paga solo"]
    assert list(terms.finditer("senza busta paga. solo fino a domenica")) == []


def test_the_name_of_a_payment_code_after_code_is_no_promotion_in_a_transactional_template() -> None:
    warning = text("PKO Bank Polski: nigdy nie prosimy o kod BLIK ani PIN. Zadzwoń na 800 302 302.",
                   language="pl_PL", verified=("PKO Bank Polski",))
    assert "promotion_in_transactional" not in found(warning)
    assert "promotion_in_transactional" in found(text("Twoje zamówienie wysłane. Kod RABAT20 na kolejne zakupy.",
                                                     language="pl_PL"))


def test_a_host_ending_in_an_ordinary_word_of_an_agencys_domain_imitates_no_one() -> None:
    from chalicelib.services.review.brands import registry

    assert registry().imitated("sahmdigital.ae") is None  # digital.go.jp's label is a word
    assert registry().imitated("paypal-secure.com") == Imitation(brand="paypal")


def test_a_shop_naming_the_bills_it_takes_with_no_amount_link_or_number_impersonates_no_one() -> None:
    shop = text("ร้านเจริญโมบาย: รับชำระค่าบริการรายเดือน AIS, True และ dtac เติมเงินได้ทุกเครือข่าย "
                "เปิดทุกวัน 9:00-20:00 น. หน้าตลาดสดเทศบาล ยกเลิกรับข้อความ พิมพ์ STOP", "promotional", "th_TH")
    assert "brand_impersonation" not in found(shop)
    scam = text("AIS: your service fee of 299 THB is overdue. Pay now at https://ais-billpay.top", "transactional")
    assert verdict(scam) == "rejected"


@pytest.mark.parametrize(("body", "language"), [
    ("Chasse & Nature : vestes, bottes et jumelles à -30 %. Nous ne vendons ni armes ni munitions. STOP au 36111.",
     "fr_FR"),
    ("Kedai Pemburu: jaket, but dan teropong diskaun 40%. Kami tidak menjual senjata api atau peluru. Balas STOP.",
     "ms_MY"),
    ("CepCüzdan: fatura öde, para gönder. Kripto yok, kald\u0131raç yok, kumar yok; sadece günlük paran. "
     "Almamak için RET yaz\u0131n.", "tr_TR"),
])
def test_a_shop_that_says_which_restricted_goods_it_does_not_sell_sells_none(body: str, language: str) -> None:
    assert verdict(text(body, "promotional", language)) == "approved"


def test_a_job_ad_that_turns_away_women_in_one_card_excludes_a_group() -> None:
    ad = carousel("Cajero, turno matutino. Sueldo de $9,800 mensuales.",
                  "Almacenista, turno vespertino. Requisito: solo hombres de 18 a 30 años, mujeres abstenerse.",
                  language="es_MX")
    assert found(ad).get("hate") == "components.cards.1.description"


def test_a_verified_bank_quoting_what_fraudsters_promise_sells_none_of_it() -> None:
    warning = text("HSBC: fraudsters call pretending to be our security team and promise guaranteed income in crypto. "
                   "We never ask you to move money to a crypto wallet.", verified=("HSBC",), language="en_GB")
    assert "speculative_finance" not in found(warning)
    assert "speculative_finance" in found(text("Trade crypto with 10x leverage on our app today. " + STOP,
                                               "promotional"))


def test_a_fee_to_receive_a_ballot_is_an_advance_fee() -> None:
    ballot = text("Your mail-in ballot for the general election is on hold due to unpaid postage. Pay the $4.95 "
                  "postage fee by Friday: https://mailballot-postage.com/pay")
    assert verdict(ballot) == "rejected" and "advance_fee" in found(ballot)


# Age-restricted goods named by anything but their category --------------------------------------
@pytest.mark.parametrize(("body", "language"), [
    ("Harbour Lane Cellars: the spring case has landed, two Riojas and a Douro red for the long weekend. "
     "Not sold to anyone under 18. " + STOP, "en_GB"),
    ("Nebel & Co: neue Sorten Eisminze und Mango, jetzt im Laden. Abgabe nur an Volljährige. Abmelden mit STOP.",
     "de_DE"),
    ("Knalpot Breda: bestel je pakket voor oudejaarsavond en haal het op in de winkel. We verkopen alleen aan "
     "18-plussers. Afmelden? Antwoord STOP.", "nl_NL"),
])
def test_a_seller_that_refuses_minors_sells_something_age_restricted_and_a_human_looks(body: str,
                                                                                        language: str) -> None:
    subject = text(body, "promotional", language)
    assert verdict(subject) == "needs_admin" and found(subject).get("age_restricted") == "components.text"


def test_a_job_ads_minimum_age_is_a_hiring_criterion_not_an_age_restricted_sale() -> None:
    subject = text("Warehouse pickers wanted in Leeds, £11.80 an hour, day and night shifts. Must be 18 or over. "
                   + STOP, "promotional", "en_GB")
    assert "age_restricted" not in found(subject)


def test_a_gun_shop_that_runs_the_federal_background_check_sells_with_the_legal_checks() -> None:
    subject = text("Pine Hollow Outfitters: new bolt-action rifles for deer season. Every firearm sale needs a "
                   "completed federal background check at pickup. " + STOP, "promotional", "en_US")
    assert "weapons" not in found(subject)


def test_a_login_alert_that_cancels_with_your_card_pin_through_a_link_asks_for_the_pin() -> None:
    subject = text("Say\u0131n müşterimiz, hesab\u0131n\u0131za yeni bir cihazdan giriş yap\u0131ld\u0131.",
                   "transactional", "tr_TR",
                   suggestions=[{"type": "url", "text": "Kart şifrenizle onaylay\u0131n",
                                 "url": "https://hesap-onay-merkezi.com/iptal"}])
    assert verdict(subject) == "rejected" and found(subject).get("credentials") == "suggestions.0.text"


def test_an_otp_in_a_language_the_review_cannot_read_goes_to_a_human() -> None:
    subject = text("Сіздің кіру кодыңыз {{1}}. Оны ешкімге бермеңіз, тіпті банк қызметкеріне де.", "otp", "kk_KZ")
    assert verdict(subject) == "needs_admin" and "language_uncovered" in found(subject)


def test_fishing_rods_are_not_a_round_of_beers() -> None:
    subject = text("Deportes del Río: cañas de pescar telescópicas de fibra de carbono a $149.900 este fin de semana. "
                   "Para no recibir más mensajes responde BAJA.", "promotional", "es_CO")
    assert "alcohol" not in found(subject)


def test_a_matchmaking_service_that_refuses_families_by_caste_or_religion_excludes_a_group() -> None:
    subject = text("Shubh Milan matchmaking: premium profiles for Brahmin families. SC/ST and Muslim families need "
                   "not apply. " + STOP, "promotional", "en_IN")
    assert verdict(subject) == "rejected" and "hate" in found(subject)


def test_an_election_office_saying_it_asks_for_no_passwords_asks_for_none() -> None:
    subject = text("Cartório Eleitoral de Campinas: o atendimento para o título de eleitor vai até 6 de maio, com "
                   "agendamento em tse.jus.br. O cartório não envia links de pagamento nem pede senhas por mensagem.",
                   "transactional", "pt_BR")
    assert "credentials" not in found(subject)


def test_a_loan_released_against_a_payment_named_only_in_the_dial_button_is_an_advance_fee() -> None:
    subject = text("Mkopo Bora: ombi lako la mkopo wa KSh 25,000 limeidhinishwa.", "transactional", "sw_KE",
                   suggestions=[{"type": "dial", "text": "Lipa KSh 600 upate mkopo", "phone_number": "+254722555014"}])
    assert verdict(subject) == "rejected" and "advance_fee" in found(subject)


def test_a_job_ad_for_women_of_one_age_band_only_excludes_a_group() -> None:
    subject = text("Hiring: cashiers para sa aming tindahan sa Pasig, ₱18,000 kada buwan. Babae lamang, 20 hanggang "
                   "28 taong gulang. I-reply ang STOP para huminto.", "promotional", "tl_PH")
    assert verdict(subject) == "rejected" and "hate" in found(subject)


def test_a_job_ad_for_one_nationality_and_body_type_only_excludes_a_group() -> None:
    subject = text("Now hiring sales staff for our perfume counter in Deira. Nepali only, must be slim, send a full "
                   "body photo on WhatsApp 050 123 4567. " + STOP, "promotional", "en_AE")
    assert verdict(subject) == "rejected" and "hate" in found(subject)


def test_a_buyer_asking_for_the_code_the_seller_received_asks_for_a_secret() -> None:
    subject = text("Merhaba, koltuğu al\u0131yorum, ödemeyi yapt\u0131m. Telefonuna gelen 6 haneli kodu buraya "
                   "yazar m\u0131s\u0131n?", "transactional", "tr_TR")
    assert verdict(subject) == "rejected" and "credentials" in found(subject)


def test_a_new_number_story_that_asks_for_money_for_the_dorm_is_a_relative_impersonated() -> None:
    subject = text("Ma, ako 'to, bagong number ko. Nasira yung phone ko kahapon. Pa-send naman ng 2,000 pambayad "
                   "sa dorm, ibabalik ko agad.", "transactional", "tl_PH")
    assert verdict(subject) == "rejected" and "person_impersonation" in found(subject)


def test_a_vape_restock_named_by_its_puffs_is_tobacco() -> None:
    subject = text("Restock na! Disposables 10k puffs, all flavours, self collect or delivery. " + STOP,
                   "promotional", "en_SG")
    assert verdict(subject) == "needs_admin" and "tobacco" in found(subject)


def test_a_card_naming_a_bank_with_a_dial_button_under_the_banks_name_but_another_number_is_impersonation() -> None:
    subject = Subject("t", "transactional", "es_MX", {
        "type": "rich_card", "title": "Aviso de seguridad BBVA",
        "description": "Detectamos un intento de compra por $4,870.00 MXN en tu tarjeta con terminación {{1}}. Si no "
                       "reconoces este movimiento, comunícate con nuestra línea de atención para bloquearlo."},
        [{"type": "dial", "text": "Llamar a Línea BBVA", "phone_number": "+52 55 3918 4402"}], frozenset())
    assert verdict(subject) == "rejected" and "brand_impersonation" in found(subject)


def test_a_courier_saying_it_never_charges_at_the_door_charges_no_fee() -> None:
    subject = text("Yurtiçi Kargo: {{1}} numaral\u0131 gönderiniz bugün dağ\u0131t\u0131ma ç\u0131kt\u0131. Kurye "
                   "kap\u0131da ek ücret talep etmez. Takip: https://www.yurticikargo.com/takip",
                   "transactional", "tr_TR")
    assert verdict(subject) != "rejected"


def test_a_vietnamese_word_that_folds_to_an_english_one_is_not_that_word() -> None:
    subject = text("Kem chống nắng SPF50: kết cấu mỏng nhẹ, không bết dính. Giá 289.000đ. Soạn TC để từ chối.",
                   "promotional", "vi_VN")
    assert "gambling" not in found(subject)


def test_an_english_loanword_written_in_a_postback_still_counts() -> None:
    subject = text("Restaurant Het Pakhuis: uw reservering voor {{1}} personen is bevestigd.", "transactional", "nl_NL",
                   suggestions=[{"type": "reply", "text": "+ Arrangement € 39", "postback_data": "ADD_WINE_39"}])
    assert "alcohol" in found(subject)


def test_a_loan_released_only_after_a_processing_fee_is_an_advance_fee() -> None:
    subject = carousel("Loan hanggang ₱50,000 para sa negosyo o tuition.",
                       "Magbayad muna ng ₱500 na processing fee para ma-release namin ang inyong loan ngayong araw.",
                       language="tl_PH")
    assert verdict(subject) == "rejected" and "advance_fee" in found(subject)


@pytest.mark.parametrize(("language", "lookalike"), [("en_LK", False), ("en_AE", True)])
def test_a_short_name_one_letter_off_a_brand_counts_only_in_that_brands_market(language: str, lookalike: bool) -> None:
    subject = text("This week's Super Ball jackpot is 120 million. Results at https://www.dlb.lk", "promotional",
                   language)
    assert ("lookalike_domain" in found(subject)) is lookalike


@pytest.mark.parametrize(("body", "language"), [
    ("ANAF: aveți de primit o rambursare de 1.240 lei. Completați datele cardului pe https://anaf-rambursare.ro/f",
     "ro_RO"),
    ("Payme: keshbek tushdi. Batafsil: https://payrne.uz/cashback", "uz_UZ"),
])
def test_the_tax_office_and_wallets_of_smaller_markets_are_in_the_registry(body: str, language: str) -> None:
    assert verdict(text(body, "transactional", language)) == "rejected"


def test_money_sent_in_error_to_be_reversed_to_a_private_number_is_a_lure() -> None:
    subject = text("Confirmed. QJK4X7PL2M Ksh2,500.00 sent to you by M-PESA in error. Kindly reverse the funds to "
                   "0722 318 944. Safaricom Customer Care.", "transactional", "en_KE")
    assert verdict(subject) == "rejected" and "brand_impersonation" in found(subject)


def test_a_fee_an_employer_says_it_never_asks_for_is_no_lure_around_a_benefit_it_names() -> None:
    subject = carousel("Staf administrasi di Bandung. Gaji sesuai UMK, BPJS Kesehatan dan Ketenagakerjaan.",
                       "Seluruh proses rekrutmen kami gratis. Kami tidak pernah meminta biaya pendaftaran.",
                       language="id_ID")
    subject = Subject("t", "promotional", "id_ID", subject.components,
                      [{"type": "url", "text": "Lihat lowongan", "url": "https://karir.sinartekstil.co.id/"},
                       {"type": "reply", "text": "STOP", "postback_data": "STOP"}], frozenset())
    assert verdict(subject) != "rejected"


def test_a_payment_page_under_an_australian_domain_names_no_japanese_wallet() -> None:
    subject = text("Harbourside Car Parks: notice {{1}} ($65.00) is due on {{2}}. Pay or dispute at "
                   "https://harboursidecarparks.com.au/pay", "transactional", "en_AU")
    assert "brand_impersonation" not in found(subject) and "unverified_brand" not in found(subject)


def test_a_child_in_trouble_on_the_phone_asking_for_bail_money_is_a_relative_impersonated() -> None:
    subject = text("Mamá, soy yo, no me cuelgues. Tuve un accidente y me detuvieron. Necesito que deposites $12,000 "
                   "para la fianza a la cuenta {{1}}.", "transactional", "es_MX")
    assert verdict(subject) == "rejected" and "person_impersonation" in found(subject)


@pytest.mark.parametrize(("body", "language"), [
    ("Studio, Northern Quarter, £780 pcm. To secure it, pay a £250 holding deposit today and we'll post the keys "
     "to you. " + STOP, "en_GB"),
    ("Sigue disponible el depa en la Roma, $9,500 al mes. No hay visitas, pero si depositas $3,000 de anticipo te "
     "mando las llaves por paquetería.", "es_MX"),
])
def test_a_deposit_for_a_flat_whose_keys_come_by_post_is_an_advance_fee(body: str, language: str) -> None:
    assert "advance_fee" in found(text(body, "promotional", language))


def test_a_verified_banks_warning_that_quotes_what_fraudsters_ask_for_asks_for_nothing() -> None:
    subject = Subject("t", "transactional", "en_IN", {"type": "carousel", "cards": [
        {"title": "\"Your KYC is pending\"", "description": "If a call says this and asks you to share an OTP, it "
                                                           "is a fraud. SBI never blocks accounts over SMS links."},
        {"title": "Stay safe", "description": "SBI staff will never ask you to install AnyDesk or any APK."}]},
        [{"type": "url", "text": "Safety tips", "url": "https://sbi.co.in/web/personal-banking/safety"}],
        verified_ids(["sbi"]))
    assert verdict(subject) == "approved"


def test_a_shop_whose_name_holds_a_brands_word_names_itself_not_the_brand() -> None:
    subject = text("Súper La Hacienda: ¡Tu pedido {{1}} fue entregado! Total pagado: $1,284.50.", "transactional",
                   "es_MX", suggestions=[{"type": "url", "text": "Ver ticket",
                                          "url": "https://superlahacienda.com.mx/pedidos"}])
    assert "brand_impersonation" not in found(subject) and "unverified_brand" not in found(subject)


def test_a_supplier_saying_its_bank_details_have_not_changed_is_warning_not_asking() -> None:
    subject = text("Harrow Fasteners: invoice {{1}} for £{{2}} is now in your trade account. Our bank details have "
                   "not changed; if anyone asks you to update them, call your account manager.", language="en_GB",
                   suggestions=[{"type": "url", "text": "View invoice",
                                 "url": "https://trade.harrowfasteners.co.uk/invoices"}])
    assert verdict(subject) == "approved"


def test_a_cash_advance_on_card_takings_is_a_loan_not_an_advance_fee() -> None:
    subject = text("Anticipo Incassi POS per bar e negozi: fino a 50.000 € in 24 ore, rimborsi con una piccola "
                   "percentuale sui pagamenti con carta. Nessun controllo in Centrale Rischi. " + "Rispondi STOP per "
                   "non ricevere altri messaggi.", "promotional", "it_IT",
                   suggestions=[{"type": "url", "text": "Calcola", "url": "https://www.flussocassa.it/anticipo"}])
    assert "advance_fee" not in found(subject) and verdict(subject) == "needs_admin"


@pytest.mark.parametrize(("subject", "code"), [
    (text("Ndugu mfanyabiashara, usajili wa TIN wa biashara yako una taarifa mpya zinazohitaji kuthibitishwa.",
          language="sw_TZ", suggestions=[{"type": "dial", "text": "Piga TRA Huduma", "phone_number": "+255754318902"}]),
     "brand_impersonation"),
    (text("НАП: Установено \u0435 неплатено задължение по ДДС за Вашата фирма. Платете в срок от 24 часа на "
          "https://nap-bg-plashtania.com", language="bg_BG"), None),
])
def test_the_tax_offices_of_tanzania_and_bulgaria_are_known(subject: Subject, code: str | None) -> None:
    assert verdict(subject) == "rejected"
    if code:
        assert code in found(subject)


@pytest.mark.parametrize(("subject", "code"), [
    (text("Hi member, 12,400 Rewards points you akan luput malam ni. Untuk kekalkan points, reply dengan 6-digit "
          "code yang kami baru SMS kat you tadi.", "promotional", "ms_MY"), "credentials"),
    (text("Privet! Zakladki po vsemu gorodu 24/7. Kachestvo top, oplata kriptoi, pishi v telegu.", "promotional",
          "ru_RU"), "illegal_drugs"),
    (carousel("Naukri: Delivery Executive, Noida, ₹18,000/mahina, bike aur DL zaroori.",
              "Security Guard, Gurgaon: ₹16,500/mahina. Sirf ladke apply karein, umar 35 saal se kam honi chahiye.",
              language="hi_IN"), "hate"),
])
def test_what_people_type_on_phones_is_read(subject: Subject, code: str) -> None:
    assert verdict(subject) == "rejected" and code in found(subject)


def test_a_strain_named_by_a_dispensary_where_cannabis_is_restricted_goes_to_a_human() -> None:
    subject = text("Green Wave Cannabis Dispensary: Weed คุณภาพดี strain ใหม่ OG Kush มาแล้ว! สำหรับอายุ 20+ เท่านั้น "
                   "พิมพ์ STOP เพื่อยกเลิก", "promotional", "th_TH")
    assert verdict(subject) == "needs_admin" and "illegal_drugs" not in found(subject)


def test_a_shop_that_serves_only_adults_showing_their_id_goes_to_a_human() -> None:
    subject = text("Halo kak! Koleksi baru sudah ready di toko kami. Toko kami hanya melayani pembeli usia 21 tahun "
                   "ke atas, wajib tunjukkan KTP saat pembelian ya. Ketik STOP buat berhenti.", "promotional", "id_ID")
    assert verdict(subject) == "needs_admin"


def test_a_telco_linking_to_its_own_short_domain_is_no_look_alike() -> None:
    assert registry().imitated("www.ais.th") is None


def test_a_spa_carousel_whose_last_card_sells_sex_in_tanglish_is_rejected() -> None:
    subject = carousel("Aroma Oil Massage: 60 நிமிடம் full body relaxation, ₹1,499 மட்டும்.",
                       "VIP Room Service: young college ponnunga available, full service with happy ending.",
                       language="ta_IN")
    assert verdict(subject) == "rejected" and "sexual_content" in found(subject)


@pytest.mark.parametrize(("subject", "code"), [
    (text("مطلوب ممرضات للعمل في مركز رعاية في دبي. راتب مجزٍ وسكن. لا نقبل المتقدمات من الجنسية الهندية أو "
          "الباكستانية. لإلغاء الاشتراك أرسل STOP.", "promotional", "ar_AE"), "hate"),
    (text("किडनी डोनर की तुरंत आवश्यकता! डोनर को ₹3 करोड़ का भुगतान। रजिस्ट्रेशन के लिए ₹8,500 शुल्क जमा करें। "
          "बंद करने के लिए STOP भेजें।", "promotional", "hi_IN"), "advance_fee"),
    (text("Уважаемый вкладчик ЕНПФ! Вам доступно изъятие части пенсионных накоплений на лечение.", language="ru_KZ",
          suggestions=[{"type": "url", "text": "Проверить", "url": "https://enpf-vyplaty.kz/zayavlenie"}]),
     "lookalike_domain"),
])
def test_health_and_welfare_scams_are_rejected(subject: Subject, code: str) -> None:
    assert verdict(subject) == "rejected" and code in found(subject)


def test_a_tagalog_word_spelled_like_an_english_term_is_read_as_tagalog() -> None:
    subject = text("Paalala mula sa Santa Rosa Medical Center: ang inyong check-up kay Dr. Villanueva ay sa Huwebes, "
                   "9:00 ng umaga. Pakidala po ang inyong mga dating resulta ng ECG.", language="fil_PH")
    assert verdict(subject) == "approved"
    assert "dating" in found(text("Hanap partner? Subukan ang aming dating app ngayon!", "promotional", "fil_PH"))
