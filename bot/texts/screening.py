"""What people read in the safety screening (/screening). The questions themselves live in
content/tips/screening.yaml; these are the frame around them. Sent as HTML."""

from __future__ import annotations

from bot.i18n import N_, _, ngettext

QUESTION = N_("🛡 <b>Safety question {number} of {count}</b>\n\n<b>{question}</b>\n<i>{why}</i>")
INTRO = N_("🛡 <b>A few safety questions</b>\n\n{intro}")
NOT_SURE_NOTE = N_("Not sure? Tap <b>Not sure</b>: to be safe, I'll treat it as a yes.")
YES_BUTTON = N_("Yes")
NO_BUTTON = N_("No")
NOT_SURE_BUTTON = N_("Not sure")
BACK_BUTTON = N_("◀ Back")

SUMMARY_CLEAR = N_(
    "✅ <b>Thanks.</b> Nothing you said rules a routine out, so you'll see them all. "
    "Each routine's own <i>Take care</i> notes still apply."
)
SUMMARY_HELD = N_(
    "🛡 <b>Thanks.</b> Because of {labels}, I'll leave out {left_out}. {remaining} suit "
    "you.\n\nBefore trying any of those, check with your doctor or physiotherapist."
)
# What is left out: by name when there are a few, else by what they use.
LEFT_OUT_NAMED = N_("{count}: {titles}")
LEFT_OUT_KINDS = N_("{count} that use {kinds}")
MAX_NAMED = 3
SUMMARY_HELD_NOTHING_LEFT_OUT = N_(
    "🛡 <b>Thanks.</b> I noted {labels}. No routine here needs leaving out for that, but "
    "go gently and follow each routine's <i>Take care</i> notes."
)
UNSURE_NOTE = N_(
    "You were not sure about {labels}: to be safe, I treat that as a yes. Change your "
    "answers once you know."
)
CHANGE_NOTE = N_("Change your answers any time with /screening.")
DECLINED = N_(
    "🛡 OK. Until you answer, I'll only suggest routines that suit everyone (the gentle "
    "ones). Answer any time with /screening."
)
CHANGE_BUTTON = N_("✏️ Change answers")
ANSWER_NOW_BUTTON = N_("🛡 Answer the questions")
CONTINUE_BUTTON = N_("Continue to routines ▶")

KIND_LABELS = {
    "pressure": N_("more than gentle pressure"),
    "heat": N_("heat"),
    "electric": N_("electric devices"),
}


def routines_count(count: int) -> str:
    return ngettext("{count} routine", "{count} routines", count).format(count=count)


def join_words(words: list[str]) -> str:
    """["a", "b", "c"] -> "a, b and c" (the conditions someone has)."""
    if len(words) <= 1:
        return "".join(words)
    # Translators: the end of a list: "pregnancy, osteoporosis and blood thinners".
    return _("{items} and {last}").format(items=", ".join(words[:-1]), last=words[-1])


def join_alternatives(words: list[str]) -> str:
    """["a", "b", "c"] -> "a, b or c" (what a routine may use)."""
    if len(words) <= 1:
        return "".join(words)
    # Translators: the end of a list of alternatives: "heat, pressure or electric devices".
    return _("{items} or {last}").format(items=", ".join(words[:-1]), last=words[-1])
