"""How well the warning-sign detector reads people: recall per tier and false alarms.

Reads every hand-labelled corpus tests/corpora/warning_signs*.tsv (messages as people type
them, each with the sign codes it contains), runs ``domain.redflags.detect_warning_signs``
on every message and prints, with counts:

- recall per tier: a message whose most urgent labelled sign is of tier T is caught when a
  sign of tier T or higher is detected (the reply then gives advice at least that urgent);
- any-sign recall: a message with a sign gets some advice;
- false-alarm rate: calm and near-miss messages (negated, past, idioms) that get advice;
- the safety net (domain/safety_check.py): emergency messages that get either emergency
  advice or the yes/no emergency check (asked when no emergency sign was detected), and
  calm or near-miss messages with no sign detected that get the check;

per file and per split, each split labelled with how honest its figures are (a split the
rules were tuned on measures memory, not generalisation), then lists every miss and false
alarm. Tiers come from the warning-sign table (content/safety/warning-signs.yaml).

    python -m benchmarks.corpus_warning_signs            # exit 1 when a file misses a target
    python -m benchmarks.corpus_warning_signs --corpus tests/corpora/warning_signs_fresh1.tsv
    python -m benchmarks.corpus_warning_signs --language de   # tests/corpora/de/warning_signs*.tsv

Another language is read by ``domain.reading.detect_warning_signs(text, language)`` against
the same targets, its safety net by ``domain.reading.worth_asking(text, language)`` when its
lexicon has one.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from content import load_library
from domain.reading import detect_warning_signs, lexicon, worth_asking
from domain.redflags import Tier, most_urgent

CORPORA = Path(__file__).resolve().parents[1] / "tests" / "corpora"
CORPUS = CORPORA / "warning_signs.tsv"
KINDS = ("sign", "calm", "near_miss")
# "fresh<n>": a batch written by someone who never saw the detector.
SPLIT = re.compile(r"dev|heldout|fresh\d+")
# What each split's figures can honestly claim.
SPLIT_NOTES = {
    "dev": "written before the detector and used to build it",
    "heldout": "measured once per batch, then used for tuning",
    "fresh1": "unseen at its first measurement (file header), used for tuning after it",
}


def is_tuned(split: str) -> bool:
    """Whether the rules were tuned on this split (its figures measure memory)."""
    return split in SPLIT_NOTES


UNSEEN_NOTE = "not used for tuning: an honest measurement"

# "<name>_blind.tsv": a batch written by someone who never read the lexicon, the engine or
# the other corpora of its language. Until that language's lexicon has been tuned on it, it
# is an honest measurement: printed, but not required to meet the targets (exit code,
# tests/test_corpus_languages.py). A language whose lexicon was tuned on its blind batch is
# listed here, and the batch is then required like any other file.
BLIND_TUNED = frozenset({"es", "ru", "de"})


def required(path: Path, language: str) -> bool:
    """Whether a corpus file must meet the targets: every file but an untuned blind batch."""
    return not path.name.endswith("_blind.tsv") or language in BLIND_TUNED


TARGET_EMERGENCY_RECALL = 0.98
TARGET_ANY_RECALL = 0.95
TARGET_FALSE_ALARMS = 0.05


@dataclass(frozen=True)
class Example:
    """One labelled message of the corpus."""

    line: int
    split: str
    kind: str
    signs: tuple[str, ...]
    text: str


@dataclass
class Rate:
    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else float("nan")

    def __str__(self) -> str:
        return f"{self.value:6.1%} ({self.hits}/{self.total})" if self.total else "   n/a (0/0)"


@dataclass
class Report:
    """The figures for one set of examples, and what went wrong."""

    tier_recall: dict[Tier, Rate] = field(default_factory=lambda: {t: Rate() for t in Tier})
    any_recall: Rate = field(default_factory=Rate)
    false_alarms: Rate = field(default_factory=Rate)
    # The safety net: emergencies answered with advice or the check; quiet messages checked.
    emergency_reached: Rate = field(default_factory=Rate)
    quiet_checked: Rate = field(default_factory=Rate)
    misses: list[tuple[Example, list[str]]] = field(default_factory=list)
    alarms: list[tuple[Example, list[str]]] = field(default_factory=list)

    def meets_targets(self) -> bool:
        return (
            self.tier_recall[Tier.EMERGENCY].value >= TARGET_EMERGENCY_RECALL
            and self.any_recall.value >= TARGET_ANY_RECALL
            and self.false_alarms.value <= TARGET_FALSE_ALARMS
        )


class CorpusError(ValueError):
    """A corpus line is malformed; the message names the line."""


def corpus_files(language: str = "en") -> list[Path]:
    """Every warning-sign corpus file of a language, the original one first: English ones
    in tests/corpora/, another language's in tests/corpora/<language>/."""
    folder = CORPORA if language == "en" else CORPORA / language
    first = folder / CORPUS.name
    return sorted(folder.glob("warning_signs*.tsv"), key=lambda p: (p != first, p.name))


def load_corpus(path: Path = CORPUS, known_codes: Iterable[str] | None = None) -> list[Example]:
    """Every labelled message; ``#`` lines and the header are skipped, bad lines raise."""
    known = set(known_codes) if known_codes is not None else None
    examples: list[Example] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#") or raw.startswith("split\t"):
            continue
        parts = raw.split("\t")
        if len(parts) != 4:
            raise CorpusError(f"{path.name}:{number}: needs 4 tab-separated columns")
        split, kind, codes, text = parts
        signs = () if codes == "-" else tuple(codes.split(","))
        if not SPLIT.fullmatch(split) or kind not in KINDS or not text.strip():
            raise CorpusError(f"{path.name}:{number}: bad split, kind or empty text")
        if (kind == "sign") != bool(signs):
            raise CorpusError(f"{path.name}:{number}: a sign row needs codes, others '-'")
        if known is not None and not set(signs) <= known:
            raise CorpusError(f"{path.name}:{number}: unknown code in {codes!r}")
        examples.append(Example(number, split, kind, signs, text))
    return examples


def measure(examples: Iterable[Example], tiers: Mapping[str, Tier], language: str = "en") -> Report:
    """Run the detector of ``language`` on every example and count as the module docstring
    says."""
    report = Report()
    for example in examples:
        found = detect_warning_signs(example.text, language)
        if example.kind == "sign":
            expected = most_urgent(example.signs, tiers)
            got = most_urgent(found, tiers)
            rate = report.tier_recall[expected]
            rate.total += 1
            report.any_recall.total += 1
            caught = got is not None and got >= expected
            rate.hits += caught
            if expected is Tier.EMERGENCY:
                report.emergency_reached.total += 1
                checked = got is not Tier.EMERGENCY and worth_asking(example.text, language)
                report.emergency_reached.hits += caught or checked
            report.any_recall.hits += bool(found)
            if not caught:
                report.misses.append((example, found))
        else:
            report.false_alarms.total += 1
            report.false_alarms.hits += bool(found)
            report.quiet_checked.total += 1
            report.quiet_checked.hits += not found and worth_asking(example.text, language)
            if found:
                report.alarms.append((example, found))
    return report


def _print(title: str, report: Report, language: str = "en") -> None:
    print(f"\n{title}")
    for tier in sorted(Tier, reverse=True):
        print(f"  recall {tier.value:<10} {report.tier_recall[tier]}")
    print(f"  recall any sign  {report.any_recall}")
    print(f"  false alarms     {report.false_alarms}   (calm and near-miss messages)")
    if _has_safety_net(language):
        print(f"  safety net: emergency advice or check {report.emergency_reached}")
        print(f"  safety net: calm or near miss checked {report.quiet_checked}")


def _has_safety_net(language: str) -> bool:
    """Whether the language asks the yes/no emergency question (English always does)."""
    lex = lexicon(language)
    return language == "en" or (lex is not None and bool(lex.emergency_topics))


def _split_note(split: str) -> str:
    return SPLIT_NOTES.get(split, UNSEEN_NOTE)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus", type=Path, action="append", help="a corpus file (default: every one)"
    )
    parser.add_argument(
        "--language", default="en", help="read the corpora of this language (default en)"
    )
    args = parser.parse_args(argv)
    language = args.language
    table = load_library().warning_signs
    tiers = table.tier_of()
    paths = args.corpus or corpus_files(language)
    if not paths:
        print(f"No warning-sign corpus for {language!r} in {CORPORA / language}")
        return 1
    met = True
    misses: list[tuple[str, Example, list[str]]] = []
    alarms: list[tuple[str, Example, list[str]]] = []
    for path in paths:
        examples = load_corpus(path, tiers)
        kinds = {kind: sum(e.kind == kind for e in examples) for kind in KINDS}
        print(
            f"\n== {path.name}: {len(examples)} messages: "
            + ", ".join(f"{n} {k}" for k, n in kinds.items())
        )
        report = measure(examples, tiers, language)
        _print(f"All of {path.name}", report, language)
        splits = list(dict.fromkeys(e.split for e in examples))
        for split in splits:
            part = measure([e for e in examples if e.split == split], tiers, language)
            _print(f"Only {split} ({_split_note(split)})", part, language)
        ok = report.meets_targets()
        met = met and (ok or not required(path, language))
        note = "" if required(path, language) else " (blind batch not tuned on: not required)"
        print(f"  targets on {path.name}: " + ("met" if ok else "NOT met") + note)
        misses += [(path.name, e, found) for e, found in report.misses]
        alarms += [(path.name, e, found) for e, found in report.alarms]
    which = "" if all(required(path, language) for path in paths) else "required "
    print(
        f"\nTargets, on every {which}file: emergency recall >= "
        f"{TARGET_EMERGENCY_RECALL:.0%}, any-sign "
        f"recall >= {TARGET_ANY_RECALL:.0%}, false alarms <= {TARGET_FALSE_ALARMS:.0%}: "
        + ("met" if met else "NOT met")
    )
    print(f"\nMisses ({len(misses)}):")
    for name, example, found in misses:
        print(
            f"  {name}:{example.line} [{example.split}] expected {','.join(example.signs)}, "
            f"found {','.join(found) or 'nothing'}: {example.text}"
        )
    print(f"False alarms ({len(alarms)}):")
    for name, example, found in alarms:
        print(
            f"  {name}:{example.line} [{example.split}] {example.kind}, found "
            f"{','.join(found)}: {example.text}"
        )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
