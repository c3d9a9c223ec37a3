"""What people read in the safety screening (/screening). The questions themselves live in
content/tips/screening.yaml; these are the frame around them. Sent as HTML."""

from __future__ import annotations

QUESTION = "🛡 <b>Safety question {number} of {count}</b>\n\n<b>{question}</b>\n<i>{why}</i>"
INTRO = "🛡 <b>A few safety questions</b>\n\n{intro}\n\n"
NOT_SURE_NOTE = "\n\nNot sure? Tap <b>Not sure</b>: to be safe, I'll treat it as a yes."
YES_BUTTON = "Yes"
NO_BUTTON = "No"
NOT_SURE_BUTTON = "Not sure"
BACK_BUTTON = "◀ Back"

SUMMARY_CLEAR = (
    "✅ <b>Thanks.</b> Nothing you said rules a routine out, so you'll see them all. "
    "Each routine's own <i>Take care</i> notes still apply."
)
SUMMARY_HELD = (
    "🛡 <b>Thanks.</b> Because of {labels}, I'll leave out {left_out}. {remaining} suit "
    "you.\n\nBefore trying any of those, check with your doctor or physiotherapist."
)
# What is left out: by name when there are a few, else by what they use.
LEFT_OUT_NAMED = "{count}: {titles}"
LEFT_OUT_KINDS = "{count} that use {kinds}"
MAX_NAMED = 3
SUMMARY_HELD_NOTHING_LEFT_OUT = (
    "🛡 <b>Thanks.</b> I noted {labels}. No routine here needs leaving out for that, but "
    "go gently and follow each routine's <i>Take care</i> notes."
)
UNSURE_NOTE = (
    "\n\nYou were not sure about {labels}: to be safe, I treat that as a yes. Change your "
    "answers once you know."
)
CHANGE_NOTE = "\n\nChange your answers any time with /screening."
DECLINED = (
    "🛡 OK. Until you answer, I'll only suggest routines that suit everyone (the gentle "
    "ones). Answer any time with /screening."
)
CHANGE_BUTTON = "✏️ Change answers"
ANSWER_NOW_BUTTON = "🛡 Answer the questions"
CONTINUE_BUTTON = "Continue to routines ▶"

KIND_LABELS = {
    "pressure": "more than gentle pressure",
    "heat": "heat",
    "electric": "electric devices",
}


def routines_count(count: int) -> str:
    return f"{count} routine" if count == 1 else f"{count} routines"


def join_words(words: list[str]) -> str:
    """["a", "b", "c"] -> "a, b and c" (the conditions someone has)."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def join_alternatives(words: list[str]) -> str:
    """["a", "b", "c"] -> "a, b or c" (what a routine may use)."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]
