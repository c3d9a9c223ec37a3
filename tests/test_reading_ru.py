"""Reading Russian pain reports and warning signs (domain/lexicons/ru.py on domain/reading.py)."""

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
        ("поясница примерно 4", 4, "lower back"),
        ("в пояснице 6", 6, "lower back"),
        ("шею тянет, 3", 3, "neck & shoulders"),
        ("между лопатками 3", 3, "between the shoulder blades"),
        ("где-то 4", 4, None),
        ("4 с хвостиком", 4, None),
        ("на пятёрку", 5, None),
        ("семь из десяти", 7, None),
        ("3 из 10", 3, None),
        ("шесть с половиной", 7, None),
        ("было 6, стало 3", 3, None),
        ("до зарядки 6, после 3", 3, None),
        ("упало до 2 после грелки", 2, None),
        ("спина 6, после 3 пойду к врачу", 6, None),
        ("сегодня не болит", 0, None),
    ],
)
def test_russian_reports_are_recorded(text, level, area):
    parse = parse_pain_message(text, "ru")
    assert (parse.kind, parse.level, parse.area) == ("report", level, area)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("4 или 5", "range"),
        ("от 3 до 5", "range"),
        ("болит спина", "no_number"),
        ("вчера было 7", "past"),
        ("боль 12", "out_of_range"),
    ],
)
def test_russian_messages_that_need_asking_back(text, reason):
    parse = parse_pain_message(text, "ru")
    assert (parse.kind, parse.reason) == ("unclear", reason)


@pytest.mark.parametrize(
    "text",
    ["увидимся в 7", "мне 45 лет", "ибупрофен 400", "прошла 4 км", "привет", "сыну 7 лет"],
)
def test_russian_chat_is_left_alone(text):
    assert parse_pain_message(text, "ru").kind == "none"


@pytest.mark.parametrize(
    ("text", "signs"),
    [
        ("онемение в паху со вчерашнего дня", ["saddle_numbness"]),
        ("Онемела промежность", ["saddle_numbness"]),
        ("не могу помочиться с утра", ["bladder_bowel"]),
        ("немеют обе ноги когда иду", ["both_legs"]),
        ("температура 38 и болит поясница", ["fever"]),
        ("упал с лестницы, спина 8", ["trauma"]),
        ("немеет левая нога, опять седалищный", ["leg_numbness"]),
        ("у меня остеопороз, наклонилась и что-то хрустнуло", ["fracture_risk"]),
        ("муж говорит, что у меня температура", ["fever"]),
        ("ночью будит боль и не проходит как ни повернусь", ["night_pain"]),
        ("остеопороз. чихнула и что то хрустнуло", ["fracture_risk"]),
        ("похудела на 8 кг хотя ем как обычно", ["weight_loss"]),
        ("попал в аварию на машине, спина болит", ["trauma"]),
    ],
)
def test_russian_warning_signs_are_found(text, signs):
    assert detect_warning_signs(text, "ru") == signs


@pytest.mark.parametrize(
    "text",
    [
        "ноги не немеют, просто спина 4",
        "температуры нет, спина 4",
        "у бабушки был рак кишечника, у меня поясница 4",
        "ору с этого видео, чуть не описался",
        "пришла домой и упала на диван без сил",
        "отсидел ногу на унитазе, потом прошло",
        "опять прострел, 5",
        "немела нога и уже прошло",
        "сестра упала с лестницы, с ней все в порядке",
        "авария на работе с сервером, спина 4",
    ],
)
def test_russian_near_misses_raise_no_alarm(text):
    assert detect_warning_signs(text, "ru") == []


def test_a_russian_emergency_is_found_whatever_the_users_language():
    assert "bladder_bowel" in detect_warning_signs_any("не могу помочиться")


# The safety net: a message naming what an emergency sign is about, in words not negated,
# gets one yes/no question when detection found nothing.
@pytest.mark.parametrize(
    "text",
    [
        "что-то странное с мочевым пузырем",
        "не могу помочиться с утра",
        "с эрекцией что-то не то",
        "после прострела нет эрекции",
        "болят обе ноги при ходьбе",
        "как будто что-то разорвалось в спине",
        "попа как деревянная когда сижу",
        "ничего не чувствую там внизу",
        "когда подтираюсь не чувствую ничего",
        "жжет в груди",
    ],
)
def test_russian_messages_about_an_emergency_sign_are_worth_asking(text):
    assert worth_asking(text, "ru")


@pytest.mark.parametrize(
    "text",
    [
        "писаю нормально, спина 5",
        "с мочеиспусканием проблем нет",
        "нет онемения в паху",
        "в паху ничего необычного",
        "с сексом все нормально",
        "ягодица болит на 4",
        "грудь забита после жима лежа, спина норм",
        "грудной отдел болит, 5",
        "в груди не болит, только поясница",
        "чуть не описался от смеха",
    ],
)
def test_russian_messages_negating_or_not_about_an_emergency_sign_are_not_asked(text):
    assert not worth_asking(text, "ru")
