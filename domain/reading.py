"""Read pain reports and warning signs in every language the bot speaks.

English is read by domain/pain.py and domain/redflags.py (the reference, tuned on the largest
corpora); every other language by one engine here, driven by that language's lexicon
(domain/lexicons/<lang>.py, data only). The public API:

- ``parse_pain_message(text, language)``: a ``domain.pain.PainParse``, as in English;
- ``detect_warning_signs(text, language)``: the sign codes of ``SIGN_CODES`` a message names;
- ``detect_warning_signs_any(text)``: the signs found in every language the message may be
  in, so an emergency sign written in any of them gets emergency advice whatever language
  the user chose;
- ``guess_language(text)``: which language a message is written in, or None when unsure.

The engine reads the way domain/redflags.py does. The text is normalised (lower case, the
language's letter folding such as "ü" -> "ue", accents stripped where the lexicon says,
typos fixed), idioms are blanked out, then the text is cut into segments at sentence ends
and contrast words, and each segment into clauses at commas and joining words. A sign's
words may span a segment; a negation only counts in the sign's own clause, a few words
before it (or, where the language says "not" after, right after it); a clause that says the
sign is past or resolved does not alarm, except a history of cancer; nor does a sign someone
else has, or one read or asked about. When in doubt it errs on the side of flagging.

Pain reports are read like domain/pain.py, more simply: numbers (digits, number words,
"5/10", "5 von 10", ranges, changes "von 7 auf 4"), what makes one a level (a pain word, an
area, an approximate word just before it, or a message made only of report words), and
what makes it a count or a time instead ("5 km", "um 7"). When unsure it asks back. The
``understood`` sentences are English, the same as domain/pain.py's, for the bot to translate
by ``reason``.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import pkgutil
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import domain.lexicons
from domain import pain as english_pain
from domain import redflags as english_redflags
from domain import safety_check as english_safety_check
from domain.lexicons import Lexicon
from domain.pain import AREAS, PainParse
from domain.redflags import SIGN_CODES


def _lexicon_languages() -> tuple[str, ...]:
    """The codes of the lexicon modules in domain/lexicons/: adding a language to the
    reader is adding its module."""
    return tuple(
        sorted(
            module.name
            for module in pkgutil.iter_modules(domain.lexicons.__path__)
            if re.fullmatch(r"[a-z]{2}", module.name)
        )
    )


# English first (read by domain/pain.py and domain/redflags.py), then every lexicon's.
LANGUAGES: tuple[str, ...] = ("en", *_lexicon_languages())

_AREA_LABELS = {area.code: area.label for area in AREAS}
_MAX_NUMBERS = 12
_MAX_SETTLED = 4
_MAX_DISPLAY = 12
_MAX_TEXT = 4096  # Telegram's own limit; longer input is cut, bounding the work


@functools.cache
def lexicon(language: str) -> Lexicon | None:
    """The lexicon of a language, or None for English (read by domain/pain.py and
    domain/redflags.py) and for a language without one yet."""
    if language == "en" or not re.fullmatch(r"[a-z]{2}", language or ""):
        return None
    name = f"domain.lexicons.{language}"
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name != name:
            raise  # a lexicon that imports something missing is a bug, not "no lexicon"
        return None
    found = getattr(module, "LEXICON", None)
    return _with_pattern_letters(found) if isinstance(found, Lexicon) else None


# Lexicon fields that hold pattern fragments (the rest are plain words, written folded).
_FRAGMENT_TUPLES = (
    "pain_words", "approximate_before", "approximate_after", "out_of", "scale_phrases",
    "range_words", "from_words", "to_words", "level_before", "no_pain", "report_phrases",
    "past_markers", "current_markers", "yesterday", "question_starts", "clause_words",
    "idioms", "contrast_words", "clause_break_words", "negation_words", "negation_after",
    "resolved_words", "other_person_words", "hearsay_words", "denial_words",
    "pure_resolution", "exercise", "emergency_topics", "seat_words", "feeling_change",
)  # fmt: skip


def _with_pattern_letters(lex: Lexicon) -> Lexicon:
    """The lexicon with each letter of ``pattern_letters`` in its fragments replaced by its
    pattern ("rücken" -> "r(?:ue|u)cken")."""
    if not lex.pattern_letters:
        return lex
    table = str.maketrans(dict(lex.pattern_letters))

    def t(fragment: str) -> str:
        return fragment.translate(table)

    changes: dict[str, object] = {
        name: tuple(t(f) for f in getattr(lex, name)) for name in _FRAGMENT_TUPLES
    }
    changes["areas"] = {t(phrase): code for phrase, code in lex.areas.items()}
    changes["weak_areas"] = frozenset(t(phrase) for phrase in lex.weak_areas)
    changes["word_classes"] = {name: t(f) for name, f in lex.word_classes.items()}
    changes["sign_patterns"] = {
        code: tuple(t(f) for f in patterns) for code, patterns in lex.sign_patterns.items()
    }
    if lex.between_words:
        changes["between_words"] = (t(lex.between_words[0]), t(lex.between_words[1]))
    return dataclasses.replace(lex, **changes)  # type: ignore[arg-type]


def supported(language: str) -> bool:
    """Whether messages in this language are read (English always is)."""
    return language == "en" or lexicon(language) is not None


# ------------------------------------------------------------------------ normalising

_APOSTROPHES = {"’": "'", "‘": "'", "`": "'", "´": "'"}
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\x00-\x08\x0b-\x1f]")


def _fold(text: str, lex: Lexicon) -> tuple[str, list[int]]:
    """The normalised text, and for each of its characters the index in ``text`` it came
    from (plus one past the end), so spans found in the folded text map back."""
    out: list[str] = []
    where: list[int] = []
    for index, ch in enumerate(text):
        piece = _APOSTROPHES.get(ch, ch)
        if _INVISIBLE.match(piece):
            piece = " "
        piece = "".join(lex.letter_map.get(c, c) for c in piece.lower())
        if lex.strip_accents:
            piece = "".join(
                c for c in unicodedata.normalize("NFD", piece) if not unicodedata.combining(c)
            )
        out.extend(piece)
        where.extend([index] * len(piece))
    folded = "".join(out)
    where.append(len(text))
    if lex.typos:
        pattern = _typo_pattern(lex)
        pieces: list[str] = []
        mapped: list[int] = []
        last = 0
        for m in pattern.finditer(folded):
            pieces.append(folded[last : m.start()])
            mapped.extend(where[last : m.start()])
            fixed = lex.typos[m.group()]
            pieces.append(fixed)
            # the fixed word's last letter maps to the typed word's last letter
            last_typed = m.end() - m.start() - 1
            mapped.extend(where[m.start() + min(i, last_typed)] for i in range(len(fixed)))
            last = m.end()
        pieces.append(folded[last:])
        mapped.extend(where[last:])
        folded = "".join(pieces)
        where = mapped
    return folded, where


@functools.cache
def _typo_pattern(lex: Lexicon) -> re.Pattern[str]:
    words = sorted(lex.typos, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


def _alternatives(fragments: tuple[str, ...] | frozenset[str] | list[str]) -> str:
    """Fragments as one non-capturing alternation, longest first; "(?!)" when empty."""
    if not fragments:
        return "(?!)"
    return "(?:" + "|".join(sorted(fragments, key=len, reverse=True)) + ")"


def _words_regex(fragments: tuple[str, ...] | frozenset[str] | list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + _alternatives(fragments) + r"(?!\w)")


# ======================================================================= warning signs


def detect_warning_signs(text: str, language: str) -> list[str]:
    """The warning-sign codes a message in ``language`` mentions, in ``SIGN_CODES`` order.

    English is read by domain/redflags.py; a language without a lexicon finds nothing.
    """
    if language == "en":
        return english_redflags.detect_warning_signs(text)
    lex = lexicon(language)
    if lex is None:
        return []
    return _SignReader.of(lex).detect(text or "")


def detect_warning_signs_any(text: str) -> list[str]:
    """The signs found in every supported language, in ``SIGN_CODES`` order.

    A language reads the message when the message is in it, when its language is unclear,
    or when it has at least one word or letter of that language's own ("my back, taub im
    schritt"; "hab seit gestern numb groin": English's list of frequent words holds the
    words of its warning signs, which people mix into every language). So a word several
    languages share ("cancer", "chemo") in a message plainly in one language is judged by
    that language alone, which knows whose cancer it is.
    """
    text = text or ""
    guess = _verdict(_votes(text))
    # Words the message's language shares with another ("me", "no", "in") are no sign of
    # that other language.
    votes = _votes(text, shared_with=guess)
    found: set[str] = set()
    for language in LANGUAGES:
        if guess not in LANGUAGES or guess == language or votes.get(language, 0) > 0:
            found.update(detect_warning_signs(text, language))
    return [code for code in SIGN_CODES if code in found]


def worth_asking(text: str, language: str) -> bool:
    """The safety net under detection: whether a message with no detected sign names
    something an emergency sign is about (bladder, the saddle area, sex, the chest, both
    legs, a tearing pain) in words the person did not negate, so one yes/no question about
    the emergency signs beats guessing. English is domain/safety_check.py's; a language
    whose lexicon names no such words never asks."""
    if language == "en":
        return english_safety_check.worth_asking(text)
    lex = lexicon(language)
    if lex is None or not lex.emergency_topics:
        return False
    return _SignReader.of(lex).worth_asking(text or "")


@dataclass(frozen=True)
class _Hit:
    code: str
    start: int  # where the symptom words start, for the negation check
    end: int


class _SignReader:
    """A lexicon's sign patterns, compiled once."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.patterns = {
            code: [
                re.compile(r"(?<!\w)" + self._expand(p)) for p in lex.sign_patterns.get(code, ())
            ]
            for code in SIGN_CODES
        }
        self.idioms = re.compile(_alternatives([self._expand(i) for i in lex.idioms]))
        self.segment_break = re.compile(
            r"[!?;\n()]+|\.+(?!\d)|(?<!\d)\.+|(?<!\w)"
            + _alternatives(lex.contrast_words)
            + r"(?!\w)"
        )
        self.clause_break = re.compile(
            r",|\s-\s|(?<!\w)" + _alternatives(lex.clause_break_words) + r"(?!\w)"
        )
        self.negation = _words_regex(lex.negation_words)
        self.negation_after = re.compile(
            r"^\W*" + _alternatives([self._expand(n) for n in lex.negation_after]) + r"(?!\w)"
        )
        self.resolved = _words_regex([self._expand(r) for r in lex.resolved_words])
        self.other_person = _words_regex([self._expand(o) for o in lex.other_person_words])
        self.hearsay = _words_regex([self._expand(h) for h in lex.hearsay_words])
        self.exercise = _words_regex([self._expand(e) for e in lex.exercise])
        self.denial = re.compile(
            r"^\W*" + _alternatives([self._expand(d) for d in lex.denial_words]) + r"(?!\w)"
        )
        self.pure_resolution = re.compile(
            r"^\W*" + _alternatives([self._expand(r) for r in lex.pure_resolution]) + r"(?!\w)"
        )
        symptom = lex.word_classes.get("SYMPTOM_NOUN")
        self.symptom_noun = (
            # no "^": matched at a clause break with match(segment, pos), where "^" never holds
            re.compile(r"\W*" + f"(?:{self._expand(symptom)})") if symptom else None
        )
        self.word = re.compile(r"[\w']+")
        self.topics = _words_regex(lex.emergency_topics)
        self.seat = _words_regex(lex.seat_words)
        self.feeling_change = _words_regex(lex.feeling_change)

    @staticmethod
    @functools.cache
    def of(lex: Lexicon) -> _SignReader:
        return _SignReader(lex)

    def _expand(self, pattern: str, depth: int = 0) -> str:
        """``{NAME}`` -> the word class's fragment, recursively (quantifiers like ``{0,40}``
        are digits and stay)."""
        if depth > 8:
            raise ValueError(f"{self.lex.code}: word classes nest too deep in {pattern!r}")

        def one(m: re.Match[str]) -> str:
            name = m.group(1)
            if name not in self.lex.word_classes:
                raise ValueError(f"{self.lex.code}: unknown word class {{{name}}}")
            return "(?:" + self._expand(self.lex.word_classes[name], depth + 1) + ")"

        return re.sub(r"\{([A-Z_]+)\}", one, pattern)

    def detect(self, text: str) -> list[str]:
        folded, _ = _fold(text[:_MAX_TEXT], self.lex)
        folded = re.sub(r"[ \t]+", " ", self.idioms.sub(" ", folded))
        segments = [s for s in self.segment_break.split(folded) if s.strip()]
        found: set[str] = set()
        whole = self.lex.whole_message_signs
        if whole:
            found |= self._signs_in_segment(re.sub(r"\s+", " ", folded), whole)
        for index, segment in enumerate(segments):
            following = segments[index + 1] if index + 1 < len(segments) else ""
            signs = self._signs_in_segment(segment, exclude=whole)
            if following and self.denial.match(following):
                continue  # "Taubheit im Schritt ist ein Notfall. Hab ich aber nicht."
            if following and self.pure_resolution.match(following):
                signs &= {"cancer_history"}  # "... aber ist wieder weg"
            found |= signs
        return [code for code in SIGN_CODES if code in found]

    def worth_asking(self, text: str) -> bool:
        """A topic of the emergency signs, not negated in its own clause (see
        ``worth_asking`` of this module)."""
        folded, _ = _fold(text[:_MAX_TEXT], self.lex)
        folded = re.sub(r"[ \t]+", " ", self.idioms.sub(" ", folded))
        for segment in self.segment_break.split(folded):
            mentions = list(self.topics.finditer(segment))
            clauses = self._clauses(segment)
            # a seat word counts with a change of feeling that is not negated: "merk fast
            # nix mehr am po" names the change with a "nix" of its own
            if self.seat.search(segment):
                mentions += [
                    m
                    for m in self.feeling_change.finditer(segment)
                    if not self._negated(
                        segment[self._clause_start(clauses, m.start()) : m.start()]
                    )
                ]
            for mention in mentions:
                start, end = next(
                    (s, e) for s, e in clauses if s <= mention.start() < e or e == len(segment)
                )
                if self._negated(segment[start : mention.start()]):
                    continue
                if self.negation_after.match(segment[mention.end() : max(end, mention.end())]):
                    continue
                return True
        return False

    @staticmethod
    def _clause_start(clauses: list[tuple[int, int]], position: int) -> int:
        return next((s for s, e in clauses if s <= position < e), clauses[-1][0])

    def _signs_in_segment(
        self,
        segment: str,
        only: frozenset[str] | None = None,
        exclude: frozenset[str] = frozenset(),
    ) -> set[str]:
        clauses = self._clauses(segment)
        found: set[str] = set()
        for code, patterns in self.patterns.items():
            if (only is not None and code not in only) or code in exclude:
                continue
            for pattern in patterns:
                for match in pattern.finditer(segment):
                    start = (
                        match.start("sym")
                        if "sym" in pattern.groupindex and match.group("sym") is not None
                        else match.start()
                    )
                    if self._counts(_Hit(code, start, match.end()), segment, clauses):
                        found.add(code)
                        break
                if code in found:
                    break
        return found

    def _clauses(self, segment: str) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        start = 0
        for brk in self.clause_break.finditer(segment):
            if (
                self.symptom_noun is not None
                and self.symptom_noun.match(segment, brk.end())
                and self.negation.search(segment[start : brk.start()])
            ):
                continue  # "kein Fieber, Taubheit oder Schwaeche": the "kein" reaches on
            spans.append((start, brk.start()))
            start = brk.end()
        spans.append((start, len(segment)))
        return spans

    def _counts(self, hit: _Hit, segment: str, clauses: list[tuple[int, int]]) -> bool:
        index = next(
            i for i, (s, e) in enumerate(clauses) if s <= hit.start < e or i == len(clauses) - 1
        )
        start, end = clauses[index]
        before = segment[start : hit.start]
        if self._negated(before):
            return False
        if self.negation_after.match(segment[hit.end : max(end, hit.end)]):
            return False
        following = clauses[index + 1] if index + 1 < len(clauses) else None
        then = segment[following[0] : following[1]] if following else ""
        if then and self.denial.match(then):
            return False  # "taube zehen, hab ich aber nicht"
        if then and hit.code != "cancer_history" and self.pure_resolution.match(then):
            return False  # "taube zehen, jetzt nicht mehr"
        if hit.code != "cancer_history" and self.resolved.search(
            segment[start : max(end, hit.end)]
        ):
            return False
        if self.other_person.search(before):
            return False
        if hit.code in ("both_legs", "leg_weakness") and self.exercise.search(segment):
            return False  # "beine nach dem marathon total wackelig": tired, not a nerve sign
        return not self.hearsay.search(segment[: hit.start])

    def _negated(self, before: str) -> bool:
        words = self.word.findall(before)
        window: list[str] = []
        counted = 0
        for word in reversed(words):
            window.insert(0, word)
            if word not in self.lex.list_words:
                counted += 1
                if counted >= self.lex.negation_window:
                    break
        return bool(self.negation.search(" ".join(window)))


# ========================================================================= pain reports


def parse_pain_message(text: str, language: str) -> PainParse:
    """Read one chat message in ``language`` as a pain report, an unclear pain message or
    ordinary chat. English is read by domain/pain.py; a language without a lexicon reads
    nothing ("none")."""
    if language == "en":
        return english_pain.parse_pain_message(text)
    lex = lexicon(language)
    if lex is None:
        return PainParse("none")
    return _PainReader.of(lex).parse(text)


@dataclass
class _Number:
    kind: str  # atom, frac, range, trans
    start: int  # in the folded text
    end: int
    display: str
    value: Decimal | None = None
    negative: bool = False
    other_scale: bool = False
    range_ends: tuple[str, str] | None = None
    cue: bool = False


class _PainReader:
    """A lexicon's pain-report patterns, compiled once."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        words = _alternatives([re.escape(w) for w in lex.number_words])
        digits = r"(?<![0-9.,])[0-9]+(?:[.,][0-9](?![0-9]))?(?![0-9]|[.,][0-9])"
        half = r"(?:\s?½)"
        num = rf"(?:(?:{digits}|(?<!\w){words}(?!\w)){half}?)"
        tens = [re.escape(w) for w, v in lex.number_words.items() if v == 10]
        ten = rf"(?:10(?![0-9])|(?<!\w){_alternatives(tens)}(?!\w))"
        out_of = rf"(?:\s*/\s*{ten}|\s+{_alternatives(lex.out_of)}\s+{ten})"
        arrow = r"(?:-+>|→|=>|⇒|➡️?)"
        to = _alternatives(lex.to_words)
        ranges = _alternatives(lex.range_words)
        between = ""
        if lex.between_words:
            first, second = lex.between_words
            between = rf"(?<!\w){first}\s+(?P<b1>{num})\s+{second}\s+(?P<b2>{num}){out_of}?|"
        self.numbers = re.compile(
            rf"""
            (?P<scale>{_alternatives(lex.scale_phrases)})
            |(?P<time>(?<![0-9])[0-9]{{1,2}}[:.][0-9]{{2}}(?![0-9]))
            |(?P<trans>(?<!\w){_alternatives(lex.from_words)}\s+(?P<t1>{num}){out_of}?\s*
                (?:{arrow}|-|(?<!\w){to}(?!\w))(?:\s+\w+)??\s*(?P<t2>{num}){out_of}?
              |(?P<u1>{num}){out_of}?\s*{arrow}\s*(?P<u2>{num}){out_of}?)
            |(?P<range>{between}(?P<r1>{num})\s*(?:-|–|—|(?<!\w){ranges}(?!\w))\s*
                (?P<r2>{num}){out_of}?)
            |(?P<frac>(?P<neg_f>[-−])?(?P<f1>{num})\s*(?:/|\s{_alternatives(lex.out_of)}\s)\s*
                (?P<f2>{num}))
            |(?P<atom>(?P<neg>[-−])?(?P<a>{num}))
            """,
            re.VERBOSE,
        )
        self.pain = _words_regex(lex.pain_words)
        self.no_pain = _words_regex(lex.no_pain)
        self.areas = _words_regex(list(lex.areas))
        self.area_matchers = [(re.compile(p + r"\Z"), code) for p, code in lex.areas.items()]
        self.weak_areas = [re.compile(p + r"\Z") for p in lex.weak_areas]
        self.cue_before = re.compile(r"(?<!\w)" + _alternatives(lex.approximate_before) + r"\s*$")
        # no "^": matched right after a number with match(text, pos), where "^" never holds
        self.cue_after = re.compile(r"\s*" + _alternatives(lex.approximate_after) + r"(?!\w)")
        self.level_before = re.compile(r"(?<!\w)" + _alternatives(lex.level_before) + r"\s*$")
        self.report_phrases = _words_regex(lex.report_phrases)
        self.past = _words_regex(lex.past_markers)
        self.current = _words_regex(lex.current_markers)
        self.yesterday = _words_regex(lex.yesterday)
        self.question = re.compile(r"^\W*" + _alternatives(lex.question_starts) + r"(?!\w)")
        self.clause = re.compile(
            r"[,;.!?\n]+|(?<!\w)" + _alternatives(lex.clause_words) + r"(?!\w)"
        )
        self.filler = re.compile(
            _alternatives(
                [*lex.pain_words, *lex.approximate_before, *lex.approximate_after,
                 *(re.escape(w) for w in lex.report_words)]
            )
            + r"\Z"
        )  # fmt: skip

    @staticmethod
    @functools.cache
    def of(lex: Lexicon) -> _PainReader:
        return _PainReader(lex)

    # ---------------------------------------------------------------------- the verdict

    def parse(self, original: str) -> PainParse:
        original = original.strip()[:_MAX_TEXT]
        if not original:
            return PainParse("none")
        text, where = _fold(original, self.lex)
        matches = []
        for m in self.numbers.finditer(text):
            matches.append(m)
            if len(matches) > _MAX_NUMBERS:
                return PainParse("none")  # a list or a table, not one report
        numbers, consumed, scales = self._find_numbers(text, matches, original, where)
        questions = self._questions(text)
        numbers = [n for n in numbers if not any(a <= n.start < b for a, b in questions)]
        several = len({(n.negative, n.value) for n in numbers}) > 1
        settled = self._current_of(text, numbers) if several else None
        areas = self._find_areas(text)
        area_codes = {code for _, _, code, _ in areas}
        area = _AREA_LABELS[area_codes.pop()] if len(area_codes) == 1 else None
        no_pain = self.no_pain.search(text)

        context = bool(
            scales
            or no_pain
            or self.pain.search(text)
            or any(strong for *_, strong in areas)
            or any(n.cue or (n.kind == "frac" and not n.other_scale) for n in numbers)
            or settled is not None
            or (numbers and self._only_report_words(text, consumed))
        )
        bare = not any(
            unicodedata.category(ch).startswith("L")
            for i, ch in enumerate(text)
            if not any(a <= i < b for a, b in consumed)
        )
        if not context and not bare:
            return PainParse("none")

        area_spans = [(s, e) for s, e, _, _ in areas] if area else []
        if not numbers:
            if no_pain:
                note = self._note(original, text, where, [no_pain.span()], area_spans)
                return PainParse("report", level=0, area=area, note=note)
            if context and not original.rstrip().endswith("?"):
                where_said = f"your {area}" if area else "your back"
                return PainParse(
                    "unclear",
                    area=area,
                    reason="no_number",
                    understood=(
                        f"I understood you are telling me about {where_said}, "
                        "but I found no number from 0 to 10."
                    ),
                )
            return PainParse("none")

        removed = [(n.start, n.end) for n in numbers] + scales
        if no_pain:
            removed.append(no_pain.span())
        note = self._note(original, text, where, removed, area_spans)

        ranges = [n for n in numbers if n.kind == "range"]
        if ranges:
            low, high = ranges[0].range_ends or ("?", "?")
            understood = f"I read both {low} and {high}, so I am not sure which level to record."
            return _unclear("range", area, understood, note)
        odd = [n for n in numbers if n.other_scale]
        if odd:
            understood = f"I read {odd[0].display}, but I use a scale from 0 to 10."
            return _unclear("other_scale", area, understood, note)

        distinct: dict[tuple[bool, Decimal | None], _Number] = {}
        for n in numbers:
            distinct.setdefault((n.negative, n.value), n)
        if len(distinct) > 1:
            number = settled if len(area_codes) <= 1 and not (len(areas) > 1 and not area) else None
            if number is None:
                shown = ", ".join(n.display for n in distinct.values())
                understood = (
                    f"I read several numbers ({shown}), but I can record only one level at a time."
                )
                if area is None and len({c for _, _, c, _ in areas}) > 1:
                    return _unclear("several", None, understood)
                return _unclear("several", area, understood, note)
        else:
            number = numbers[0]
            clause = self._clause_around(text, number)
            # "gestern 7" is not today's level; "gestern 3 heute 3" is
            if self.yesterday.search(clause) and not self.current.search(clause):
                understood = (
                    f"I read {number.display} for yesterday, but the diary records how you are now."
                )
                return _unclear("past", area, understood, note)

        return english_pain.level_report(number, no_pain, area, note)

    # ------------------------------------------------------------------------- numbers

    def _find_numbers(
        self, text: str, matches: list[re.Match[str]], original: str, where: list[int]
    ) -> tuple[list[_Number], list[tuple[int, int]], list[tuple[int, int]]]:
        found: list[_Number] = []
        consumed: list[tuple[int, int]] = []
        scales: list[tuple[int, int]] = []
        for m in matches:
            consumed.append(m.span())
            if m.group("scale"):
                scales.append(m.span())
                continue
            if m.group("time") or self._is_count(text, m, original, where):
                continue
            shown = _short(re.sub(r"\s+", " ", m.group(0)))
            if m.group("trans"):
                first, last = (
                    m.group("t1", "t2") if m.group("t1") is not None else m.group("u1", "u2")
                )
                shown = _short(f"{_clean(first)} → {_clean(last)}")
                found.append(
                    _Number("trans", *m.span(), shown, value=self._to_decimal(last), cue=True)
                )
            elif m.group("range"):
                low, high = m.group("r1", "r2") if m.group("r1") else m.group("b1", "b2")
                ends = (_short(_clean(low)), _short(_clean(high)))
                found.append(_Number("range", *m.span(), shown, range_ends=ends))
            elif m.group("frac"):
                numerator = self._to_decimal(m.group("f1"))
                denominator = self._to_decimal(m.group("f2"))
                if denominator != 10 and self._looks_like_date(m):
                    continue
                over_ten = denominator == 10
                found.append(
                    _Number(
                        "frac",
                        *m.span(),
                        shown,
                        value=numerator if over_ten else None,
                        negative=bool(m.group("neg_f")),
                        other_scale=not over_ten,
                    )
                )
            else:
                word = m.group("a")
                before = text[max(0, m.start() - 30) : m.start()]
                cue = bool(self.cue_before.search(before) or self.cue_after.match(text, m.end()))
                found.append(
                    _Number(
                        "atom",
                        *m.span(),
                        _short(_clean(word)),
                        value=self._to_decimal(word),
                        negative=bool(m.group("neg")),
                        cue=cue,
                    )
                )
        return found, consumed, scales

    def _is_count(self, text: str, m: re.Match[str], original: str, where: list[int]) -> bool:
        """True when the number measures or counts something ("5 km", "um 7", "seit 3", and
        where nouns are capitalised, "2 Übungen")."""
        after = re.match(r"\s*([%°€$]|[^\W\d_][\w'.\-]*)", text[m.end() :])
        if after:
            word = after.group(1)
            if word in self.lex.unit_words or word.rstrip(".") in self.lex.unit_words:
                return True
            typed = original[where[m.end() + after.start(1)]]
            if (
                self.lex.capitalised_nouns
                and typed.isupper()
                and not self.filler.match(word)
                and not self.areas.fullmatch(word)
                and not self.pain.fullmatch(word)
            ):
                return True
        before_text = text[max(0, m.start() - 30) : m.start()]
        before = re.search(r"([^\W\d_][\w.']*)\s*$", before_text)
        if before and before.group(1).rstrip(".") in self.lex.non_level_before:
            return not self.level_before.search(before_text)
        return False

    @staticmethod
    def _looks_like_date(m: re.Match[str]) -> bool:
        first, second = m.group("f1"), m.group("f2")
        if first.startswith("0") or second.startswith("0"):
            return True
        return first.isdigit() and second.isdigit() and int(first) > int(second)

    def _to_decimal(self, token: str) -> Decimal:
        word = re.sub(r"\s+", " ", token).strip()
        half = Decimal(0)
        if word.endswith("½"):
            half = Decimal("0.5")
            word = word.removesuffix("½").strip()
        if word in self.lex.number_words:
            return Decimal(self.lex.number_words[word]) + half
        try:
            return Decimal(word.replace(",", ".")) + half
        except InvalidOperation:  # pragma: no cover - the pattern lets only digits through
            return Decimal(11)

    def _questions(self, text: str) -> list[tuple[int, int]]:
        return [
            m.span()
            for m in re.finditer(r"[^.!?\n]+[.!?\n]*", text)
            if m.group(0).rstrip().endswith("?") and self.question.match(m.group(0))
        ]

    def _only_report_words(self, text: str, consumed: list[tuple[int, int]]) -> bool:
        chars = list(text)
        for start, end in consumed:
            chars[start:end] = " " * (end - start)
        rest = self.report_phrases.sub(" ", "".join(chars))
        words = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", rest)
        return all(word in self.lex.report_words for word in words)

    # -------------------------------------------------------------------- before/after

    def _clause_bounds(self, text: str, position: int) -> tuple[int, int]:
        start = max((m.end() for m in self.clause.finditer(text, 0, position)), default=0)
        stop = self.clause.search(text, position)
        return start, stop.start() if stop else len(text)

    def _clause_around(self, text: str, number: _Number) -> str:
        start, _ = self._clause_bounds(text, number.start)
        _, stop = self._clause_bounds(text, number.end)
        return text[start:stop]

    def _has_marker(self, words: str) -> bool:
        return bool(self.past.search(words) or self.current.search(words))

    def _current_of(self, text: str, numbers: list[_Number]) -> _Number | None:
        """Of several levels, the one meant as now ("war 6, jetzt 3"); None when unsure."""
        ordered = sorted(numbers, key=lambda n: n.start)
        if len(ordered) > _MAX_SETTLED or any(n.value is None for n in ordered):
            return None
        left: list[str] = []
        right: list[str] = []
        for i, number in enumerate(ordered):
            clause_start, _ = self._clause_bounds(text, number.start)
            lo = max(clause_start, ordered[i - 1].end if i else 0)
            left.append(text[lo : number.start])
            _, clause_stop = self._clause_bounds(text, number.end)
            hi = min(clause_stop, ordered[i + 1].start if i + 1 < len(ordered) else len(text))
            right.append(text[number.end : hi])
        for i in range(1, len(ordered)):
            if right[i - 1] and right[i - 1] == left[i]:
                if not self._has_marker(left[i - 1]) and self._has_marker(right[i]):
                    left[i] = ""
                else:
                    right[i - 1] = ""
        states = []
        for number, before, after in zip(ordered, left, right, strict=True):
            words = f"{before} {after}"
            past = bool(self.past.search(words))
            current = bool(self.current.search(words)) or number.kind == "trans"
            states.append((number, past, current))
        now = [n for n, past, current in states if current and not past]
        if len(now) == 1 and all(past for n, past, _ in states if n is not now[0]):
            return now[0]
        unmarked = [n for n, past, _ in states if not past]
        if len(unmarked) == 1 and all(past for n, past, _ in states if n is not unmarked[0]):
            return unmarked[0]
        return None

    # --------------------------------------------------------------------------- areas

    def _find_areas(self, text: str) -> list[tuple[int, int, str, bool]]:
        """(start, end, area code, counts as pain context) of each area phrase."""
        found = []
        for m in self.areas.finditer(text):
            phrase = m.group()
            code = next((c for p, c in self.area_matchers if p.match(phrase)), None)
            if code is None:  # pragma: no cover - every alternative is a key
                continue
            weak = any(p.match(phrase) for p in self.weak_areas)
            found.append((m.start(), m.end(), code, not weak))
        return found

    # ---------------------------------------------------------------------------- note

    def _note(
        self,
        original: str,
        text: str,
        where: list[int],
        removed: list[tuple[int, int]],
        area_spans: list[tuple[int, int]],
    ) -> str:
        """The user's words, less a rating at the start or the end (as domain/pain.py)."""
        tokens = []  # (start, end in original, kind)
        for m in re.finditer(r"\S+", text):
            start, end = m.span()
            core = m.group().strip(",;:.!?()[]\"'*~-–—")
            if any(a < end and start < b for a, b in removed):
                kind = "level"
            elif any(a <= start and end <= b + 1 for a, b in area_spans):
                kind = "area"
            elif not any(unicodedata.category(ch)[0] in "LN" for ch in core):
                kind = "junk"
            elif self.filler.match(core):
                kind = "filler"
            else:
                kind = "other"
            # an emoji or a dash ends a phrase as punctuation does ("gut 😊 Rücken 2")
            ends_phrase = kind == "junk" or m.group()[-1] in ",;.!?:"
            tokens.append((where[start], where[end - 1] + 1, kind, ends_phrase))
        if not any(kind == "other" for _, _, kind, _ in tokens):
            return ""
        first = _rating_run(tokens)
        last = len(tokens) - _rating_run(tokens[::-1], backwards=True)
        kept = tokens[first:last]
        while kept and kept[0][2] == "junk":
            kept = kept[1:]
        while kept and kept[-1][2] == "junk":
            kept = kept[:-1]
        if not kept:
            return ""
        return original[kept[0][0] : kept[-1][1]].strip(" ,;:.!?-–—~*·").strip()


def _rating_run(tokens: list[tuple[int, int, str, bool]], *, backwards: bool = False) -> int:
    """How many tokens at the start make a rating: a run of level, area and filler words
    holding a level ("LWS 5, ..."), cut after its last level or at the end of a phrase
    after it. ``backwards`` (the tokens reversed, a rating at the end): a phrase that ended
    before the rating began stays ("tut weh, so 6" keeps "tut weh")."""
    cut = 0
    seen = False
    for index, (_, _, kind, ends_phrase) in enumerate(tokens):
        if kind == "other":
            break
        if backwards and seen and ends_phrase:
            break
        if kind == "level":
            seen, cut = True, index + 1
        elif seen and (backwards or ends_phrase):
            cut = index + 1
            if ends_phrase:
                break
    return cut if seen else 0


def _unclear(reason: str, area: str | None, understood: str, note: str = "") -> PainParse:
    return PainParse("unclear", area=area, note=note, reason=reason, understood=understood)


def _clean(shown: str) -> str:
    return re.sub(r"\s+", " ", shown).strip()


def _short(shown: str) -> str:
    return shown if len(shown) <= _MAX_DISPLAY else shown[:_MAX_DISPLAY] + "…"


# ======================================================================= language guess

# Frequent short words of languages, written without accents (the text is folded the same
# way before counting): a message votes for the languages whose words it uses. A lexicon
# adds its own (``Lexicon.frequent_words``); these are for languages we do not read, and
# for ours whose lexicon has none.
_STOP_WORDS: Mapping[str, frozenset[str]] = {
    "en": frozenset(
        "the and is are was i you my me it this that have has with for not but what how can "
        "do does don't i'm it's today back pain hurts very so just feel of to in on "
        # English words of the warning signs, which people mix into other languages ("hab
        # seit gestern numb groin"): one of them lets the English detector read the message
        "numb numbness tingling tingly groin crotch pee peeing wee bladder bowel bowels "
        "incontinent fever chills chest legs leg foot feet weak weakness fell fall slipped "
        "crash accident night nights tearing ripping erection bum butt privates lost weight "
        "osteoporosis steroids wake wakes woke".split()
    ),
    "es": frozenset(
        "el la los las y es que de en no me mi un una por para con muy pero hoy tengo duele "
        "espalda dolor estoy como esta lo se al del yo".split()
    ),
    "fr": frozenset(
        "le la les et est je ne pas de des un une mon ma mes avec pour tres mais j'ai ai "
        "aujourd'hui mal dos suis c'est il elle nous vous qui que au du".split()
    ),
    "it": frozenset(
        "il lo la gli le e di che non un una mi mio mia ho sono con per molto ma oggi mal "
        "schiena dolore sto come questo della del".split()
    ),
    "pt": frozenset(
        "o a os as e de que nao um uma meu minha eu com para muito mas hoje estou tenho dor "
        "costas doi voce do da em isso".split()
    ),
    "nl": frozenset(
        "de het een en is ik niet met mijn ook maar vandaag heb pijn rug zeer wat hoe van op "
        "te dat die zijn".split()
    ),
    "pl": frozenset(
        "i w nie na sie to jest mnie mi z ze jak co do ale dzisiaj boli plecy bol mam jestem "
        "bardzo moj moje".split()
    ),
    "tr": frozenset(
        "ve bir bu da de ben benim cok ama bugun agri agriyor sirt sirtim var yok icin ne "
        "nasil mi mu".split()
    ),
}
# Greetings and thanks: a one-word message that says which language it is.
_GREETINGS: Mapping[str, tuple[str, ...]] = {
    **dict.fromkeys("hello hey thanks thank thx cheers bye".split(), ("en",)),
    **dict.fromkeys(
        "hallo danke dankeschoen dankeschon bitte tschuess tschuss servus moin nein".split(),
        ("de",),
    ),
    **dict.fromkeys("hola gracias adios buenos buenas vale".split(), ("es",)),
    **dict.fromkeys("bonjour bonsoir merci salut".split(), ("fr",)),
    **dict.fromkeys("ciao grazie buongiorno buonasera".split(), ("it",)),
    **dict.fromkeys("obrigado obrigada ola".split(), ("pt",)),
    **dict.fromkeys("bedankt dank goedemorgen doei".split(), ("nl",)),
    **dict.fromkeys("dzieki dziekuje czesc".split(), ("pl",)),
    **dict.fromkeys("merhaba tesekkurler tesekkur sagol".split(), ("tr",)),
}
_UKRAINIAN = re.compile(r"[іїєґ]")
# Ukrainian words never written in Russian, for texts without the letters і ї є ґ.
_UKRAINIAN_WORDS = frozenset("мене мені що це дуже болить сьогодні зараз або чи також".split())
_CYRILLIC = re.compile(r"[а-яё]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_MIN_VOTES = 2


def guess_language(text: str) -> str | None:
    """The language a message reads as: "en", "es", "de", "ru", or a code of a language we
    do not speak ("fr", "it", "pt", "nl", "pl", "tr", "uk", "zh", "ja", "ko"); None when
    unsure (short texts, numbers, a tie)."""
    return _verdict(_votes(text or ""))


def _votes(text: str, shared_with: str | None = None) -> dict[str, int]:
    """How many signs of each language a message carries: its frequent words, greetings,
    letters only it uses, and for a script of its own, a decisive count. Words that are
    also frequent words of ``shared_with`` do not count."""
    lowered = text[:_MAX_TEXT].lower()
    letters = [ch for ch in lowered if ch.isalpha()]
    frequent = _frequent_words()
    votes = dict.fromkeys([*frequent, "ru", "uk", "ja", "ko", "zh"], 0)
    if len(letters) < 3:
        return votes
    decisive = len(letters) + _MIN_VOTES  # more than any word count can reach
    if _KANA.search(lowered):
        votes["ja"] = decisive
    elif _HANGUL.search(lowered):
        votes["ko"] = decisive
    elif len(_HAN.findall(lowered)) >= 2:
        votes["zh"] = decisive
    cyrillic = len(_CYRILLIC.findall(lowered)) + len(_UKRAINIAN.findall(lowered))
    if cyrillic:
        ukrainian = _UKRAINIAN.search(lowered) or _UKRAINIAN_WORDS & set(
            re.findall(r"[а-яёіїєґ']+", lowered)
        )
        # mostly Cyrillic: that script decides; a few Cyrillic words still vote
        weight = decisive if cyrillic * 2 > len(letters) else _MIN_VOTES
        votes["uk" if ukrainian else "ru"] += weight
    folded = "".join(
        c for c in unicodedata.normalize("NFD", lowered) if not unicodedata.combining(c)
    ).replace("’", "'")
    words = re.findall(r"[a-z']+", folded.replace("ß", "ss"))
    shared = frequent.get(shared_with or "", frozenset())
    for lang, stop in frequent.items():
        votes[lang] += sum(
            word in stop and (lang == shared_with or word not in shared) for word in words
        )
    for word in words:
        for lang in _GREETINGS.get(word, ()):
            votes[lang] += _MIN_VOTES  # "danke", "gracias": one word is enough
    # Letters only some languages use settle a close vote.
    turkish = re.search(r"[ğış]", lowered)
    if turkish:
        votes["tr"] += 2
    elif re.search(r"[äöüß]", lowered):
        votes["de"] += 2
    if re.search(r"[ñ¿¡]", lowered):
        votes["es"] += 2
    if re.search(r"[ãõ]", lowered):
        votes["pt"] += 2
    if re.search(r"[ąęłńśźż]", lowered):
        votes["pl"] += 2
    if re.search(r"[èàùêâœ]", lowered):
        votes["fr"] += 1
    return votes


@functools.cache
def _frequent_words() -> dict[str, frozenset[str]]:
    """Each language's frequent words: this module's lists and every lexicon's own."""
    words = dict(_STOP_WORDS)
    for language in LANGUAGES:
        lex = lexicon(language)
        if lex is not None and lex.frequent_words:
            words[language] = words.get(language, frozenset()) | lex.frequent_words
    return words


def _verdict(votes: Mapping[str, int]) -> str | None:
    """The language with clearly the most votes, or None."""
    ranked = sorted(votes.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < _MIN_VOTES or top == second:
        return None
    return best
