"""The words and phrases the rules look for, in English, Spanish, Portuguese and Hindi
(Devanagari and the Latin spelling common in Indian SMS). Matching is on whole words after
folding (case, Latin accents, simple look-alike spelling), so write terms plainly here.

Terms are deliberately specific ("bet now", not "bet"; "firearm", not "gun"): a term here can
reject a template without a human, so a false hit costs a customer a rejection.
"""

from __future__ import annotations

from chalicelib.services.review.text import fold


def _terms(*terms: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(fold(term) for term in terms))


PROHIBITED: dict[str, tuple[str, tuple[str, ...]]] = {
    # topic: (what the message says about it, terms)
    "adult": ("adult sexual content", _terms(
        "porn", "porno", "pornography", "xxx", "nude", "nudes", "naked pics", "sex chat", "sexting", "sex",
        "escort service", "escorts", "call girl", "call girls", "adult content", "hookup", "hook up tonight",
        "onlyfans", "erotic", "camgirl",
        "desnuda", "desnudas", "contenido para adultos", "acompañantes", "sexo",
        "conteúdo adulto", "acompanhantes", "pornografia",
        "पोर्न", "अश्लील", "सेक्स", "कॉल गर्ल",
    )),
    "gambling": ("gambling", _terms(
        "casino", "online casino", "poker", "betting", "bet now", "place your bet", "place a bet", "free bet",
        "free bets", "sportsbook", "slot machine", "slots", "jackpot", "roulette", "blackjack", "satta",
        "matka", "satta matka", "teen patti", "rummy", "real money games", "real cash games", "win real cash",
        "lottery", "lotto",
        "apuestas", "apuesta", "apuesta ahora", "casino en línea", "tragamonedas", "lotería",
        "apostas", "aposta", "aposte", "cassino", "jogo do bicho", "caça-níqueis", "loteria",
        "सट्टा", "जुआ", "कैसीनो", "सट्टेबाजी", "लॉटरी", "रमी", "तीन पत्ती",
    )),
    "weapons": ("weapons", _terms(
        "firearm", "firearms", "handgun", "pistol", "pistols", "rifle", "rifles", "revolver", "ammunition",
        "ammo", "guns for sale", "buy guns", "buy a gun", "gun shop", "assault weapon", "silencer", "grenade",
        "explosives",
        "armas de fuego", "municiones", "pistola", "pistolas", "fusil",
        "armas de fogo", "munição", "fuzil", "revólver",
        "बंदूक", "हथियार", "पिस्तौल", "कारतूस", "कट्टा", "katta", "bandook",
    )),
    "drugs": ("illegal drugs", _terms(
        "cocaine", "heroin", "meth", "methamphetamine", "mdma", "ecstasy pills", "lsd", "weed", "marijuana",
        "cannabis", "ganja", "charas", "hashish", "magic mushrooms", "opium", "fentanyl", "ketamine",
        "party drugs", "xanax without prescription", "buy xanax",
        "cocaína", "marihuana", "drogas", "heroína", "éxtasis",
        "maconha", "cocaína", "drogas", "heroína",
        "गांजा", "चरस", "अफीम", "कोकीन", "हेरोइन", "ड्रग्स",
    )),
    "hate": ("hateful content", _terms(
        "inferior race", "subhuman", "ethnic cleansing", "exterminate them", "death to all", "kill all",
        "go back to your country",
        "raza inferior", "limpieza étnica", "muerte a todos",
        "raça inferior", "limpeza étnica", "morte a todos",
        "नीच जाति", "जाति से बाहर करो",
    )),
    "scam": ("a scam", _terms(
        "you have won", "you've won", "you won", "claim your prize", "claim your reward now", "prize money",
        "lucky winner", "kbc", "double your money", "triple your money", "processing fee to release",
        "pay a small fee", "pay a registration fee", "inheritance funds", "crypto giveaway", "free iphone",
        "earn from home daily", "unclaimed funds", "get rich quick",
        "has ganado", "ganaste", "reclama tu premio", "ganador afortunado", "duplica tu dinero",
        "você ganhou", "voce ganhou", "resgate seu prêmio", "ganhador sortudo", "dobre seu dinheiro",
        "आपने जीता", "आपने जीते", "इनाम जीता", "पैसा डबल", "aapne jeeta", "aapne jeete", "paisa double",
    )),
}

ALCOHOL = _terms(
    "beer", "beers", "wine", "wines", "whisky", "whiskey", "vodka", "rum", "gin", "tequila", "liquor",
    "alcohol", "alcoholic", "brewery", "cocktail", "cocktails",
    "cerveza", "cervezas", "vino", "vinos", "licor", "licores",
    "cerveja", "cervejas", "vinho", "vinhos", "cachaça", "bebida alcoólica",
    "शराब", "बीयर", "दारू", "व्हिस्की", "daru", "sharab",
)
AGE_GATE = _terms(
    "18+", "21+", "25+", "legal drinking age", "drink responsibly", "adults only",
    "mayores de 18", "bebe con moderación", "maiores de 18", "beba com moderação",
    "18 वर्ष से अधिक", "18 साल से ऊपर",
)
TOBACCO = _terms(
    "cigarette", "cigarettes", "cigar", "cigars", "tobacco", "vape", "vapes", "vaping", "e-cigarette",
    "hookah", "nicotine", "gutka", "gutkha",
    "cigarrillo", "cigarrillos", "tabaco", "vapeador", "cigarro", "cigarros",
    "सिगरेट", "तंबाकू", "गुटखा", "हुक्का",
)
FINANCIAL_PROMISES = _terms(
    "guaranteed returns", "guaranteed return", "guaranteed profit", "guaranteed profits", "assured returns",
    "risk-free investment", "risk free investment", "risk-free returns", "100% returns", "fixed daily returns",
    "earn daily", "get rich", "instant loan", "pre-approved loan", "preapproved loan", "no credit check",
    "loan without documents",
    "rentabilidad garantizada", "ganancias garantizadas", "préstamo inmediato", "préstamo preaprobado",
    "sin buró", "dinero fácil",
    "lucro garantido", "rendimento garantido", "retorno garantido", "empréstimo pré-aprovado",
    "dinheiro fácil",
    "गारंटीड रिटर्न", "पक्का मुनाफा", "तुरंत लोन", "गारंटी से मुनाफा", "guaranteed munafa",
)

# Promotion: in an OTP template it is a rejection, in a transactional one a question for a human.
OFFERS = _terms(
    "% off", "off on", "discount code", "discount coupon", "get a discount", "flat discount", "sale",
    "mega sale", "offer", "offers", "deal", "deals", "coupon", "promo code", "cashback", "buy 1 get 1",
    "free shipping", "free delivery", "envío gratis", "entrega grátis", "मुफ्त डिलीवरी",
    "buy one get one", "bogo", "free gift", "limited time", "limited period", "shop now", "save up to",
    "exclusive offer", "clearance", "upgrade now and save",
    "descuento", "descuentos", "oferta", "ofertas", "promoción", "rebaja", "rebajas", "cupón",
    "compra ahora",
    "desconto", "descontos", "promoção", "cupom", "liquidação", "frete grátis", "compre agora",
    "छूट", "ऑफर", "सेल", "कैशबैक", "डिस्काउंट", "कूपन",
)
OFFER_PERCENT = ("% off", "% de descuento", "% de desconto", "% छूट", "% discount", "% cashback")

OTP_WORDS = _terms(
    "otp", "one time password", "one-time password", "verification code", "security code", "login code",
    "passcode", "código de verificación", "código de seguridad", "código de verificação",
    "código de segurança", "ओटीपी", "सत्यापन कोड", "वेरिफिकेशन कोड",
)

OPT_OUT = _terms(
    "stop", "unsubscribe", "opt out", "opt-out", "optout",
    "baja", "darse de baja", "cancelar suscripción", "para dejar de recibir",
    "sair", "descadastrar", "cancelar inscrição", "parar de receber", "parar",
    "अनसब्सक्राइब", "बंद करने", "रोकने", "बंद करें",
)

# Phishing: a request verb next to something secret, not negated.
SECRETS = _terms(
    "pin", "atm pin", "upi pin", "mpin", "password", "passcode", "cvv", "cvc", "card number", "card details",
    "full card", "bank details", "account number", "net banking", "login details", "credentials", "otp",
    "one time password", "verification code", "security code",
    # a code the recipient got elsewhere ("share the 6-digit code we sent you")
    "digit code", "code we sent", "code you received", "code sent to you", "code sent to your phone",
    "contraseña", "clave", "número de tarjeta", "datos de tu tarjeta", "código de verificación",
    "código que te enviamos", "código que recibiste",
    "senha", "número do cartão", "dados do cartão", "código de verificação", "código que enviamos",
    "código que você recebeu",
    "पिन", "पासवर्ड", "ओटीपी", "कार्ड नंबर", "सीवीवी", "बैंक विवरण", "प्राप्त कोड", "भेजा गया कोड",
)
# English, Spanish and Portuguese put the verb first ("share your PIN"); Hindi puts it last
# ("अपना पिन भेजें").
VERBS_FIRST = _terms(
    "share", "send", "reply", "text", "tell", "provide", "give", "submit", "forward", "confirm",
    "comparte", "compartir", "envía", "envíanos", "envia", "responde", "proporciona", "dinos", "confirma",
    "compartilhe", "envie", "responda", "informe", "diga", "confirme",
)
VERBS_LAST = _terms(
    "भेजें", "भेजिए", "भेजो", "बताएं", "बताइए", "बताएँ", "दें", "शेयर", "साझा", "bhejein", "bhejo", "batayein",
    "batao", "share",
)
NEGATIONS = _terms(
    "not", "never", "don't", "do not", "dont", "no", "nunca", "jamás", "não", "nao",
    "न", "मत", "ना", "कभी", "नहीं", "mat", "kabhi",
)

ACCOUNT_THREATS = _terms(
    "will be blocked", "has been blocked", "will be suspended", "has been suspended", "will be deactivated",
    "will be closed", "kyc expired", "kyc pending", "kyc update", "update your kyc", "account locked",
    "account suspended", "account blocked",
    "será bloqueada", "ha sido bloqueada", "cuenta suspendida", "cuenta bloqueada",
    "será bloqueada", "foi bloqueada", "conta suspensa", "conta bloqueada",
    "ब्लॉक हो जाएगा", "बंद हो जाएगा", "केवाईसी", "kyc",
)
CALLS_TO_ACT = _terms(
    "click", "tap", "verify", "update", "login", "log in", "call", "visit",
    "haz clic", "verifica", "actualiza", "clique", "verifique", "atualize",
    "क्लिक", "अपडेट", "कॉल करें",
)

SHORTENERS = frozenset({
    "bit.ly", "bitly.com", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "buff.ly", "rebrand.ly",
    "cutt.ly", "shorturl.at", "rb.gy", "tiny.cc", "t.ly", "s.id", "v.gd", "bl.ink", "lnkd.in", "shorte.st",
    "adf.ly", "tr.im", "cli.gs", "x.co", "shorturl.com", "urlz.fr", "short.gy",
})

# Frequent short words, to tell languages of one script apart (English text declared as Spanish).
STOPWORDS: dict[str, frozenset[str]] = {
    language: frozenset(_terms(*words.split()))
    for language, words in {
        "en": "the your you is and to for of has have will with our at on this we be been are it in by from",
        "es": "el la los las tu su es y para de del con por ha sido tus nuestro una un en que hoy te lo al",
        "pt": "o a os as seu sua é e para de do da com por foi em um uma que hoje você não no na ao pela pelo",
        "fr": "le la les votre vos est et pour de du avec par été une un en que nous vous au aux",
        "de": "der die das ihr ihre ist und für von mit wurde eine ein wir sie zu den dem",
        "it": "il la le tuo tua è e per di del con da stato una un che oggi al della",
        "hi": "aapka aapki aapke hai ho gaya gayi karein ke liye mein ka ki se aur hain kar abhi",
    }.items()
}

# Brands phishers imitate with look-alike domains (netf1ix, paypa1): a link whose host, with
# look-alike spelling undone, names one of them while the host as written does not.
IMPERSONATED_BRANDS = (
    "paypal", "netflix", "amazon", "apple", "icloud", "google", "microsoft", "outlook", "whatsapp", "facebook",
    "instagram", "paytm", "phonepe", "sbi", "hdfc", "icici", "axisbank", "kotak", "indiapost", "fedex", "dhl",
    "santander", "bradesco", "itau", "nubank", "mercadopago", "bbva",
)
