"""What people read in /routine, the guided player, /equipment and /tools.

Sent as HTML: content from the library goes through ``html.escape`` in the render
functions below, so a routine title with "&" cannot break a message.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from html import escape, unescape

from bot.i18n import N_, _, format_decimal, ngettext

GOAL_LABELS: dict[str, str] = {
    "lower_back": N_("Lower back"),
    "upper_back_shoulders": N_("Upper back & shoulders"),
    "neck": N_("Neck"),
    "whole_back": N_("Whole back"),
    "relaxation_sleep": N_("Relaxation & sleep"),
    "quick": N_("Quick (≤ 15 min)"),
    "today": N_("Routine of the day"),
}
EQUIPMENT_LABELS: dict[str, str] = {
    "ball": N_("Massage ball"),
    "foam_roller": N_("Foam roller"),
    "massage_hook": N_("Massage hook"),
    "massager": N_("Massager"),
    "heat_pad": N_("Heat pad"),
    "massage_chair": N_("Massage chair"),
}
WHO_LABELS = {"self": N_("On your own"), "partner": N_("With a partner")}
PRESSURE_LABELS = {"light": N_("light"), "moderate": N_("moderate"), "firm": N_("firm")}

CHOOSE_GOAL = N_("🧘 <b>Which routine?</b> Pick what needs care today:")
RESUME_BUTTON = N_("▶ Resume: {title}")
ROUTINE_LIST = N_("Routines for <b>{what}</b>:")
ROUTINE_LIST_WORDS = N_("Routines that fit <i>{words}</i>:")
# Under a list where some routines use gear the person has not ticked.
# Translators: "needs" is the word on those routines' buttons ("needs: Massage hook").
NEEDS_GEAR = N_("\n\nThose marked <i>needs</i> use gear you haven't ticked in /equipment.")
# Translators: example words to type after /routine (an area, a length, a tool,
# partner); they are looked for in the routine titles of your language.
NO_MATCH = N_(
    "🤔 I found no routine for <i>{words}</i>. Try <i>lower back</i>, <i>10 min</i>, "
    "<i>ball</i> or <i>partner</i>, or pick one of these:"
)
NONE_FOR_GOAL = N_("🤔 No routine fits that yet. Pick another:")
NO_ROUTINE_TODAY = N_(
    "🤔 No routine fits your equipment today. Update it with /equipment, or pick one:"
)
TODAY_HEADER = N_("🌞 <b>Routine of the day</b>\n\n")
START_BUTTON = N_("▶ Start")
BACK_BUTTON = N_("◀ Back")

ASK_EQUIPMENT = N_(
    "🧰 <b>What do you have at hand?</b> Tap everything you own, then <b>Done</b>. "
    "Change it any time with /equipment."
)
DONE_BUTTON = N_("Done")
EQUIPMENT_SAVED = N_("🧰 Saved. Your equipment: <b>{items}</b>.")
NO_EQUIPMENT = N_("nothing yet (no-equipment routines only)")

SWITCH_QUESTION = N_(
    "You are in the middle of <b>{current}</b>. Stop the current one and start <b>{new}</b>?"
)
SWITCH_YES = N_("Stop it and start")
SWITCH_NO = N_("Carry on")

ASK_PAIN_BEFORE = N_(
    "<b>{title}</b>{cautions}\n\nBefore we start: how much does your back hurt right now, "
    "from 0 (not at all) to 10 (worst)?"
)
ASK_PAIN_AFTER = N_("🎉 <b>Done: {title}.</b>\n\nHow much does your back hurt now, from 0 to 10?")
# Partner routines: the one who answers gives the massage; the rating is about the person
# who received it (it belongs to the session, never to the giver's own pain diary).
ASK_PARTNER_PAIN_BEFORE = N_(
    "<b>{title}</b>{cautions}\n\nBefore we start, ask your partner: how does their back feel "
    "right now, from 0 (no pain) to 10 (worst)?"
)
ASK_PARTNER_PAIN_AFTER = N_(
    "🎉 <b>Done: {title}.</b>\n\nHow does your partner's back feel now, from 0 to 10?"
)
SKIP_BUTTON = N_("Skip")

STEP_HEADER = N_("<b>{routine}</b>\nStep {number} of {count} — <b>{title}</b>")
PRESSURE_LINE = N_("👐 Pressure: {pressure}")
AVOID_LINE = N_("⚠️ Avoid: {avoid}")
AUTO_LINE = N_("⏱ Auto: next step at {at}")
PAUSED_LINE = N_("⏸ Paused. Tap Resume when you are ready.")
NEXT_BUTTON = N_("Next ▶")
FINISH_BUTTON = N_("Finish ✓")
PREV_BUTTON = N_("◀ Back")
PAUSE_BUTTON = N_("⏸ Pause")
RESUME_PLAYER_BUTTON = N_("▶ Resume")
STOP_BUTTON = N_("⏹ Stop")
AUTO_ON_BUTTON = N_("⏱ Auto: on")
# Heads the routine's cautions (on its card and the first screen of the player).
TAKE_CARE = N_("<b>Take care:</b>")
# Under a step shown with its picture: what each number or symbol in the picture means
# (pictures carry no words, so they read the same in any language).
LEGEND_HEADER = N_("🖼 <b>In the picture</b>")
# Ends an instruction cut short to fit a photo's caption.
SHORTENED = " …"
AUTO_OFF_BUTTON = N_("⏱ Auto: off")
# The toast for a press on an older player message: the player moved on to a new one (a
# photo gave way to a step without a picture, or the routine was resumed from /routine).
PLAYER_MOVED = N_("This routine carries on in the newest message below.")

STOPPED = N_("⏹ Stopped <b>{title}</b> at step {number} of {count}. Well done for starting.")
SESSION_ENDED = N_("That session has ended.")
NOT_NOW = N_("Pause first, or tap Resume.")

CHANGE_DOWN = N_("Before {before}, now {after}: down {delta}. Nice.")
CHANGE_UP = N_(
    "Before {before}, now {after}: up {delta}. Go gentler next time, and if it keeps "
    "getting worse, please see a doctor or physiotherapist."
)
CHANGE_SAME = N_("Before {before}, now {after}: no change. Consistency pays off over weeks.")
AFTER_ONLY = N_("Noted: {after} out of 10.")
FINISHED_NO_PAIN = N_("Nice work.")
FINISHED = N_("✅ <b>{title}</b> completed.\n\n{change}")
HOW_OFTEN_LINE = N_("\n\n💡 {tip}")

TOOLS_RECOMMEND = N_(
    "🧰 <b>{tool}</b>\n{description}\n\n<b>Why:</b> {why}\n\nTry it with <b>{routine}</b>."
)
TOOLS_START = N_("▶ Start {routine}")
TOOLS_AGAIN = N_("Ask again")
TOOLS_UNAVAILABLE = N_("The tool chooser is not available right now.")
TOOLS_UNSUITABLE = N_(
    "\n\n🛡 I won't suggest <b>{routine}</b>: after your safety answers it is not one for "
    "you, so ask your doctor or physiotherapist before using this tool."
)
TOOLS_INSTEAD = N_(" For the same area, <b>{routine}</b> suits you.")
TOOLS_NONE_INSTEAD = N_(
    " No routine for that area suits your answers; try a gentle one from /routine."
)
TOOLS_UNSUITABLE_UNANSWERED = N_(
    "\n\n🛡 Before <b>{routine}</b>, please answer a few safety questions: it needs care "
    "with some health conditions."
)

# The safety screening, as /routine meets it (the questions live in /screening's feature).
SCREENING_FIRST = N_(
    "🛡 <b>Before your first routine</b>: a few quick yes/no safety questions, so I only "
    "suggest routines that suit you. Firm pressure, heat and electric massagers need care "
    "with some health conditions."
)
SCREENING_START_BUTTON = N_("Start the questions")
SCREENING_LATER_BUTTON = N_("Not now")
SCREENING_BUTTON = N_("🛡 Safety questions")
UNANSWERED_NOTE = N_(
    "\n\n🛡 Until you answer the safety questions, I only show routines that suit everyone."
)
LEFT_OUT_NOTE = N_(
    "\n\n🛡 Left out after your safety answers: {count}. Change them with /screening."
)
NOT_SUITABLE = N_(
    "🛡 <b>{title}</b> is not one for you after your safety answers: it uses firmer pressure, "
    "heat or an electric device that needs care with what you told me."
)
NOT_SUITABLE_UNANSWERED = N_(
    "🛡 Before <b>{title}</b>, please answer a few safety questions: it uses firmer pressure, "
    "heat or an electric device, which needs care with some health conditions."
)
TRY_INSTEAD = N_(" This one suits you:")
CHOOSE_ROUTINE_BUTTON = N_("🧘 Choose a routine")

# Pain of 8 or more before a routine: gentle routines only (see domain.player).
HIGH_PAIN = N_(
    "😣 <b>{level} out of 10 is a lot of pain.</b> Today, be gentle: soft touch, slow "
    "moves, and stop if it gets worse. If severe pain does not ease or keeps coming back, "
    "please see a doctor."
)
HIGH_PAIN_SWAP = N_(
    "\n\n<b>{title}</b> works firmer than that, so not today. A gentle one instead:"
)
HIGH_PAIN_NO_GENTLE = N_(
    "\n\n<b>{title}</b> works firmer than that, so not today, and no gentle routine fits "
    "your equipment and answers. Rest, or try some easy walking."
)
HIGH_PAIN_STEP = N_("😣 Pain is high today: go gently and stop if it gets worse.\n\n")
REST_BUTTON = N_("Rest today")
RESTED = N_("🛋 Rest is fine today. Gentle movement through the day helps too. Feel better soon.")
STOPPED_UNSUITABLE = N_(
    "🛡 I stopped <b>{title}</b>: after your safety answers it is not one for you. "
    "Pick another with /routine."
)


def minutes_short(minutes: int) -> str:
    """A routine's length on a button or card: "12 min"."""
    return ngettext("{count} min", "{count} min", minutes).format(count=minutes)


def step_duration(seconds: int) -> str:
    """How long a step takes, the way people say it: "about 90 s", "about 3 min" (the
    rule of ``domain.player.approx_duration``, in the user's language and numbers)."""
    if seconds < 0:
        raise ValueError(f"seconds must not be negative, got {seconds}")
    if seconds <= 90:
        return _("about {seconds} s").format(seconds=seconds)
    return _("about {minutes} min").format(minutes=format_decimal(round(seconds / 60, 1), 1))


def equipment_label(key: str) -> str:
    return _(EQUIPMENT_LABELS[key]) if key in EQUIPMENT_LABELS else key


def routine_button(title: str, minutes: int, needs: Iterable[str] = ()) -> str:
    """A list entry: "Quick tension relief · 12 min", with "· needs: Massage hook" when it
    uses gear the person has not ticked in /equipment (button text is not HTML)."""
    text = f"{title} · {minutes_short(minutes)}"
    lacking = ", ".join(equipment_label(e) for e in sorted(needs))
    if not lacking:
        return text
    # Translators: on a routine's button, after its title and length; the same word
    # "needs" as in "Those marked needs use gear you haven't ticked".
    return text + " · " + _("needs: {gear}").format(gear=lacking)


NO_EQUIPMENT = N_("No equipment")


def routine_card(routine) -> str:
    """Everything to decide whether to start: summary, length, equipment, who, cautions."""
    tools = [equipment_label(e) for e in routine.equipment if e != "none"]
    # Outside the f-string: pybabel does not extract a _() written inside one.
    gear = escape(", ".join(tools)) if tools else _(NO_EQUIPMENT)
    who = _(WHO_LABELS[routine.who]) if routine.who in WHO_LABELS else routine.who
    lines = [
        f"<b>{escape(routine.title)}</b>",
        escape(routine.summary),
        "",
        f"⏱ {minutes_short(routine.minutes)} · {who}",
        f"🧰 {gear}",
    ]
    if routine.cautions:
        lines += ["", _(TAKE_CARE)] + [f"• {escape(c)}" for c in routine.cautions]
    return "\n".join(lines)


def cautions_block(routine) -> str:
    """The routine's own cautions, short, for the first screen of the player."""
    if not routine.cautions:
        return ""
    return "\n\n" + _(TAKE_CARE) + "\n" + "\n".join(f"• {escape(c)}" for c in routine.cautions)


def step_screen(
    routine,
    index: int,
    *,
    auto_at: str | None = None,
    paused: bool = False,
    high_pain: bool = False,
    cautions: bool = False,
    legend: Sequence[str] = (),
    instruction: str | None = None,
) -> str:
    """One step of the player: where you are, what to do, for how long, what to avoid.

    ``high_pain``: a calm line on the first step after pain of 8+; ``cautions``: the
    routine's cautions under the first step when it starts without the pain question;
    ``legend``: what the numbers and symbols of the step's picture mean, when it is shown
    with one; ``instruction``: the step's instruction cut short (see ``step_caption``).
    """
    step = routine.steps[index]
    lines = [
        _(STEP_HEADER).format(
            routine=escape(routine.title),
            number=index + 1,
            count=len(routine.steps),
            title=escape(step.title),
        ),
        "",
        escape(step.instruction if instruction is None else instruction),
        "",
        f"⏳ {step_duration(step.seconds)}",
    ]
    if step.pressure:
        pressure = _(PRESSURE_LABELS[step.pressure]) if step.pressure in PRESSURE_LABELS else ""
        lines.append(_(PRESSURE_LINE).format(pressure=pressure))
    if step.avoid:
        lines.append(_(AVOID_LINE).format(avoid=escape(step.avoid)))
    if legend:
        lines += ["", _(LEGEND_HEADER)]
        lines += [escape(line) for line in legend]
    if paused:
        lines += ["", _(PAUSED_LINE)]
    elif auto_at:
        lines += ["", _(AUTO_LINE).format(at=escape(auto_at))]
    text = "\n".join(lines)
    if index == 0 and cautions:
        text += cautions_block(routine)
    return (_(HIGH_PAIN_STEP) if index == 0 and high_pain else "") + text


# Telegram's limit for a photo's caption, counted on the text as shown (tags parsed away).
CAPTION_LIMIT = 1024


def shown_length(html_text: str) -> int:
    """How long Telegram counts this HTML text: tags parsed away, in UTF-16 code units (an
    emoji counts two), which is never less than Telegram's own count."""
    plain = unescape(re.sub(r"<[^>]*>", "", html_text))
    return len(plain.encode("utf-16-le")) // 2


def step_caption(
    routine,
    index: int,
    *,
    legend: Sequence[str],
    auto_at: str | None = None,
    paused: bool = False,
    high_pain: bool = False,
    cautions: bool = False,
) -> str | None:
    """The step as its picture's caption: ``step_screen`` with the legend, within
    ``CAPTION_LIMIT``. When it does not fit, the instruction is cut after its last whole
    sentence that fits (ending in "…": the picture shows the rest), never the safety lines
    (avoid, cautions, high pain); None when not even its first sentence fits, and the step
    is then better shown as text (4096 characters) without its picture."""
    screen = {"auto_at": auto_at, "paused": paused, "high_pain": high_pain, "cautions": cautions}
    text = step_screen(routine, index, legend=legend, **screen)
    if shown_length(text) <= CAPTION_LIMIT:
        return text
    sentences = re.split(r"(?<=[.!?])\s+", routine.steps[index].instruction.strip())
    for kept in range(len(sentences) - 1, 0, -1):
        shorter = " ".join(sentences[:kept]) + SHORTENED
        text = step_screen(routine, index, legend=legend, instruction=shorter, **screen)
        if shown_length(text) <= CAPTION_LIMIT:
            return text
    return None


def change_text(before: int | None, after: int | None, direction: str, delta: int) -> str:
    """How pain moved across the routine, in one friendly sentence."""
    if after is None:
        return _(FINISHED_NO_PAIN)
    if before is None:
        return _(AFTER_ONLY).format(after=after)
    template = {"down": CHANGE_DOWN, "up": CHANGE_UP}.get(direction, CHANGE_SAME)
    return _(template).format(before=before, after=after, delta=delta)


def equipment_list(keys: list[str]) -> str:
    return ", ".join(equipment_label(k) for k in keys) or _(NO_EQUIPMENT)
