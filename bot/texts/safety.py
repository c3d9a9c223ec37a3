"""Every text about warning signs, built from the one table (content/safety/warning-signs.yaml).

The reply to a message with a sign, the note /start shows, /safety and the severe-pain
advice all take their tiers, actions and sign words from the table, so they cannot
disagree. The most urgent advice always comes first. Sent as HTML: the table's words are
escaped here.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from bot.i18n import N_, SOURCE_LANGUAGE, _, current_language, format_date, format_skeleton
from content.schema import WarningSigns
from domain.redflags import Tier, most_urgent
from domain.safety_hold import HOLDING_TIERS, SafetyHold

TIER_MARKS = {Tier.EMERGENCY: "🚨", Tier.SAME_DAY: "🩺", Tier.MENTION: "📝"}

NOTE_INTRO = N_(
    "ℹ️ <b>One plain note:</b> this is self-care guidance, not medical advice. "
    "Never press on the spine itself, build pressure up slowly, and stop if anything hurts "
    "sharply."
)
NOTE_SEE_ALL = N_("/safety lists every warning sign and what to do.")
SAFETY_HEADER = N_("<b>Warning signs with back pain</b>")
YOU_MENTIONED = N_("You mentioned: {signs}.")
IF_YOU_NOTICE = N_("{mark} If you notice any of these, don't wait: {signs}. {action}")
SEVERE_PAIN = N_(
    "10/10 is the worst pain you can imagine. If it came on suddenly or does not ease with "
    "rest and your usual pain relief, please don't wait it out. {action}"
)
DOCTOR_CHECKED_BUTTON = N_("✅ A doctor has checked me")
SCREENING_HINT = N_(
    "Which routines suit you (pregnancy, osteoporosis, blood thinners…): /screening"
)
ROUTINES_HELD = N_(
    "⏸ <b>Routines are on hold.</b> On {day} you mentioned a warning sign that a doctor "
    "should check first, so I'm not suggesting routines for now. Once you have been seen, "
    "tap the button below. /safety says what to do in the meantime."
)
REMINDER_HELD = N_(
    "⏸ Routine reminder on hold until a doctor has checked what you told me on {day}."
)
ASK_SEEN = N_(
    "🩺 A gentle check-in: have you been able to see a doctor about what you told me on "
    "{day}? If not, please don't wait: {action}\n\nOnce a doctor has checked you, tap below "
    "and I'll offer routines again."
)
SEEN_OFFER = N_(
    "🩺 Glad to hear it. If a doctor has checked you, tap below and routines come back."
)
HOLD_LIFTED = N_(
    "✅ Thank you for letting me know. Routines and routine reminders are back. Start "
    "gently and stop if anything feels wrong; /safety is always there."
)
CHECK_INTRO = N_(
    "🛡 Just to be safe, one quick question: is any of these <b>new</b> for you, or not yet "
    "checked by a doctor?"
)
CHECK_YES_BUTTON = N_("Yes, one of these")
CHECK_NO_BUTTON = N_("No, none of these")
CHECK_NO_THANKS = N_("👍 Thank you. If one of these ever appears, /safety says what to do.")
NO_HOLD = N_("👍 Nothing is on hold: routines are available (/routine).")
HOLD_NOTE = N_("⏸ Routines are on hold since {day}, until a doctor has checked you.")
# One line of the /start note per urgent tier: "🚨 <b>Call your local emergency number</b>
# for ...", the tier's title and its signs from the warning-sign table.
TIER_LINE = N_("{mark} <b>{title}</b> for {signs}.")

HIGH_PAIN = N_(
    "You have told me about pain of 8/10 or more on two of the last three days. Pain that "
    "stays this strong is worth a doctor's look. {action}"
)


def _e(text: str) -> str:
    return escape(text, quote=False)


def _listed(words: Iterable[str]) -> str:
    """Sign words joined with semicolons (the words themselves may hold commas)."""
    return "; ".join(_e(w) for w in words)


def _escalation(table: WarningSigns) -> str:
    """What to do if an emergency sign appears, for advice that is not itself an emergency."""
    emergency = table.tiers[Tier.EMERGENCY]
    signs = _listed(sign.words for sign in table.signs_of(Tier.EMERGENCY))
    return _(IF_YOU_NOTICE).format(
        mark=TIER_MARKS[Tier.EMERGENCY], signs=signs, action=_e(emergency.action)
    )


def advice(table: WarningSigns, codes: Iterable[str]) -> str:
    """The reply to a message with warning signs: the most urgent action first, then what
    was heard, then (unless it is already an emergency) when to get help now."""
    codes = [code for code in codes if code in table.signs]
    top = most_urgent(codes, table.tier_of())
    if top is None:
        return ""
    ordered = sorted(codes, key=lambda code: table.signs[code].tier, reverse=True)
    parts = [
        f"{TIER_MARKS[top]} <b>{_e(table.tiers[top].action)}</b>",
        _(YOU_MENTIONED).format(signs=_listed(table.signs[code].words for code in ordered)),
    ]
    if top is not Tier.EMERGENCY:
        parts.append(_escalation(table))
    after = table.hold if top.value in HOLDING_TIERS else table.gentle
    parts += [_e(after), _e(table.not_a_diagnosis)]
    return "\n\n".join(parts)


def start_note(table: WarningSigns) -> str:
    """The one safety note of /start: self-care limits, then the two urgent tiers."""
    lines = [_(NOTE_INTRO), "", _e(table.overview)]
    for tier in (Tier.EMERGENCY, Tier.SAME_DAY):
        advice_ = table.tiers[tier]
        signs = _listed(sign.words for sign in table.signs_of(tier))
        lines.append(
            _(TIER_LINE).format(mark=TIER_MARKS[tier], title=_e(advice_.title), signs=signs)
        )
    lines += ["", _(NOTE_SEE_ALL)]
    return "\n".join(lines)


def overview(table: WarningSigns) -> str:
    """/safety: every sign under its tier, most urgent first, with what to do."""
    parts = [f"{_(SAFETY_HEADER)}\n{_e(table.overview)}"]
    for tier, tier_advice in table.tiers.items():
        bullets = "\n".join(f"• {_e(sign.words)}" for sign in table.signs_of(tier))
        heading = f"{TIER_MARKS[tier]} <b>{_e(tier_advice.title)}</b>"
        parts.append(f"{heading}\n{_e(tier_advice.action)}\n{bullets}")
    parts.append(_e(table.not_a_diagnosis))
    return "\n\n".join(parts)


def high_pain_advice(table: WarningSigns) -> str:
    """Severe pain on two of three days: see a doctor today, and when to get help now."""
    return _see_a_doctor_today(table, HIGH_PAIN)


def severe_pain_advice(table: WarningSigns) -> str:
    """A single 10/10: see a doctor today if it does not ease, and when to get help now."""
    return _see_a_doctor_today(table, SEVERE_PAIN)


def _see_a_doctor_today(table: WarningSigns, opening: str) -> str:
    same_day = table.tiers[Tier.SAME_DAY]
    return "\n\n".join(
        [
            _(opening).format(action=_e(same_day.action)),
            _escalation(table),
            _e(table.gentle),
            _e(table.not_a_diagnosis),
        ]
    )


def day(value) -> str:
    """A local date as people write it in the user's language: "2 Dec", "2. Dez.", "2 дек."."""
    if current_language() == SOURCE_LANGUAGE:
        return format_date(value, "d MMM")  # the bot's English puts the day first
    return format_skeleton("MMMd", value)


def routines_held(hold: SafetyHold) -> str:
    return _(ROUTINES_HELD).format(day=day(hold.since))


def reminder_held(hold: SafetyHold) -> str:
    return _(REMINDER_HELD).format(day=day(hold.since))


def ask_seen(hold: SafetyHold, table: WarningSigns) -> str:
    """The gentle question, with the hold's own tier action for someone not yet seen."""
    action = table.tiers[Tier(hold.tier)].action
    return _(ASK_SEEN).format(day=day(hold.since), action=_e(action))


def check_question(table: WarningSigns) -> str:
    """The emergency check: the emergency signs from the table, as a yes/no question."""
    bullets = "\n".join(f"• {_e(sign.words)}" for sign in table.signs_of(Tier.EMERGENCY))
    return f"{_(CHECK_INTRO)}\n{bullets}"


def check_confirmed(table: WarningSigns) -> str:
    """ "Yes, one of these is new": the emergency action first, then the hold."""
    action = table.tiers[Tier.EMERGENCY].action
    return "\n\n".join(
        [
            f"{TIER_MARKS[Tier.EMERGENCY]} <b>{_e(action)}</b>",
            _e(table.hold),
            _e(table.not_a_diagnosis),
        ]
    )
