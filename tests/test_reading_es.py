"""Reading Spanish pain reports and warning signs (domain/lexicons/es.py on domain/reading.py)."""

from __future__ import annotations

import pytest

from domain.reading import (
    detect_warning_signs,
    detect_warning_signs_any,
    parse_pain_message,
    worth_asking,
)


@pytest.mark.parametrize(
    ("text", "level", "area"),
    [
        ("lumbar unos 4", 4, "lower back"),
        ("5 largo", 5, None),
        ("como un seis", 6, None),
        ("7 de 10", 7, None),
        ("seis y medio", 7, None),
        ("entre los omóplatos 3", 3, "between the shoulder blades"),
        ("me duelen los riñones, 5", 5, "lower back"),
        ("CERVICALES 5", 5, "neck & shoulders"),
        ("ciática dando guerra, 5", 5, "leg"),
        ("estaba en 6, ahora 3", 3, None),
        ("de 5 a 2 después del masaje", 2, None),
        ("sin dolor hoy", 0, None),
    ],
)
def test_spanish_reports_are_recorded(text, level, area):
    parse = parse_pain_message(text, "es")
    assert (parse.kind, parse.level, parse.area) == ("report", level, area)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("4 o 5", "range"),
        ("entre 3 y 5", "range"),
        ("me duele la espalda", "no_number"),
        ("ayer fue un 7", "past"),
        ("dolor 12", "out_of_range"),
    ],
)
def test_spanish_messages_that_need_asking_back(text, reason):
    parse = parse_pain_message(text, "es")
    assert (parse.kind, parse.reason) == ("unclear", reason)


@pytest.mark.parametrize(
    "text",
    ["nos vemos a las 7", "tengo 45 años", "ibuprofeno 400", "caminé 4 km", "hola", "ok"],
)
def test_spanish_chat_is_left_alone(text):
    assert parse_pain_message(text, "es").kind == "none"


@pytest.mark.parametrize(
    ("text", "signs"),
    [
        ("no siento la entrepierna desde ayer", ["saddle_numbness"]),
        ("Se me escapa el pis sin darme cuenta", ["bladder_bowel"]),
        ("no puedo orinar y la lumbar me mata", ["bladder_bowel"]),
        ("hormigueo en las dos piernas", ["both_legs"]),
        ("tengo fiebre y lumbago", ["fever"]),
        ("me caí por las escaleras, espalda 8", ["trauma"]),
        ("se me duerme la pierna izquierda, ciática otra vez", ["leg_numbness"]),
        ("no se me levanta desde que me lesioné la espalda", ["sexual_dysfunction"]),
        ("al sentarme en el váter no siento nada", ["saddle_numbness"]),
        ("no siento nada en la cola cuando me limpio", ["saddle_numbness"]),
        ("tengo la cola dormida desde ayer", ["saddle_numbness"]),
        ("senti como un rasgon en la espalda de golpe", ["tearing_pain"]),
        ("el pie derecho se me arrastra al caminar", ["leg_weakness"]),
        ("de noche me acomodo de mil formas y nada", ["night_pain"]),
        ("me cai de culo en la ducha", ["trauma"]),
    ],
)
def test_spanish_warning_signs_are_found(text, signs):
    assert detect_warning_signs(text, "es") == signs


@pytest.mark.parametrize(
    "text",
    [
        "sin hormigueo ni nada, solo dolor 5",
        "no tengo fiebre, espalda 4",
        "mi abuela tuvo cáncer de colon, a mí me duele la lumbar",
        "casi me meo de la risa jajaja",
        "llegué a casa y me caí rendida en el sofá",
        "hace años tuve ciática con hormigueo, ahora solo dolor 3",
        "me he quedado dormida en el sofá y tengo el cuello 5",
        "tenía hormigueo en el pie y ya se me ha pasado",
        "no noto nada raro en la zona genital, solo dolor de espalda",
        "me cai de culo cuando vi lo que cobra el fisio",
        "la cola del super era eterna y tengo la espalda dormida",
        "tome coca cola y la espalda me duele",
    ],
)
def test_spanish_near_misses_raise_no_alarm(text):
    assert detect_warning_signs(text, "es") == []


def test_a_spanish_emergency_is_found_whatever_the_users_language():
    assert "saddle_numbness" in detect_warning_signs_any("no siento la zona genital")


def test_spanish_words_do_not_alarm_on_an_english_message():
    # "cancer" is Spanish too, but the Spanish lexicon does not know "my mum had"
    assert detect_warning_signs_any("my mum had breast cancer, my back is sore 4") == []
    assert detect_warning_signs_any("not incontinent, just asking about the routine") == []


def test_a_message_mixing_english_and_spanish_is_read_in_both():
    assert detect_warning_signs_any("back pain 6 y fiebre") == ["fever"]


# The safety net: a message naming what an emergency sign is about, in words not negated,
# gets one yes/no question when detection found nothing.
@pytest.mark.parametrize(
    "text",
    [
        "algo raro en la vejiga, espalda 6",
        "no consigo hacer caca desde el lunes",
        "llevo desde ayer sin poder mear bien",
        "desde la hernia el sexo no es igual",
        "me duelen las dos piernas al andar",
        "tengo el culo como dormido al estar sentado",
        "mi pene no tiene sensibilidad",
        "fue como un desgarro en la espalda",
        "cuando me limpio no siento el papel",
        "me aprieta el pecho un poco",
    ],
)
def test_spanish_messages_about_an_emergency_sign_are_worth_asking(text):
    assert worth_asking(text, "es")


@pytest.mark.parametrize(
    "text",
    [
        "no me cuesta orinar, lumbar 5",
        "sin problemas de ereccion, solo la espalda",
        "hago pis normal, la espalda 4",
        "el sexo bien, me duele la espalda",
        "nada raro ahi abajo, solo la lumbar",
        "me duelen los gluteos de las sentadillas",
        "pecho cargado del press de banca",
        "me duelen las piernas de caminar",
        "casi me meo de risa",
        "lumbar 5 despues de la oficina",
    ],
)
def test_spanish_messages_negating_or_not_about_an_emergency_sign_are_not_asked(text):
    assert not worth_asking(text, "es")
