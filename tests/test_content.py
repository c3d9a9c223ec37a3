"""The routine and tip library: shipped files are valid and safe, broken files fail loudly."""

from __future__ import annotations

import ast
import itertools
import re
import shutil
from pathlib import Path

import pytest
import yaml
from content_copy import copy_content, edit, load_error

from content.loader import DEFAULT_CONTENT_DIR, load_library, validate_library
from content.schema import EQUIPMENT, GOALS, ContentError, Glossary, Library, parse_glossary
from domain.screening import CONDITIONS, suitable_only

# --------------------------------------------------------------------------------------
# The shipped library


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


def all_texts(library: Library):
    """(routine id, where, text) for every text a user reads during a routine."""
    for routine in library.routines.values():
        yield routine.id, "summary", routine.summary
        for caution in routine.cautions:
            yield routine.id, "cautions", caution
        for index, step in enumerate(routine.steps):
            yield routine.id, f"steps[{index}].instruction", step.instruction
            if step.avoid:
                yield routine.id, f"steps[{index}].avoid", step.avoid


def test_every_shipped_file_validates():
    assert validate_library() == []


def test_library_loads_from_its_own_folder_by_default(library):
    assert library.routines == load_library(DEFAULT_CONTENT_DIR).routines
    assert len(library.routines) >= 12


def test_library_covers_every_kind_of_routine_the_bot_offers(library):
    routines = list(library.routines.values())
    self_routines = [r for r in routines if r.who == "self"]
    partner = [r for r in routines if r.who == "partner"]

    assert any(10 <= r.minutes <= 15 and not r.tools for r in self_routines), "quick relief"
    assert any(r.minutes <= 6 and not r.tools for r in self_routines), "desk break"
    assert any(r.tools == {"ball"} and "lower_back" in r.goals for r in self_routines)
    assert any(r.tools == {"foam_roller"} and "upper_back_shoulders" in r.goals for r in routines)
    assert any(r.tools == {"massage_hook"} for r in routines)
    assert any(r.tools == {"heat_pad"} for r in routines)
    assert any("relaxation_sleep" == r.goals[0] for r in self_routines), "evening wind-down"
    assert any("neck" in r.goals for r in self_routines)
    assert any("lower_back" == r.goals[0] for r in partner), "partner lower back"
    assert any("whole_back" == r.goals[0] for r in partner), "full partner massage"
    long_ones = [r for r in routines if 30 <= r.minutes <= 60]
    assert len(long_ones) >= 2
    assert {r.who for r in long_ones} == {"self", "partner"}
    assert {goal for r in routines for goal in r.goals} == set(GOALS)


def test_step_durations_add_up_to_the_stated_length(library):
    for routine in library.routines.values():
        total = sum(step.seconds for step in routine.steps)
        stated = routine.minutes * 60
        assert 0.8 * stated <= total <= 1.2 * stated, routine.id


def test_routine_ids_fit_in_telegram_callback_data(library):
    for routine_id in library.routines:
        assert re.fullmatch(r"[a-z0-9-]{1,24}", routine_id)
        # Room for a prefix, an action and a step number: "rt:step:<id>:12".
        assert len(f"rt:step:{routine_id}:12".encode()) <= 64


def test_instructions_are_short_enough_to_read_on_a_phone(library):
    for routine in library.routines.values():
        for step in routine.steps:
            assert 20 <= len(step.instruction) <= 400, (routine.id, step.title)
            assert len(step.title) <= 60


def _unsafe_mentions(text: str, phrase: str, safe_words: tuple[str, ...]) -> list[str]:
    """Occurrences of `phrase` with none of `safe_words` within 60 characters before it."""
    lowered = text.lower()
    found = []
    for match in re.finditer(re.escape(phrase), lowered):
        window = lowered[max(0, match.start() - 60) : match.end() + 10]
        if not any(re.search(rf"\b{re.escape(word)}\b", window) for word in safe_words):
            found.append(lowered[max(0, match.start() - 60) : match.end()])
    return found


def test_no_text_says_to_press_on_the_spine(library):
    safe = ("not", "never", "no", "nothing", "off", "beside", "either side", "avoid")
    problems = [
        (routine_id, where, hit)
        for routine_id, where, text in all_texts(library)
        for hit in _unsafe_mentions(text, "on the spine", safe)
    ]
    assert problems == []


def test_spine_guard_catches_an_unsafe_instruction():
    safe = ("not", "never", "no", "beside", "either side")
    assert _unsafe_mentions("Press firmly on the spine with both thumbs.", "on the spine", safe)
    assert not _unsafe_mentions("Press beside the spine, never on the spine.", "on the spine", safe)


def test_firm_pressure_is_never_paired_with_the_spine(library):
    for routine in library.routines.values():
        for step in routine.steps:
            if step.pressure == "firm":
                text = f"{step.instruction} {step.avoid or ''}".lower()
                if "spine" in text:
                    assert re.search(r"beside|either side|never|not|off", text), routine.id


def test_partner_routines_never_ask_for_elbows_and_keep_asking_about_pressure(library):
    for routine in library.routines.values():
        if routine.who != "partner":
            continue
        texts = [t for rid, _, t in all_texts(library) if rid == routine.id]
        for text in texts:
            assert not _unsafe_mentions(text, "elbow", ("never", "not", "no")), routine.id
        assert any("elbow" in c.lower() and "never" in c.lower() for c in routine.cautions)
        asks = [s for s in routine.steps if re.search(r"\bask", s.instruction.lower())]
        assert len(asks) >= 2, f"{routine.id} should check in about pressure more than once"


def test_every_routine_says_to_stop_on_sharp_pain(library):
    for routine in library.routines.values():
        cautions = " ".join(routine.cautions).lower()
        assert "sharp" in cautions, routine.id


def test_routines_that_apply_pressure_say_where_not_to_press(library):
    for routine in library.routines.values():
        if any(step.pressure in ("moderate", "firm") for step in routine.steps):
            texts = " ".join([*routine.cautions, *(s.avoid or "" for s in routine.steps)]).lower()
            assert re.search(r"spine|bone|throat|neck", texts), routine.id


def test_routines_that_press_say_to_build_pressure_up_gradually(library):
    for routine in library.routines.values():
        if any(step.pressure in ("moderate", "firm") for step in routine.steps):
            cautions = " ".join(routine.cautions).lower()
            assert re.search(r"gradually|slowly|step by step", cautions), routine.id


def test_deep_routines_warn_about_flare_ups_and_build_up_gradually(library):
    for routine in library.routines.values():
        if routine.intensity == "deep":
            cautions = " ".join(routine.cautions).lower()
            assert "flare" in cautions and ("slowly" in cautions or "gradually" in cautions)


def test_disclaimer_is_plain_and_says_not_medical_advice(library):
    assert "self-care guidance, not medical advice" in library.tips.disclaimer
    assert len(library.tips.disclaimer) <= 400


def test_tips_cover_mistakes_frequency_and_safety(library):
    sections = library.tips.sections
    mistakes = " ".join(sections["mistakes"].items).lower()
    assert "elbow" in mistakes and "spine" in mistakes and "pressure" in mistakes
    often = " ".join(sections["how-often"].items).lower()
    assert "every day" in often and "once a week" in often
    assert "10 to 15 minutes" in often and "30 to 60 minutes" in often
    safety = " ".join(sections["safety"].items).lower()
    assert "stop" in safety and "sharp" in safety and "doctor" in safety


def test_tool_chooser_has_few_short_questions(library):
    chooser = library.tool_chooser
    assert 3 <= len(chooser.questions) <= 5
    for question in chooser.questions:
        assert 2 <= len(question.options) <= 4
        for option in question.options:
            # "tools:<question>:<option>" must fit in callback data with room to spare.
            assert len(f"tools:{question.key}:{option.key}".encode()) <= 40


def test_tool_chooser_recommends_for_every_combination_of_answers(library):
    chooser = library.tool_chooser
    keys = [q.key for q in chooser.questions]
    options = [[o.key for o in q.options] for q in chooser.questions]
    recommended_tools = set()
    for combination in itertools.product(*options):
        answers = dict(zip(keys, combination, strict=True))
        result = chooser.recommend(answers)
        routine = library.routines[result.routine_id]
        assert result.tool.key in routine.equipment, answers
        assert result.why.strip()
        recommended_tools.add(result.tool.key)
    assert recommended_tools == set(EQUIPMENT) - {"none"}


def test_tool_chooser_refuses_incomplete_or_unknown_answers(library):
    chooser = library.tool_chooser
    first = {q.key: q.options[0].key for q in chooser.questions}
    missing = dict(first)
    missing.pop(chooser.questions[-1].key)
    with pytest.raises(ValueError, match=chooser.questions[-1].key):
        chooser.recommend(missing)
    with pytest.raises(ValueError):
        chooser.recommend({**first, chooser.questions[0].key: "nonsense"})


def test_content_package_does_not_import_telegram():
    for source in DEFAULT_CONTENT_DIR.glob("*.py"):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(n.split(".")[0] == "telegram" for n in names), source.name


# --------------------------------------------------------------------------------------
# One word per thing (content/glossary.yaml), modest claims, the kidney area, the 0-10 scale

GLOSSARY_FILE = DEFAULT_CONTENT_DIR / "glossary.yaml"
BOT_TEXTS_DIR = DEFAULT_CONTENT_DIR.parent / "bot" / "texts"


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    found, problems = parse_glossary(
        yaml.safe_load(GLOSSARY_FILE.read_text(encoding="utf-8")), GLOSSARY_FILE.name
    )
    assert problems == []
    return found


def every_user_text(library: Library):
    """(where, text) for everything a user can read from content/: routines, tips, chooser."""
    for routine in library.routines.values():
        yield f"{routine.id}: title", routine.title
        for routine_id, where, text in all_texts(library):
            if routine_id == routine.id:
                yield f"{routine_id}: {where}", text
        for index, step in enumerate(routine.steps):
            yield f"{routine.id}: steps[{index}].title", step.title
    for section in library.tips.sections.values():
        yield f"tips {section.id}: title", section.title
        for index, item in enumerate(section.items):
            yield f"tips {section.id}: items[{index}]", item
    yield "disclaimer", library.tips.disclaimer
    chooser = library.tool_chooser
    yield "tool chooser: intro", chooser.intro
    for question in chooser.questions:
        yield f"tool chooser: {question.key}", question.text
        for option in question.options:
            yield f"tool chooser: {question.key}.{option.key}", option.label
    for tool in chooser.tools.values():
        yield f"tool chooser: tools.{tool.key}", f"{tool.name}. {tool.description}"
    for index, rule in enumerate(chooser.rules):
        yield f"tool chooser: rules[{index}].why", rule.why


def bot_text_strings():
    """(file, string) for every string literal in bot/texts/*.py (f-string parts included)."""
    for source in sorted(BOT_TEXTS_DIR.glob("*.py")):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield source.name, node.value


def test_glossary_flags_every_variant_and_never_its_preferred_term(glossary):
    assert len(glossary.terms) >= 4
    for entry in glossary.terms:
        assert glossary.discouraged_in(entry.term) == []
        for variant in entry.avoid:
            found = glossary.discouraged_in(f"Press on the {variant.upper()}s here.")
            assert (variant.upper() + "s", entry.term) in found, variant
    assert glossary.discouraged_in("Hold the trigger-points") == [("trigger-points", "tight spot")]
    assert glossary.discouraged_in("rate it from 11 to 10, or 0 to 10") == []


def test_content_uses_one_word_per_thing(library, glossary):
    problems = [
        (where, variant, preferred)
        for where, text in every_user_text(library)
        for variant, preferred in glossary.discouraged_in(text)
    ]
    assert problems == []


def test_bot_texts_use_one_word_per_thing(glossary):
    strings = list(bot_text_strings())
    assert len(strings) > 50  # the scan really reads bot/texts
    problems = [
        (name, variant, preferred)
        for name, text in strings
        for variant, preferred in glossary.discouraged_in(text)
    ]
    assert problems == []


def test_glossary_file_problems_name_the_field():
    data = {"terms": [{"term": "tight spot", "means": "x", "avoid": []}]}
    _, problems = parse_glossary(data, "glossary.yaml")
    assert problems == ["glossary.yaml: terms[0].avoid must be a non-empty list of texts, got []"]
    data = {"terms": [{"term": "spinal column", "means": "x", "avoid": ["spinal column"]}]}
    _, problems = parse_glossary(data, "glossary.yaml")
    assert "'spinal column' contains 'spinal column'" in problems[0]
    _, problems = parse_glossary({"term": []}, "glossary.yaml")
    assert "glossary.yaml: term is not a known field" in problems[0]


# Claims the evidence does not support (Cochrane, Furlan 2015: massage gives short-term
# relief, low certainty; NICE NG59: manual therapy only alongside exercise).
OVERCLAIMS = {
    r"\bheal(s|ed|ing)?\b": "massage does not heal",
    r"\bcur(e|es|ed|ing)\b": "nothing here cures",
    r"\bfix(es|ed|ing)?\b": "nothing here fixes",
    r"\brealign": "massage does not realign anything",
    r"\btoxin|\bdetox|\bflush": "there are no toxins to flush",
    r"\b(break|breaks|breaking|broken)\s+up\b": "tight spots are not broken up",
    r"\bscar\s+tissue|\badhesion": "massage does not dissolve tissue",
    r"\bcirculation\b|\bblood\s+flow\b": "no claims about circulation",
    r"\breduc\w*\s+inflammation": "no claims about inflammation",
    r"\buntil it (softens|releases|lets go|melts)": "a feeling, not a change in the tissue",
}


def _overclaims(text: str) -> list[str]:
    return [why for pattern, why in OVERCLAIMS.items() if re.search(pattern, text.lower())]


def test_overclaim_guard_catches_the_old_wording():
    assert _overclaims("Broad circles bring blood flow and warmth to heal the tight muscles.")
    assert _overclaims("Hold the spot until it softens.")
    assert _overclaims("Massage breaks up knots and flushes toxins.")
    assert not _overclaims("Many people find slow circles soothing; they can ease pain.")


def test_content_claims_stay_modest(library):
    problems = [
        (where, _overclaims(text)) for where, text in every_user_text(library) if _overclaims(text)
    ]
    assert problems == []


def test_every_scale_runs_from_0_to_10(library):
    starts = [
        (where, match.group(1))
        for where, text in every_user_text(library)
        for match in re.finditer(r"\b(\w+) to 10\b", text)
    ]
    assert starts, "the partner routines ask about pressure on a scale"
    assert [(where, start) for where, start in starts if start != "0"] == []


def _mentions_lower_back(routine) -> bool:
    texts = " ".join(f"{s.title} {s.instruction}" for s in routine.steps if s.pressure).lower()
    return bool(re.search(r"lower back|waist|pelvis|lowest rib", texts))


def test_tools_and_firm_pressure_on_the_lower_back_name_the_kidney_area(library):
    checked = []
    for routine in library.routines.values():
        pressing = routine.tools - {"heat_pad"} or routine.is_deep or routine.who == "partner"
        if pressing and _mentions_lower_back(routine):
            checked.append(routine.id)
            cautions = " ".join(routine.cautions).lower()
            assert "kidney area" in cautions and "lowest ribs" in cautions, routine.id
    assert len(checked) >= 6


def test_the_massage_hook_never_works_the_lower_back(library):
    hooks = [r for r in library.routines.values() if "massage_hook" in r.tools]
    assert hooks
    for routine in hooks:
        assert "lower_back" not in routine.goals
        assert not _mentions_lower_back(routine), routine.id


def test_no_tool_is_laid_along_or_across_the_spine(library):
    for routine in library.routines.values():
        if not routine.tools:
            continue
        for step in routine.steps:
            text = step.instruction.lower()
            assert "lengthwise" not in text, (routine.id, step.title)
            if "foam_roller" in routine.tools and "roller" in text and step.pressure:
                assert "side" in text or "muscle" in text, (routine.id, step.title)


# Which screening conditions rule out which kind of routine (CLINICAL-NOTES.md, "Where firm
# pressure, heat or electric devices need care").
PRESSURE_TOOLS = {"ball", "foam_roller", "massage_hook", "massager", "massage_chair"}
ELECTRIC = {"massager", "massage_chair"}
FIRM_PRESSURE_CONDITIONS = {
    "pregnancy",
    "osteoporosis",
    "bleeding_risk",
    "recent_surgery",
    "cancer",
}


def test_tools_firm_pressure_heat_and_devices_are_screened(library):
    for routine in library.routines.values():
        ruled_out = set(routine.unsuitable_for)
        if routine.tools & PRESSURE_TOOLS or routine.is_deep:
            assert FIRM_PRESSURE_CONDITIONS <= ruled_out, routine.id
        if "heat_pad" in routine.tools or "massage_chair" in routine.tools:
            assert {"skin_problem", "cancer"} <= ruled_out, routine.id
        if routine.tools & ELECTRIC:
            assert {"implanted_device", "pregnancy"} <= ruled_out, routine.id
        if routine.who == "partner":
            # Lying face down with pressure on the lower back: not in pregnancy.
            assert {"pregnancy", "osteoporosis", "bleeding_risk"} <= ruled_out, routine.id


def test_gentle_routines_without_tools_stay_open_to_everyone(library):
    gentle = [r for r in library.routines.values() if not r.tools and r.intensity == "gentle"]
    assert len(gentle) >= 4
    assert [r.id for r in gentle if r.unsuitable_for] == []


@pytest.mark.parametrize("condition", CONDITIONS)
def test_screening_never_leaves_an_area_without_a_routine(library, condition):
    suitable = suitable_only(library.routines.values(), [condition])
    assert len(suitable) < len(library.routines), "the screening rules something out"
    for goal in GOALS:
        assert any(goal in r.goals for r in suitable), (condition, goal)


# --------------------------------------------------------------------------------------
# Broken files (copies of the shipped content, edited in a temp folder)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return copy_content(tmp_path)


def test_copied_content_loads_before_any_edit(content):
    assert validate_library(content) == []


def test_step_seconds_that_are_not_a_number_name_file_and_field(content):
    edit(content / "routines/lower-back-ball.yaml", lambda d: d["steps"][2].update(seconds="abc"))
    message = load_error(content)
    assert message.startswith(
        "lower-back-ball.yaml: steps[2].seconds must be a positive integer, got 'abc'"
    )


@pytest.mark.parametrize("bad", [0, -30, 2.5, True])
def test_step_seconds_must_be_a_positive_whole_number(content, bad):
    edit(content / "routines/desk-break.yaml", lambda d: d["steps"][0].update(seconds=bad))
    assert "desk-break.yaml: steps[0].seconds must be a positive integer" in load_error(content)


def test_misspelt_field_is_an_error(content):
    def typo(data):
        data["titel"] = data.pop("title")

    edit(content / "routines/neck-and-shoulders.yaml", typo)
    problems = validate_library(content)
    assert "neck-and-shoulders.yaml: titel is not a known field" in problems[0]
    assert "neck-and-shoulders.yaml: title is missing" in problems


def test_misspelt_step_field_is_an_error(content):
    edit(content / "routines/desk-break.yaml", lambda d: d["steps"][1].update(presure="light"))
    assert "desk-break.yaml: steps[1].presure is not a known field" in load_error(content)


def test_duplicate_routine_ids_are_an_error(content):
    shutil.copy(content / "routines/desk-break.yaml", content / "routines/zz-copy.yaml")
    assert "zz-copy.yaml: id 'desk-break' is already used by desk-break.yaml" in load_error(content)


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("id", "Desk_Break", "id must be a slug"),
        ("id", "a-very-long-routine-identifier", "id must be a slug"),
        ("goals", ["lower_back", "knees"], "goals[1] must be one of"),
        ("goals", [], "goals must be a non-empty list"),
        ("equipment", ["yoga_mat"], "equipment[0] must be one of"),
        ("equipment", ["none", "ball"], "equipment cannot list 'none' together with a tool"),
        ("who", "group", "who must be one of self, partner"),
        ("intensity", "extreme", "intensity must be one of gentle, moderate, deep"),
        ("minutes", "five", "minutes must be a positive integer"),
        ("cautions", "be careful", "cautions must be a list of texts"),
        ("steps", [], "steps must be a non-empty list"),
    ],
)
def test_bad_routine_values_name_file_and_field(content, field, value, expected):
    edit(content / "routines/desk-break.yaml", lambda d: d.update({field: value}))
    assert any(
        p.startswith("desk-break.yaml: ") and expected in p for p in validate_library(content)
    )


def test_steps_that_do_not_add_up_to_the_stated_length_are_an_error(content):
    edit(content / "routines/desk-break.yaml", lambda d: d.update(minutes=20))
    message = load_error(content)
    assert message.startswith("desk-break.yaml: steps add up to 5.0 minutes but minutes says 20")


def test_steps_within_twenty_percent_of_the_stated_length_are_fine(content):
    edit(content / "routines/desk-break.yaml", lambda d: d.update(minutes=6))  # 5 of 6 minutes
    assert validate_library(content) == []


def test_too_long_instruction_is_an_error(content):
    edit(
        content / "routines/desk-break.yaml",
        lambda d: d["steps"][0].update(instruction="Breathe slowly. " * 30),
    )
    assert "desk-break.yaml: steps[0].instruction must be at most 400" in load_error(content)


def test_firm_pressure_in_a_gentle_routine_is_an_error(content):
    edit(content / "routines/desk-break.yaml", lambda d: d["steps"][3].update(pressure="firm"))
    assert "desk-break.yaml: steps[3].pressure cannot be firm in a gentle routine" in load_error(
        content
    )


def test_unknown_pressure_word_is_an_error(content):
    edit(content / "routines/desk-break.yaml", lambda d: d["steps"][3].update(pressure="hard"))
    assert "steps[3].pressure must be one of light, moderate, firm" in load_error(content)


def test_invalid_yaml_names_the_file(content):
    (content / "routines/desk-break.yaml").write_text("id: [unclosed\ntitle: x\n")
    assert load_error(content).startswith("desk-break.yaml: is not valid YAML")


def test_file_that_is_not_a_mapping_is_an_error(content):
    (content / "routines/desk-break.yaml").write_text("- just\n- a list\n")
    assert "desk-break.yaml: must be a mapping of fields" in load_error(content)


def test_validate_lists_problems_from_every_broken_file(content):
    edit(content / "routines/desk-break.yaml", lambda d: d.update(who="nobody"))
    edit(content / "routines/neck-and-shoulders.yaml", lambda d: d.update(minutes=0))
    edit(content / "tips/safety.yaml", lambda d: d.update(items=[]))
    problems = validate_library(content)
    assert any(p.startswith("desk-break.yaml: who") for p in problems)
    assert any(p.startswith("neck-and-shoulders.yaml: minutes") for p in problems)
    assert any(p.startswith("safety.yaml: items") for p in problems)
    with pytest.raises(ContentError) as caught:
        load_library(content)
    assert caught.value.problems == problems


def test_tool_chooser_naming_a_missing_routine_is_an_error(content):
    edit(content / "tips/tool-chooser.yaml", lambda d: d["rules"][0].update(routine="no-such"))
    assert "tool-chooser.yaml: rules[0].routine names no known routine, got 'no-such'" in (
        load_error(content)
    )


def test_tool_chooser_routine_must_use_the_recommended_tool(content):
    edit(content / "tips/tool-chooser.yaml", lambda d: d["rules"][0].update(routine="desk-break"))
    assert "rules[0].routine 'desk-break' does not use the recommended tool" in load_error(content)


def test_tool_chooser_with_a_gap_in_its_rules_is_an_error(content):
    edit(content / "tips/tool-chooser.yaml", lambda d: d["rules"].pop())
    message = load_error(content)
    assert message.startswith("tool-chooser.yaml: rules give no recommendation for place=home")


def test_tool_chooser_rule_with_an_unknown_answer_is_an_error(content):
    edit(
        content / "tips/tool-chooser.yaml",
        lambda d: d["rules"][0]["when"].update(place="space"),
    )
    assert "tool-chooser.yaml: rules[0].when.place must be among go, home" in load_error(content)


def test_tool_chooser_question_with_one_option_is_an_error(content):
    edit(
        content / "tips/tool-chooser.yaml",
        lambda d: d["questions"][0].update(options=d["questions"][0]["options"][:1]),
    )
    assert "questions[0].options must be a list of 2 to 4 options" in load_error(content)


def test_missing_disclaimer_is_an_error(content):
    (content / "tips/disclaimer.yaml").unlink()
    assert "tips/: no file with kind: disclaimer" in load_error(content)


def test_tip_file_with_unknown_kind_is_an_error(content):
    edit(content / "tips/partner.yaml", lambda d: d.update(kind="tricks"))
    assert load_error(content).startswith("partner.yaml: kind must be one of")
