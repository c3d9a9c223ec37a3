"""What a valid routine, tip or tool-chooser file looks like, as typed frozen dataclasses.

The parsing functions here turn one already-read YAML mapping into a dataclass and collect
*every* problem they find as a plain string ("lower-back-ball.yaml: steps[2].seconds must be
a positive integer, got 'abc'"), so ``backcare-bot check`` can list them all at once while
``load_library`` stops loudly at the first. Nothing here reads files or imports ``telegram``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from domain.redflags import SIGN_CODES, Tier
from domain.screening import CONDITIONS

# Vocabularies shared by the files, the loader and the selection logic.
GOALS: tuple[str, ...] = (
    "lower_back",
    "upper_back_shoulders",
    "neck",
    "whole_back",
    "relaxation_sleep",
)
EQUIPMENT: tuple[str, ...] = (
    "none",
    "ball",
    "foam_roller",
    "massage_hook",
    "massager",
    "heat_pad",
    "massage_chair",
)
TOOL_TYPES: tuple[str, ...] = tuple(e for e in EQUIPMENT if e != "none")
WHO: tuple[str, ...] = ("self", "partner")
INTENSITIES: tuple[str, ...] = ("gentle", "moderate", "deep")
PRESSURES: tuple[str, ...] = ("light", "moderate", "firm")

# Routine ids travel in Telegram callback data (64 bytes in all), so they stay short.
MAX_ID_LENGTH = 24
MAX_TITLE_LENGTH = 60
MAX_SUMMARY_LENGTH = 300
# One instruction should fit on a phone screen without scrolling.
MAX_INSTRUCTION_LENGTH = 400
MAX_MINUTES = 120
# Stated length versus the sum of the steps: how far apart they may be.
DURATION_TOLERANCE = 0.20

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
MAX_KEY_LENGTH = 12


class ContentError(ValueError):
    """A content file is broken; the message names the file and the field at fault."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        message = self.problems[0] if self.problems else "content is invalid"
        if len(self.problems) > 1:
            message += f" (and {len(self.problems) - 1} more problem(s))"
        super().__init__(message)


@dataclass(frozen=True)
class Step:
    """One thing to do for a number of seconds, shown as one screen of the player."""

    title: str
    instruction: str
    seconds: int
    pressure: str | None = None  # light | moderate | firm
    avoid: str | None = None  # the one thing not to do during this step
    # The id of the step's illustration (content/pictures/), for steps that place the body,
    # a tool or hands; None for steps that place nothing (breathing, resting, talking).
    picture: str | None = None


@dataclass(frozen=True)
class Routine:
    """A guided routine: what it is for, what it needs, and its steps in order."""

    id: str
    title: str
    summary: str
    goals: tuple[str, ...]
    who: str
    minutes: int
    equipment: tuple[str, ...]
    intensity: str
    cautions: tuple[str, ...]
    steps: tuple[Step, ...]
    # Screening conditions (domain.screening.CONDITIONS) this routine must not be offered for.
    unsuitable_for: tuple[str, ...] = ()

    @property
    def total_seconds(self) -> int:
        """How long the steps take when each runs its full time."""
        return sum(step.seconds for step in self.steps)

    @property
    def tools(self) -> frozenset[str]:
        """Equipment actually needed ("none" is not a tool)."""
        return frozenset(self.equipment) - {"none"}

    @property
    def is_deep(self) -> bool:
        """True if the routine works deep or asks for firm pressure anywhere (not for flare-ups)."""
        return self.intensity == "deep" or any(step.pressure == "firm" for step in self.steps)


@dataclass(frozen=True)
class TipSection:
    """A short themed list of advice, e.g. common mistakes or how often to practise."""

    id: str
    title: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Tips:
    """All tip sections (in file order) and the one disclaimer text."""

    sections: dict[str, TipSection]
    disclaimer: str


@dataclass(frozen=True)
class ChooserOption:
    """One answer to a tool-chooser question; ``key`` is short enough for callback data."""

    key: str
    label: str


@dataclass(frozen=True)
class ChooserQuestion:
    """One tool-chooser question with 2-4 answers."""

    key: str
    text: str
    options: tuple[ChooserOption, ...]

    def option_keys(self) -> tuple[str, ...]:
        return tuple(option.key for option in self.options)


@dataclass(frozen=True)
class Tool:
    """A kind of massage tool the chooser can recommend."""

    key: str  # one of TOOL_TYPES
    name: str
    description: str


@dataclass(frozen=True)
class ChooserRule:
    """If the answers match ``when`` (question key -> allowed option keys), recommend ``tool``."""

    when: dict[str, frozenset[str]]
    tool: str
    why: str
    routine_id: str

    def matches(self, answers: Mapping[str, str]) -> bool:
        return all(answers.get(question) in allowed for question, allowed in self.when.items())


@dataclass(frozen=True)
class ToolRecommendation:
    """What the chooser suggests, why, and which routine shows how to use it."""

    tool: Tool
    why: str
    routine_id: str


@dataclass(frozen=True)
class ToolChooser:
    """A few questions and ordered rules; the first rule that matches the answers wins."""

    intro: str
    questions: tuple[ChooserQuestion, ...]
    tools: dict[str, Tool]
    rules: tuple[ChooserRule, ...]

    def question(self, key: str) -> ChooserQuestion:
        for question in self.questions:
            if question.key == key:
                return question
        raise KeyError(key)

    def all_answer_combinations(self) -> list[dict[str, str]]:
        """Every possible set of complete answers (small: a handful of questions)."""
        keys = [q.key for q in self.questions]
        return [
            dict(zip(keys, combo, strict=True))
            for combo in itertools.product(*(q.option_keys() for q in self.questions))
        ]

    def recommend(self, answers: Mapping[str, str]) -> ToolRecommendation:
        """The recommendation for a complete set of answers.

        Raises ValueError when an answer is missing or not one of the question's options,
        because the bot should never call this before every question is answered.
        """
        for question in self.questions:
            given = answers.get(question.key)
            if given not in question.option_keys():
                raise ValueError(
                    f"answer for {question.key!r} must be one of {question.option_keys()}, "
                    f"got {given!r}"
                )
        for rule in self.rules:
            if rule.matches(answers):
                return ToolRecommendation(self.tools[rule.tool], rule.why, rule.routine_id)
        # Unreachable for a validated chooser: validation checks every combination.
        raise ValueError(f"no rule matches {dict(answers)}")


@dataclass(frozen=True)
class TierAdvice:
    """What one tier of warning signs tells the person to do."""

    tier: Tier
    title: str  # a heading in /safety ("Get help now")
    action: str  # the first sentence of any reply with a sign of this tier


@dataclass(frozen=True)
class WarningSign:
    """One warning sign: its stable code (as domain.redflags detects it), tier and words."""

    code: str
    tier: Tier
    words: str  # lower-case phrase, said back ("You mentioned ...") and listed in /safety


@dataclass(frozen=True)
class WarningSigns:
    """The one table of warning signs (content/safety/warning-signs.yaml)."""

    overview: str
    tiers: dict[Tier, TierAdvice]  # most urgent first
    signs: dict[str, WarningSign]  # file order
    gentle: str  # after a sign to mention: routines stay gentle
    hold: str  # after a sign to act on today or now: routines wait for a doctor's check
    not_a_diagnosis: str

    def tier_of(self) -> dict[str, Tier]:
        """Each sign's code mapped to its tier, for ``domain.redflags.most_urgent``."""
        return {code: sign.tier for code, sign in self.signs.items()}

    def signs_of(self, tier: Tier) -> list[WarningSign]:
        return [sign for sign in self.signs.values() if sign.tier is tier]


@dataclass(frozen=True)
class ScreeningQuestion:
    """One yes/no safety question about a condition (a code of domain.screening.CONDITIONS)."""

    condition: str
    label: str  # a few words for summaries: "blood thinners or a bleeding disorder"
    question: str
    why: str  # one short line under the question: why it matters for massage


@dataclass(frozen=True)
class ScreeningQuestions:
    """The safety screening: an intro and one question per condition, in CONDITIONS order."""

    intro: str
    questions: tuple[ScreeningQuestion, ...]

    def label(self, condition: str) -> str:
        for question in self.questions:
            if question.condition == condition:
                return question.label
        return condition.replace("_", " ")


@dataclass(frozen=True)
class Library:
    """Everything under content/: routines in file-name order, tips, the tool chooser and
    the safety screening's questions and the warning-sign table."""

    routines: dict[str, Routine]
    tips: Tips
    tool_chooser: ToolChooser
    screening: ScreeningQuestions
    warning_signs: WarningSigns


# ---------------------------------------------------------------------------------------
# Parsing helpers. Each takes the file name (for messages) and appends to `problems`.


class _Checker:
    """Collects problems for one file, each prefixed with the file name."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.problems: list[str] = []

    def fail(self, field: str, message: str) -> None:
        where = f"{self.filename}: {field}" if field else self.filename
        self.problems.append(f"{where} {message}" if field else f"{where}: {message}")

    def fields(
        self, data: Any, prefix: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> bool:
        """Check that `data` is a mapping with exactly the allowed keys; False if unusable."""
        if not isinstance(data, dict):
            self.fail(prefix, f"must be a mapping of fields, got {_show(data)}")
            return False
        allowed = required + optional
        for key in data:
            if key not in allowed:
                self.fail(
                    _join(prefix, str(key)),
                    f"is not a known field (allowed: {', '.join(allowed)})",
                )
        for key in required:
            if key not in data:
                self.fail(_join(prefix, key), "is missing")
        return True

    def text(self, data: dict, key: str, prefix: str = "", max_length: int | None = None) -> str:
        value = data.get(key)
        field = _join(prefix, key)
        if key not in data:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.fail(field, f"must be a non-empty text, got {_show(value)}")
            return ""
        value = " ".join(value.split())
        if max_length is not None and len(value) > max_length:
            self.fail(field, f"must be at most {max_length} characters, got {len(value)}")
        return value

    def positive_int(
        self, data: dict, key: str, prefix: str = "", maximum: int | None = None
    ) -> int:
        value = data.get(key)
        field = _join(prefix, key)
        if key not in data:
            return 0
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            self.fail(field, f"must be a positive integer, got {_show(value)}")
            return 0
        if maximum is not None and value > maximum:
            self.fail(field, f"must be at most {maximum}, got {value}")
        return value

    def choice(self, data: dict, key: str, allowed: tuple[str, ...], prefix: str = "") -> str:
        value = data.get(key)
        if key not in data:
            return ""
        if value not in allowed:
            self.fail(
                _join(prefix, key), f"must be one of {', '.join(allowed)}, got {_show(value)}"
            )
            return ""
        return value

    def choices(
        self, data: dict, key: str, allowed: tuple[str, ...], allow_empty: bool = False
    ) -> tuple[str, ...]:
        value = data.get(key)
        if key not in data:
            return ()
        if not isinstance(value, list) or (not value and not allow_empty):
            kind = "list" if allow_empty else "non-empty list"
            self.fail(key, f"must be a {kind}, got {_show(value)}")
            return ()
        result: list[str] = []
        for index, item in enumerate(value):
            if item not in allowed:
                self.fail(
                    f"{key}[{index}]", f"must be one of {', '.join(allowed)}, got {_show(item)}"
                )
            elif item in result:
                self.fail(f"{key}[{index}]", f"repeats {item!r}")
            else:
                result.append(item)
        return tuple(result)

    def texts(self, data: dict, key: str, allow_empty: bool) -> tuple[str, ...]:
        value = data.get(key)
        if key not in data:
            return ()
        if not isinstance(value, list) or (not value and not allow_empty):
            kind = "a list" if allow_empty else "a non-empty list"
            self.fail(key, f"must be {kind} of texts, got {_show(value)}")
            return ()
        result = []
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.fail(f"{key}[{index}]", f"must be a non-empty text, got {_show(item)}")
            else:
                result.append(" ".join(item.split()))
        return tuple(result)

    def slug(self, data: dict, key: str = "id", prefix: str = "") -> str:
        value = data.get(key)
        if key not in data:
            return ""
        if not isinstance(value, str) or not _SLUG.match(value) or len(value) > MAX_ID_LENGTH:
            self.fail(
                _join(prefix, key),
                f"must be a slug of a-z, 0-9 and '-' (at most {MAX_ID_LENGTH} characters), "
                f"got {_show(value)}",
            )
            return ""
        return value

    def key(self, data: dict, field: str, prefix: str) -> str:
        value = data.get(field)
        if field not in data:
            return ""
        if not isinstance(value, str) or not _KEY.match(value) or len(value) > MAX_KEY_LENGTH:
            self.fail(
                _join(prefix, field),
                f"must be a short key of a-z, 0-9 and '_' (at most {MAX_KEY_LENGTH} "
                f"characters), got {_show(value)}",
            )
            return ""
        return value


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _show(value: Any) -> str:
    """A value as it appears in a message: quoted text, short."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# ---------------------------------------------------------------------------------------
# Routines

_ROUTINE_REQUIRED = (
    "id",
    "title",
    "summary",
    "goals",
    "who",
    "minutes",
    "equipment",
    "intensity",
    "cautions",
    "steps",
    "unsuitable_for",
)
_STEP_REQUIRED = ("title", "instruction", "seconds")
_STEP_OPTIONAL = ("pressure", "avoid", "picture")


def parse_routine(data: Any, filename: str) -> tuple[Routine | None, list[str]]:
    """Turn one routine file's mapping into a Routine, or None plus every problem found."""
    check = _Checker(filename)
    if not check.fields(data, "", _ROUTINE_REQUIRED):
        return None, check.problems

    routine_id = check.slug(data, "id")
    title = check.text(data, "title", max_length=MAX_TITLE_LENGTH)
    summary = check.text(data, "summary", max_length=MAX_SUMMARY_LENGTH)
    goals = check.choices(data, "goals", GOALS)
    who = check.choice(data, "who", WHO)
    minutes = check.positive_int(data, "minutes", maximum=MAX_MINUTES)
    equipment = check.choices(data, "equipment", EQUIPMENT)
    if "none" in equipment and len(equipment) > 1:
        check.fail("equipment", "cannot list 'none' together with a tool")
    intensity = check.choice(data, "intensity", INTENSITIES)
    cautions = check.texts(data, "cautions", allow_empty=True)
    steps = _parse_steps(check, data.get("steps"), present="steps" in data)
    unsuitable_for = check.choices(data, "unsuitable_for", CONDITIONS, allow_empty=True)

    if minutes and steps:
        total = sum(step.seconds for step in steps)
        stated = minutes * 60
        if abs(total - stated) > stated * DURATION_TOLERANCE:
            check.fail(
                "steps",
                f"add up to {total / 60:.1f} minutes but minutes says {minutes} "
                f"(allowed: within {DURATION_TOLERANCE:.0%})",
            )
    if intensity == "gentle":
        for index, step in enumerate(steps):
            if step.pressure == "firm":
                check.fail(f"steps[{index}].pressure", "cannot be firm in a gentle routine")

    if check.problems:
        return None, check.problems
    routine = Routine(
        id=routine_id,
        title=title,
        summary=summary,
        goals=goals,
        who=who,
        minutes=minutes,
        equipment=equipment,
        intensity=intensity,
        cautions=cautions,
        steps=tuple(steps),
        unsuitable_for=unsuitable_for,
    )
    return routine, []


def _parse_steps(check: _Checker, value: Any, present: bool) -> list[Step]:
    if not present:
        return []
    if not isinstance(value, list) or not value:
        check.fail("steps", f"must be a non-empty list of steps, got {_show(value)}")
        return []
    steps: list[Step] = []
    for index, raw in enumerate(value):
        prefix = f"steps[{index}]"
        before = len(check.problems)
        if not check.fields(raw, prefix, _STEP_REQUIRED, _STEP_OPTIONAL):
            continue
        title = check.text(raw, "title", prefix, max_length=MAX_TITLE_LENGTH)
        instruction = check.text(raw, "instruction", prefix, max_length=MAX_INSTRUCTION_LENGTH)
        seconds = check.positive_int(raw, "seconds", prefix, maximum=MAX_MINUTES * 60)
        pressure = check.choice(raw, "pressure", PRESSURES, prefix) if "pressure" in raw else None
        avoid = check.text(raw, "avoid", prefix) if "avoid" in raw else None
        picture = check.slug(raw, "picture", prefix) if "picture" in raw else None
        if len(check.problems) == before:
            steps.append(
                Step(title, instruction, seconds, pressure or None, avoid or None, picture or None)
            )
    return steps


# ---------------------------------------------------------------------------------------
# Tips, disclaimer and tool chooser (content/tips/*.yaml, told apart by their `kind`)

TIP_KINDS = ("tips", "disclaimer", "tool_chooser", "screening")
MAX_QUESTION_LENGTH = 160
MAX_LABEL_LENGTH = 60


def parse_tip_section(data: dict, filename: str) -> tuple[TipSection | None, list[str]]:
    """A `kind: tips` file: an id, a title and a list of short items."""
    check = _Checker(filename)
    check.fields(data, "", ("kind", "id", "title", "items"))
    section = TipSection(
        id=check.slug(data, "id"),
        title=check.text(data, "title", max_length=MAX_TITLE_LENGTH),
        items=check.texts(data, "items", allow_empty=False),
    )
    return (None, check.problems) if check.problems else (section, [])


def parse_disclaimer(data: dict, filename: str) -> tuple[str | None, list[str]]:
    """A `kind: disclaimer` file: the one plain text shown before routines."""
    check = _Checker(filename)
    check.fields(data, "", ("kind", "text"))
    text = check.text(data, "text")
    return (None, check.problems) if check.problems else (text, [])


def parse_tool_chooser(
    data: dict, filename: str, routines: Mapping[str, Routine] | None
) -> tuple[ToolChooser | None, list[str]]:
    """A `kind: tool_chooser` file; also checks routine references and full coverage.

    `routines` is None when the routines themselves failed to load: references are then
    not checked, to avoid a cascade of follow-up errors.
    """
    check = _Checker(filename)
    check.fields(data, "", ("kind", "intro", "questions", "tools", "rules"))
    intro = check.text(data, "intro")
    questions = _parse_questions(check, data.get("questions"), "questions" in data)
    tools = _parse_tools(check, data.get("tools"), "tools" in data)
    rules = _parse_rules(check, data.get("rules"), "rules" in data, questions, tools, routines)
    if check.problems:
        return None, check.problems
    chooser = ToolChooser(intro=intro, questions=questions, tools=tools, rules=rules)
    for answers in chooser.all_answer_combinations():
        if not any(rule.matches(answers) for rule in rules):
            shown = ", ".join(f"{k}={v}" for k, v in answers.items())
            check.fail("rules", f"give no recommendation for {shown}")
    return (None, check.problems) if check.problems else (chooser, [])


def _parse_questions(check: _Checker, value: Any, present: bool) -> tuple[ChooserQuestion, ...]:
    if not present:
        return ()
    if not isinstance(value, list) or not value:
        check.fail("questions", f"must be a non-empty list, got {_show(value)}")
        return ()
    questions: list[ChooserQuestion] = []
    seen: set[str] = set()
    for index, raw in enumerate(value):
        prefix = f"questions[{index}]"
        if not check.fields(raw, prefix, ("key", "text", "options")):
            continue
        key = check.key(raw, "key", prefix)
        if key in seen:
            check.fail(f"{prefix}.key", f"repeats {key!r}")
        seen.add(key)
        text = check.text(raw, "text", prefix)
        options_raw = raw.get("options")
        if not isinstance(options_raw, list) or not 2 <= len(options_raw) <= 4:
            check.fail(
                f"{prefix}.options", f"must be a list of 2 to 4 options, got {_show(options_raw)}"
            )
            continue
        options: list[ChooserOption] = []
        for opt_index, opt in enumerate(options_raw):
            opt_prefix = f"{prefix}.options[{opt_index}]"
            if not check.fields(opt, opt_prefix, ("key", "label")):
                continue
            opt_key = check.key(opt, "key", opt_prefix)
            if opt_key and opt_key in {o.key for o in options}:
                check.fail(f"{opt_prefix}.key", f"repeats {opt_key!r}")
            options.append(
                ChooserOption(opt_key, check.text(opt, "label", opt_prefix, max_length=40))
            )
        questions.append(ChooserQuestion(key, text, tuple(options)))
    return tuple(questions)


def _parse_tools(check: _Checker, value: Any, present: bool) -> dict[str, Tool]:
    if not present:
        return {}
    if not isinstance(value, dict) or not value:
        check.fail(
            "tools", f"must be a mapping of tool type to name and description, got {_show(value)}"
        )
        return {}
    tools: dict[str, Tool] = {}
    for key, raw in value.items():
        prefix = f"tools.{key}"
        if key not in TOOL_TYPES:
            check.fail(prefix, f"is not a tool type (allowed: {', '.join(TOOL_TYPES)})")
            continue
        if not check.fields(raw, prefix, ("name", "description")):
            continue
        tools[key] = Tool(
            key=key,
            name=check.text(raw, "name", prefix, max_length=MAX_TITLE_LENGTH),
            description=check.text(raw, "description", prefix, max_length=MAX_SUMMARY_LENGTH),
        )
    return tools


def _parse_rules(
    check: _Checker,
    value: Any,
    present: bool,
    questions: tuple[ChooserQuestion, ...],
    tools: dict[str, Tool],
    routines: Mapping[str, Routine] | None,
) -> tuple[ChooserRule, ...]:
    if not present:
        return ()
    if not isinstance(value, list) or not value:
        check.fail("rules", f"must be a non-empty list, got {_show(value)}")
        return ()
    options_of = {q.key: set(q.option_keys()) for q in questions}
    rules: list[ChooserRule] = []
    for index, raw in enumerate(value):
        prefix = f"rules[{index}]"
        if not check.fields(raw, prefix, ("when", "tool", "why", "routine")):
            continue
        when = _parse_when(check, raw.get("when"), f"{prefix}.when", options_of)
        tool = raw.get("tool")
        if tool not in tools:
            check.fail(
                f"{prefix}.tool",
                f"must be one of the tools listed ({', '.join(tools)}), got {_show(tool)}",
            )
        why = check.text(raw, "why", prefix, max_length=MAX_SUMMARY_LENGTH)
        routine_id = raw.get("routine")
        if routines is not None and "routine" in raw:
            routine = routines.get(routine_id) if isinstance(routine_id, str) else None
            if routine is None:
                check.fail(f"{prefix}.routine", f"names no known routine, got {_show(routine_id)}")
            elif tool in TOOL_TYPES and tool not in routine.equipment:
                check.fail(
                    f"{prefix}.routine",
                    f"{routine_id!r} does not use the recommended tool {tool!r}",
                )
        rules.append(ChooserRule(when, str(tool), why, str(routine_id)))
    return tuple(rules)


def _parse_when(
    check: _Checker, value: Any, prefix: str, options_of: dict[str, set[str]]
) -> dict[str, frozenset[str]]:
    """`when` maps a question key to one option key or a list of them; absent means any."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        check.fail(prefix, f"must be a mapping of question to answer(s), got {_show(value)}")
        return {}
    when: dict[str, frozenset[str]] = {}
    for question, answers in value.items():
        field = f"{prefix}.{question}"
        if question not in options_of:
            check.fail(field, f"is not a question (known: {', '.join(options_of)})")
            continue
        listed = answers if isinstance(answers, list) else [answers]
        bad = [a for a in listed if a not in options_of[question]]
        if bad or not listed:
            check.fail(
                field,
                f"must be among {', '.join(sorted(options_of[question]))}, got {_show(answers)}",
            )
            continue
        when[question] = frozenset(listed)
    return when


# ---------------------------------------------------------------------------------------
# Glossary (content/glossary.yaml): one preferred word per thing, and the variants to avoid


@dataclass(frozen=True)
class GlossaryTerm:
    """The word to use for one thing, what it means, and the words not to use for it."""

    term: str
    means: str
    avoid: tuple[str, ...]


def _variant_pattern(variant: str) -> re.Pattern[str]:
    """A whole-word, case-blind pattern where a space and a hyphen are alike, plural allowed."""
    words = [re.escape(word) for word in re.split(r"[\s-]+", variant.strip()) if word]
    return re.compile(r"(?<!\w)" + r"[\s-]+".join(words) + r"(?:s|es)?(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Glossary:
    """Preferred terms; ``discouraged_in`` finds the variants a text should not use."""

    terms: tuple[GlossaryTerm, ...]

    def discouraged_in(self, text: str) -> list[tuple[str, str]]:
        """(word found in `text`, preferred term) for every discouraged variant it uses."""
        found = []
        for entry in self.terms:
            for variant in entry.avoid:
                for match in _variant_pattern(variant).finditer(text):
                    found.append((match.group(0), entry.term))
        return found


def parse_glossary(data: Any, filename: str) -> tuple[Glossary | None, list[str]]:
    """The glossary mapping: `terms`, each with `term`, `means` and a non-empty `avoid` list."""
    check = _Checker(filename)
    if not check.fields(data, "", ("terms",)):
        return None, check.problems
    raw_terms = data.get("terms")
    if not isinstance(raw_terms, list) or not raw_terms:
        check.fail("terms", f"must be a non-empty list, got {_show(raw_terms)}")
        return None, check.problems
    terms: list[GlossaryTerm] = []
    for index, raw in enumerate(raw_terms):
        prefix = f"terms[{index}]"
        if not check.fields(raw, prefix, ("term", "means", "avoid")):
            continue
        avoid = raw.get("avoid")
        if (
            not isinstance(avoid, list)
            or not avoid
            or not all(isinstance(v, str) and v.strip() for v in avoid)
        ):
            check.fail(f"{prefix}.avoid", f"must be a non-empty list of texts, got {_show(avoid)}")
            avoid = []
        terms.append(
            GlossaryTerm(
                term=check.text(raw, "term", prefix),
                means=check.text(raw, "means", prefix),
                avoid=tuple(" ".join(v.split()) for v in avoid),
            )
        )
    glossary = Glossary(tuple(terms))
    # A preferred term that its own glossary would flag could never be used.
    for entry in glossary.terms:
        for variant, preferred in glossary.discouraged_in(entry.term):
            check.fail("terms", f"{entry.term!r} contains {variant!r}, a variant of {preferred!r}")
    return (None, check.problems) if check.problems else (glossary, [])


# ---------------------------------------------------------------------------------------
# The warning-sign table (content/safety/warning-signs.yaml)

WARNING_SIGNS_KIND = "warning_signs"
TIERS_MOST_URGENT_FIRST: tuple[Tier, ...] = tuple(sorted(Tier, reverse=True))
MAX_SIGN_WORDS = 160


def parse_warning_signs(data: Any, filename: str) -> tuple[WarningSigns | None, list[str]]:
    """The table: three tiers with their advice, and every sign the detector knows.

    The codes must be exactly ``domain.redflags.SIGN_CODES``: a sign the detector finds but
    the table lacks would get no advice, and a table row the detector never finds would
    promise a check that does not happen.
    """
    check = _Checker(filename)
    fields = ("kind", "overview", "tiers", "gentle", "hold", "not_a_diagnosis", "signs")
    if not check.fields(data, "", fields):
        return None, check.problems
    if data.get("kind") != WARNING_SIGNS_KIND:
        check.fail("kind", f"must be {WARNING_SIGNS_KIND!r}, got {_show(data.get('kind'))}")
    overview = check.text(data, "overview", max_length=MAX_SUMMARY_LENGTH)
    gentle = check.text(data, "gentle", max_length=MAX_SUMMARY_LENGTH)
    hold = check.text(data, "hold", max_length=MAX_SUMMARY_LENGTH)
    not_a_diagnosis = check.text(data, "not_a_diagnosis", max_length=MAX_SUMMARY_LENGTH)
    tiers = _parse_tiers(check, data.get("tiers"), "tiers" in data)
    signs = _parse_signs(check, data.get("signs"), "signs" in data)
    for tier in tiers:
        if signs and not any(sign.tier is tier for sign in signs.values()):
            check.fail("tiers", f"{tier.value!r} has no sign")
    if check.problems:
        return None, check.problems
    table = WarningSigns(
        overview=overview,
        tiers={tier: tiers[tier] for tier in TIERS_MOST_URGENT_FIRST},
        signs=signs,
        gentle=gentle,
        hold=hold,
        not_a_diagnosis=not_a_diagnosis,
    )
    return table, []


def _parse_tiers(check: _Checker, value: Any, present: bool) -> dict[Tier, TierAdvice]:
    if not present:
        return {}
    names = tuple(tier.value for tier in TIERS_MOST_URGENT_FIRST)
    if not check.fields(value, "tiers", names):
        return {}
    tiers: dict[Tier, TierAdvice] = {}
    for name in names:
        raw = value.get(name)
        prefix = f"tiers.{name}"
        if raw is None or not check.fields(raw, prefix, ("title", "action")):
            continue
        title = check.text(raw, "title", prefix, max_length=MAX_TITLE_LENGTH)
        action = check.text(raw, "action", prefix, max_length=MAX_SUMMARY_LENGTH)
        tiers[Tier(name)] = TierAdvice(Tier(name), title, action)
    return tiers


def _parse_signs(check: _Checker, value: Any, present: bool) -> dict[str, WarningSign]:
    if not present:
        return {}
    if not isinstance(value, dict) or not value:
        check.fail("signs", f"must be a mapping of sign code to tier and words, got {_show(value)}")
        return {}
    tier_names = tuple(tier.value for tier in TIERS_MOST_URGENT_FIRST)
    signs: dict[str, WarningSign] = {}
    for code, raw in value.items():
        prefix = f"signs.{code}"
        if code not in SIGN_CODES:
            check.fail(prefix, f"is not a sign the detector knows (known: {', '.join(SIGN_CODES)})")
            continue
        if not check.fields(raw, prefix, ("tier", "words")):
            continue
        tier = check.choice(raw, "tier", tier_names, prefix)
        words = check.text(raw, "words", prefix, max_length=MAX_SIGN_WORDS)
        if tier and words:
            signs[code] = WarningSign(code, Tier(tier), words)
    missing = [code for code in SIGN_CODES if code not in value]
    if missing:
        check.fail("signs", f"lack {', '.join(missing)}: every detected sign needs its advice")
    return signs


def parse_screening(data: dict, filename: str) -> tuple[ScreeningQuestions | None, list[str]]:
    """A `kind: screening` file: an intro and one question per screening condition.

    The questions must name exactly the codes of ``domain.screening.CONDITIONS``, in that
    order: answers travel as one letter per condition in that order.
    """
    check = _Checker(filename)
    check.fields(data, "", ("kind", "intro", "questions"))
    intro = check.text(data, "intro", max_length=MAX_SUMMARY_LENGTH)
    raw_questions = data.get("questions")
    questions: list[ScreeningQuestion] = []
    if "questions" in data and not isinstance(raw_questions, list):
        check.fail("questions", f"must be a list of questions, got {_show(raw_questions)}")
        raw_questions = []
    for index, raw in enumerate(raw_questions or []):
        prefix = f"questions[{index}]"
        if not check.fields(raw, prefix, ("condition", "label", "question", "why")):
            continue
        questions.append(
            ScreeningQuestion(
                condition=check.choice(raw, "condition", CONDITIONS, prefix),
                label=check.text(raw, "label", prefix, max_length=MAX_LABEL_LENGTH),
                question=check.text(raw, "question", prefix, max_length=MAX_QUESTION_LENGTH),
                why=check.text(raw, "why", prefix, max_length=MAX_QUESTION_LENGTH),
            )
        )
    named = tuple(q.condition for q in questions)
    if "questions" in data and named != CONDITIONS:
        check.fail(
            "questions",
            f"must ask about exactly {', '.join(CONDITIONS)} in that order, "
            f"got {', '.join(c or '?' for c in named) or 'none'}",
        )
    if check.problems:
        return None, check.problems
    return ScreeningQuestions(intro=intro, questions=tuple(questions)), []
