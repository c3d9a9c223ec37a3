"""What the reading engine (domain/reading.py) needs to know about one language: data only.

One module per language (``domain/lexicons/de.py`` ...) defines ``LEXICON``, a ``Lexicon``.
Adding a language to the reader is adding such a module and its corpora under
tests/corpora/<lang>/; English is read by domain/pain.py and domain/redflags.py, which came
first and stay the reference.

Everything below is matched against the *normalised* text: lower case, the language's own
letter folding (``letter_map``: German "ä" -> "ae", Russian "ё" -> "е"), accents stripped when
``strip_accents`` is set, typos of ``typos`` corrected, runs of spaces made one. So a lexicon
writes its plain word lists in that folded form ("fuenf"); in pattern fragments a letter of
``pattern_letters`` stands for its folded spellings ("rücken" for "ruecken" or "rucken").

Fields that are regular-expression *fragments* are joined into bigger patterns by the engine
with word boundaries around them; a fragment must not contain capturing groups (use
``(?:...)``). Sign patterns may name word classes as ``{NAME}`` (upper-case letters and
underscores); the engine replaces each with the fragment of ``word_classes[NAME]`` (which may
name other classes in turn), so one way of saying "numb" works in every rule that uses it.
A sign pattern may mark the symptom words with a named group ``(?P<sym>...)``: the negation
check then looks just before those words instead of before the whole match.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


# eq=False: a lexicon is one module's constant, compared and hashed by identity, so the
# engine can cache what it compiles from it.
@dataclass(frozen=True, eq=False)
class Lexicon:
    """The words of one language for reading pain reports and warning signs."""

    # ISO 639-1 code of the language: "de", "es", "ru".
    code: str

    # --- normalising ------------------------------------------------------------------
    # Letters replaced one by one after lower-casing: {"ä": "ae", "ß": "ss"} or {"ё": "е"}.
    letter_map: Mapping[str, str] = field(default_factory=dict)
    # Remove combining accents after letter_map ("canción" -> "cancion"); Spanish speakers
    # often type without them.
    strip_accents: bool = False
    # Letters that, written in a pattern fragment, stand for a small pattern: German {"ü":
    # "(?:ue|u)"}, so "rücken" in a pattern reads "ruecken" and "rucken" alike. Applied to
    # every fragment field (not to the plain word lists, which are written folded).
    pattern_letters: Mapping[str, str] = field(default_factory=dict)
    # Whole words replaced after folding: common typos and spellings of key words
    # ({"tabu": "taub"}).
    typos: Mapping[str, str] = field(default_factory=dict)

    # Frequent short words of the language, lower case and without accents ("und", "ich"),
    # for guessing which language a message is in. A language in its own script (Russian)
    # needs none: the script decides.
    frequent_words: frozenset[str] = frozenset()

    # --- numbers and levels -------------------------------------------------------------
    # Number words and their values, folded ({"fuenf": 5, "funf": 5}). 0-20 is plenty.
    number_words: Mapping[str, int] = field(default_factory=dict)
    # Fragments that, anywhere in a message, make it about pain ("schmerz\w*", "tut\s+weh").
    pain_words: tuple[str, ...] = ()
    # Area phrase fragment -> area code of domain/pain.py AREAS ("lws": "lb"). Longer
    # phrases win over shorter ones, as in English ("zwischen den schulterblaettern" beats
    # "schulterblaetter").
    areas: Mapping[str, str] = field(default_factory=dict)
    # Area phrases that name an area of a report but do not by themselves make a message a
    # pain report ("ueberall"): keys of ``areas``.
    weak_areas: frozenset[str] = frozenset()
    # Fragments right before a number that make it a level on their own, the approximate and
    # rating words: "so etwa", "ungefaehr", "ne" (German "eine"), "ca".
    approximate_before: tuple[str, ...] = ()
    # Fragments right after a number that make it a level: "5 oder so", "5 rum".
    approximate_after: tuple[str, ...] = ()
    # Fragments that say "out of ten" after a number: "von 10", "von zehn", "aus 10".
    out_of: tuple[str, ...] = ()
    # A whole phrase naming the 0-10 scale, dropped from the message ("auf einer skala von 1
    # bis 10").
    scale_phrases: tuple[str, ...] = ()
    # Words joining two numbers into a range ("bis", "oder") and into a change ("auf": "von 7
    # auf 4"). ``range_words`` also take "-"; ``from_words`` start a change ("von").
    range_words: tuple[str, ...] = ()
    from_words: tuple[str, ...] = ()
    to_words: tuple[str, ...] = ()
    # "between 5 and 6": the word before the first number and the one between them.
    between_words: tuple[str, str] | None = None
    # Words right after a number that make it a count, a time or a measure ("5 km", "3
    # tage", "2 tabletten"), including medicine names.
    unit_words: frozenset[str] = frozenset()
    # Whether the language writes nouns with a capital (German): a capitalised word right
    # after a number that is no pain, area or report word makes the number a count ("2
    # Übungen", "3 Kinder"), as unit_words do.
    capitalised_nouns: bool = False
    # Words right before a number that make it something else ("seit 3", "um 7", "tag 3",
    # "ich bin 45").
    non_level_before: frozenset[str] = frozenset()
    # Fragments before a number that still make it a level although a word of
    # ``non_level_before`` stands before it ("bin bei 6", "liegt bei 6").
    level_before: tuple[str, ...] = ()
    # Fragments that say there is no pain ("keine schmerzen", "schmerzfrei"): level 0.
    no_pain: tuple[str, ...] = ()
    # Words that may surround a bare level in a message with no pain word ("heute 5",
    # "grad so ne 6"): a message made only of these and one number is a report.
    report_words: frozenset[str] = frozenset()
    # Phrases that may surround a bare level as well ("nach dem dehnen 2"): blanked before
    # the report-words check.
    report_phrases: tuple[str, ...] = ()
    # Fragments that mark a level as earlier ("war", "gestern", "vorhin") or as now
    # ("jetzt", "grad", "inzwischen"), to settle "war 6, jetzt 3".
    past_markers: tuple[str, ...] = ()
    current_markers: tuple[str, ...] = ()
    # Fragments that put the only level of a message on another day ("gestern"): ask back.
    yesterday: tuple[str, ...] = ()
    # First words of a sentence that make it a question ("ist", "soll", "kann").
    question_starts: tuple[str, ...] = ()
    # Words that stop a number's clause ("aber", "dann", "und").
    clause_words: tuple[str, ...] = ()

    # --- warning signs ------------------------------------------------------------------
    # Named word classes used in sign patterns as {NAME}: {"NUMB": "taub\w*|kribbel\w*"}.
    word_classes: Mapping[str, str] = field(default_factory=dict)
    # Per sign code of domain.redflags.SIGN_CODES, the patterns that mention it.
    sign_patterns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Sign codes whose patterns read the whole message rather than one segment at a time: a
    # risk and its trigger are often said in different sentences ("osteoporose. hab nur
    # geniest").
    whole_message_signs: frozenset[str] = frozenset()
    # Hard exercise in a segment: weak or wobbly legs there are tiredness, not a nerve sign
    # (both_legs and leg_weakness do not count).
    exercise: tuple[str, ...] = ()
    # Phrases that look like a sign and are not ("lampenfieber"), blanked out first.
    idioms: tuple[str, ...] = ()
    # Words that end a segment: a new statement follows ("aber", "trotzdem").
    contrast_words: tuple[str, ...] = ()
    # Words that end a clause, a negation's reach ("und", "weil").
    clause_break_words: tuple[str, ...] = ()
    # Negation fragments ("kein\w*", "nicht", "ohne") and how many words before the symptom
    # they may stand, inside its clause.
    negation_words: tuple[str, ...] = ()
    negation_window: int = 3
    # Words that only continue a list of symptoms ("oder", "auch"): they use up no window.
    list_words: frozenset[str] = frozenset()
    # Fragments right after the symptom that negate it, where the language puts "not" after
    # ("taubheit hab ich keine"): matched at the start of the rest of the clause.
    negation_after: tuple[str, ...] = ()
    # A clause with one of these is past or resolved ("vor jahren", "wieder weg"): its sign
    # does not alarm, except cancer_history, where the past is the point.
    resolved_words: tuple[str, ...] = ()
    # Someone else is the subject ("mein vater hat", "meine oma"): not the user's sign.
    other_person_words: tuple[str, ...] = ()
    # Read, heard or asked about ("hab gelesen dass", "symptome von"): not the user's sign.
    hearsay_words: tuple[str, ...] = ()
    # A next clause or segment that denies what was just said ("hab ich aber nicht").
    denial_words: tuple[str, ...] = ()
    # A next segment that only says it is over ("ist aber wieder weg"): the signs just said
    # are past, except cancer_history.
    pure_resolution: tuple[str, ...] = ()
