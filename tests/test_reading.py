"""Reading pain reports and warning signs in every language (domain/reading.py)."""

from __future__ import annotations

import pkgutil

import pytest

import domain.lexicons
from domain import pain, redflags, safety_check
from domain.pain import AREAS
from domain.reading import (
    LANGUAGES,
    detect_warning_signs,
    detect_warning_signs_any,
    guess_language,
    lexicon,
    parse_pain_message,
    supported,
    worth_asking,
)
from domain.redflags import SIGN_CODES

LEXICON_LANGUAGES = [m.name for m in pkgutil.iter_modules(domain.lexicons.__path__)]


# ------------------------------------------------------------------------------ English


@pytest.mark.parametrize(
    "text",
    ["lower back 6", "was 6 now 3", "no pain today", "see you at 7", "roughly a 5", "4 or 5"],
)
def test_english_pain_reports_are_read_exactly_as_before(text):
    assert parse_pain_message(text, "en") == pain.parse_pain_message(text)


@pytest.mark.parametrize(
    "text",
    ["my groin feels numb", "no numbness or tingling", "I fell off my bike", "fell asleep"],
)
def test_english_warning_signs_are_read_exactly_as_before(text):
    assert detect_warning_signs(text, "en") == redflags.detect_warning_signs(text)


@pytest.mark.parametrize("text", ["urine is coming out in drops", "no trouble peeing", "pain 4"])
def test_english_safety_net_is_domain_safety_check(text):
    assert worth_asking(text, "en") == safety_check.worth_asking(text)


def test_a_language_without_a_lexicon_reads_nothing():
    assert not supported("xx")
    assert parse_pain_message("dolore 6", "it").kind == "none"
    assert detect_warning_signs("febbre alta", "it") == []


# ----------------------------------------------------------------------- every lexicon


@pytest.mark.parametrize("language", LEXICON_LANGUAGES)
def test_every_lexicon_names_known_sign_codes_and_areas(language):
    lex = lexicon(language)
    assert lex is not None and lex.code == language
    assert set(lex.sign_patterns) <= set(SIGN_CODES)
    assert set(lex.areas.values()) <= {area.code for area in AREAS}
    # compiling every pattern (word classes expanded) raises nothing
    detect_warning_signs("x", language)
    parse_pain_message("x 5", language)


# ------------------------------------------------------------------------- German pain


@pytest.mark.parametrize(
    ("text", "level", "area"),
    [
        ("Rücken heute 6", 6, None),
        ("ruecken heute 6", 6, None),
        ("LWS so etwa 5", 5, "lower back"),
        ("heute ne 6", 6, None),
        ("fünf von zehn", 5, None),
        ("fuenf von zehn", 5, None),
        ("5/10", 5, None),
        ("nacken ca 3", 3, "neck & shoulders"),
        ("war 7, jetzt 4", 4, None),
        ("von 7 auf 4 runter nach dem Spaziergang", 4, None),
        ("heute keine Rückenschmerzen", 0, None),
        ("hexenschuss, schmerz 8", 8, "lower back"),
        ("Ischias zieht, würde sagen 6", 6, "leg"),
        ("6,5", 7, None),
        ("hab 2 Übungen gemacht, rücken 3", 3, None),  # "2 Übungen" is a count
        ("gestern 3 heute 3", 3, None),
        ("mega pain im lower back, so 7", 7, "lower back"),  # English mixed in
    ],
)
def test_german_reports_are_recorded(text, level, area):
    parse = parse_pain_message(text, "de")
    assert (parse.kind, parse.level, parse.area) == ("report", level, area)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("5 oder 6", "range"),
        ("zwischen 4 und 6", "range"),
        ("Rücken tut weh", "no_number"),
        ("gestern 8", "past"),
        ("schmerz 15", "out_of_range"),
        ("schmerzen 7 von 100", "other_scale"),
    ],
)
def test_german_messages_that_need_asking_back(text, reason):
    parse = parse_pain_message(text, "de")
    assert (parse.kind, parse.reason) == ("unclear", reason)


@pytest.mark.parametrize(
    "text",
    [
        "bin um 7 zuhause",
        "2 Tabletten genommen",
        "bin 45 und hab zwei Kinder",
        "5 km gelaufen",
        "wir sehen uns morgen",
        "ist 8 zu hoch für die Massage?",
    ],
)
def test_german_chat_is_left_alone(text):
    assert parse_pain_message(text, "de").kind == "none"


def test_german_note_keeps_the_users_words_less_the_rating():
    parse = parse_pain_message("rücken steif vom sitzen, so 6 würd ich sagen", "de")
    assert parse.note == "rücken steif vom sitzen"
    assert parse_pain_message("tut weh 6/10", "de").note == ""  # only the rating
    assert parse_pain_message("LWS 5, langer Tag im Büro", "de").note == "langer Tag im Büro"
    # "hab" is read as "habe", but the note quotes what was typed
    assert parse_pain_message("LWS 5, zu lang gesessen hab", "de").note == "zu lang gesessen hab"
    assert parse_pain_message("Rücken 6, müde", "de").note == "müde"
    assert parse_pain_message("Mir gehts gut 😊 Rücken 2", "de").note == "Mir gehts gut"


# ------------------------------------------------------------------------ German signs


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("taub im Schritt seit gestern", "saddle_numbness"),
        ("kann das Wasser nicht mehr halten", "bladder_bowel"),
        ("beide Beine kribbeln", "both_legs"),
        ("hab seit gestern fieber 39,2", "fever"),
        ("bin gestern auf der Treppe gestürzt", "trauma"),
        ("hatte vor 10 Jahren Brustkrebs", "cancer_history"),
        ("nachts weckt mich der Schmerz", "night_pain"),
        ("linkes Bein ist taub", "leg_numbness"),
        ("rechter Fuss knickt immer weg", "leg_weakness"),
    ],
)
def test_german_warning_signs_are_found(text, code):
    assert code in detect_warning_signs(text, "de")


@pytest.mark.parametrize(
    "text",
    [
        "keine Taubheit im Schritt",  # negated in its own clause
        "Beine waren taub, ist aber wieder weg",  # resolved
        "mein Vater hat taube Beine",  # someone else
        "hab gelesen, dass Taubheit im Schritt ein Notfall ist",  # read about
        "das hat mir gut gefallen",  # an idiom, not a fall
        "hab Lampenfieber vor dem Vortrag",
        "Staub im Schritt der Hose",  # "taub" inside another word
    ],
)
def test_german_near_misses_do_not_alarm(text):
    assert detect_warning_signs(text, "de") == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # a bowel movement (or passing water) that stopped working
        ("kacken klappt seit 3 tagen gar nicht mehr, kreuz tut weh", "bladder_bowel"),
        ("hab seit vorgestern keinen Stuhlgang und der Rücken brennt", "bladder_bowel"),
        ("kann seit heute früh nicht mehr richtig pinkeln", "bladder_bowel"),
        # both legs asleep and it stays
        ("meine Füsse sind eingeschlafen, immer noch, seit Stunden", "both_legs"),
        ("beide Beine schlafen ein und es geht einfach nicht weg", "both_legs"),
        # weight lost without trying, German phrasing
        ("6 kg abgenommen, hab nix dafür getan", "weight_loss"),
        ("hab abgenommen ohne irgendwas zu ändern", "weight_loss"),
        # Swiss German
        ("mis linke Bei isch ganz taub", "leg_numbness"),
        ("beidi Bei sind taub", "both_legs"),
        # the area between the verb and the loss of feeling
        ("spür am Po kaum was, seit gestern", "saddle_numbness"),
        ("nach dem abputzen merk ich da unten nix", "saddle_numbness"),
        # a real blow: "umgehauen" by a dog, a person or a wave stays trauma
        ("hat mich umgehauen der Hund, seitdem Rücken", "trauma"),
        ("ein Radfahrer hat mich umgehauen", "trauma"),
    ],
)
def test_german_everyday_ways_of_saying_a_sign_are_found(text, code):
    assert code in detect_warning_signs(text, "de")


@pytest.mark.parametrize(
    "text",
    [
        "hab mir vor Lachen fast in die Hose gemacht",
        "lach mich schlapp, hätte beinahe in die Hose gemacht",
        "das Konzert hat mich total umgehauen, Rücken ist ok",
        "hat mich echt umgehauen, die Nachricht",
        "das hat mich umgehauen",
        "Beine eingeschlafen beim Sitzen, nach einer Minute wieder weg",
        "stuhlgang geht, pinkeln auch, nur der Rücken zieht",
        "merk da unten nichts mehr von den Schmerzen",
        "Blase geht nicht weh, nur der Rücken",
    ],
)
def test_german_idioms_and_passing_feelings_do_not_alarm(text):
    assert detect_warning_signs(text, "de") == []


def test_a_negation_reaches_only_its_own_clause():
    assert detect_warning_signs("kein Fieber, aber taub im Schritt", "de") == ["saddle_numbness"]


def test_a_sign_in_any_language_is_found_whatever_the_users_language():
    text = "seit heute taub im Schritt"
    assert "saddle_numbness" in detect_warning_signs_any(text)
    assert detect_warning_signs(text, "en") == []
    both = detect_warning_signs_any("my groin is numb. hab auch fieber")
    assert both == ["saddle_numbness", "fever"]  # the stable order of SIGN_CODES


def test_a_sign_in_german_words_inside_an_english_message_is_found():
    assert detect_warning_signs_any("lower back 7 und taub im Schritt") == ["saddle_numbness"]


def test_a_word_languages_share_is_judged_by_the_messages_own_language():
    text = "my dad had a tumor removed, my back is just stiff"
    assert detect_warning_signs(text, "de") == ["cancer_history"]  # German alone: "tumor"
    assert detect_warning_signs(text, "en") == []  # English knows it is dad's
    assert detect_warning_signs_any(text) == []


def test_english_symptom_words_mixed_into_german_are_read():
    assert detect_warning_signs_any("hab seit gestern numb groin") == ["saddle_numbness"]


def test_a_relatives_cancer_told_in_german_is_no_sign_of_the_user():
    text = "meine mutter hatte chemo, ich begleite sie und sitz viel im wartezimmer"
    assert detect_warning_signs(text, "en") == ["cancer_history"]  # English alone: "chemo"
    assert detect_warning_signs_any(text) == []


def test_the_union_covers_every_supported_language():
    assert LANGUAGES[0] == "en" and {"de", "es", "ru"} <= set(LANGUAGES)


# -------------------------------------------------------------------- guess_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ich habe heute starke Rückenschmerzen", "de"),
        ("mein ruecken tut heute echt weh", "de"),
        ("my back hurts a lot today", "en"),
        ("me duele mucho la espalda hoy", "es"),
        ("у меня сильно болит спина", "ru"),
        ("у мене болить спина, що робити", "uk"),
        ("j'ai mal au dos aujourd'hui", "fr"),
        ("oggi ho molto mal di schiena", "it"),
        ("estou com muita dor nas costas hoje", "pt"),
        ("ik heb vandaag veel pijn in mijn rug", "nl"),
        ("bardzo mnie dzisiaj boli plecy", "pl"),
        ("bugün sırtım çok ağrıyor", "tr"),
        ("我的背很痛", "zh"),
        ("背中が痛いです", "ja"),
        # one word of thanks or greeting is enough
        ("danke!", "de"),
        ("gracias", "es"),
        ("thanks a lot", "en"),
        ("merci beaucoup", "fr"),
        ("teşekkürler", "tr"),  # Turkish "ü" is no German vote
    ],
)
def test_guess_language(text, expected):
    assert guess_language(text) == expected


@pytest.mark.parametrize("text", ["5", "ok", "👍", "", "7/10", "hmm"])
def test_guess_language_is_none_when_unsure(text):
    assert guess_language(text) is None


# ---------------------------------------------------------------- German safety net


@pytest.mark.parametrize(
    "text",
    [
        "beim pinkeln ist irgendwas komisch",
        "brust fühlt sich seltsam an",
        "ich merk beim hinsetzen fast nix mehr am po",  # the "nix" is the change itself
        "untenrum ist alles so anders",
    ],
)
def test_german_words_of_an_emergency_sign_are_worth_a_question(text):
    assert worth_asking(text, "de")


@pytest.mark.parametrize(
    "text",
    ["keine probleme mit der blase", "blase ok", "po tut weh 4", "kein kribbeln am po", "LWS 5"],
)
def test_german_messages_that_need_no_question(text):
    assert not worth_asking(text, "de")
