"""What people read in /routine, the guided player, /equipment and /tools.

Sent as HTML: content from the library goes through ``html.escape`` in the render
functions below, so a routine title with "&" cannot break a message.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from html import escape, unescape

from domain.player import approx_duration

GOAL_LABELS: dict[str, str] = {
    "lower_back": "Lower back",
    "upper_back_shoulders": "Upper back & shoulders",
    "neck": "Neck",
    "whole_back": "Whole back",
    "relaxation_sleep": "Relaxation & sleep",
    "quick": "Quick (≤ 15 min)",
    "today": "Routine of the day",
}
EQUIPMENT_LABELS: dict[str, str] = {
    "ball": "Massage ball",
    "foam_roller": "Foam roller",
    "massage_hook": "Massage hook",
    "massager": "Massager",
    "heat_pad": "Heat pad",
    "massage_chair": "Massage chair",
}
WHO_LABELS = {"self": "On your own", "partner": "With a partner"}
PRESSURE_LABELS = {"light": "light", "moderate": "moderate", "firm": "firm"}

CHOOSE_GOAL = "🧘 <b>Which routine?</b> Pick what needs care today:"
RESUME_BUTTON = "▶ Resume: {title}"
ROUTINE_LIST = "Routines for <b>{what}</b>:"
ROUTINE_LIST_WORDS = "Routines that fit <i>{words}</i>:"
# Under a list where some routines use gear the person has not ticked.
NEEDS_GEAR = "\n\nThose marked <i>needs</i> use gear you haven't ticked in /equipment."
NO_MATCH = (
    "🤔 I found no routine for <i>{words}</i>. Try <i>lower back</i>, <i>10 min</i>, "
    "<i>ball</i> or <i>partner</i>, or pick one of these:"
)
NONE_FOR_GOAL = "🤔 No routine fits that yet. Pick another:"
NO_ROUTINE_TODAY = (
    "🤔 No routine fits your equipment today. Update it with /equipment, or pick one:"
)
TODAY_HEADER = "🌞 <b>Routine of the day</b>\n\n"
START_BUTTON = "▶ Start"
BACK_BUTTON = "◀ Back"

ASK_EQUIPMENT = (
    "🧰 <b>What do you have at hand?</b> Tap everything you own, then <b>Done</b>. "
    "Change it any time with /equipment."
)
DONE_BUTTON = "Done"
EQUIPMENT_SAVED = "🧰 Saved. Your equipment: <b>{items}</b>."
NO_EQUIPMENT = "nothing yet (no-equipment routines only)"

SWITCH_QUESTION = (
    "You are in the middle of <b>{current}</b>. Stop the current one and start <b>{new}</b>?"
)
SWITCH_YES = "Stop it and start"
SWITCH_NO = "Carry on"

ASK_PAIN_BEFORE = (
    "<b>{title}</b>{cautions}\n\nBefore we start: how much does your back hurt right now, "
    "from 0 (not at all) to 10 (worst)?"
)
ASK_PAIN_AFTER = "🎉 <b>Done: {title}.</b>\n\nHow much does your back hurt now, from 0 to 10?"
# Partner routines: the one who answers gives the massage; the rating is about the person
# who received it (it belongs to the session, never to the giver's own pain diary).
ASK_PARTNER_PAIN_BEFORE = (
    "<b>{title}</b>{cautions}\n\nBefore we start, ask your partner: how does their back feel "
    "right now, from 0 (no pain) to 10 (worst)?"
)
ASK_PARTNER_PAIN_AFTER = (
    "🎉 <b>Done: {title}.</b>\n\nHow does your partner's back feel now, from 0 to 10?"
)
SKIP_BUTTON = "Skip"

STEP_HEADER = "<b>{routine}</b>\nStep {number} of {count} — <b>{title}</b>"
PRESSURE_LINE = "👐 Pressure: {pressure}"
AVOID_LINE = "⚠️ Avoid: {avoid}"
AUTO_LINE = "⏱ Auto: next step at {at}"
PAUSED_LINE = "⏸ Paused. Tap Resume when you are ready."
NEXT_BUTTON = "Next ▶"
FINISH_BUTTON = "Finish ✓"
PREV_BUTTON = "◀ Back"
PAUSE_BUTTON = "⏸ Pause"
RESUME_PLAYER_BUTTON = "▶ Resume"
STOP_BUTTON = "⏹ Stop"
AUTO_ON_BUTTON = "⏱ Auto: on"
# Under a step shown with its picture: what each number or symbol in the picture means
# (pictures carry no words, so they read the same in any language).
LEGEND_HEADER = "🖼 <b>In the picture</b>"
# Ends an instruction cut short to fit a photo's caption.
SHORTENED = " …"
AUTO_OFF_BUTTON = "⏱ Auto: off"
# The toast for a press on an older player message: the player moved on to a new one (a
# photo gave way to a step without a picture, or the routine was resumed from /routine).
PLAYER_MOVED = "This routine carries on in the newest message below."

STOPPED = "⏹ Stopped <b>{title}</b> at step {number} of {count}. Well done for starting."
SESSION_ENDED = "That session has ended."
NOT_NOW = "Pause first, or tap Resume."

CHANGE_DOWN = "Before {before}, now {after}: down {delta}. Nice."
CHANGE_UP = (
    "Before {before}, now {after}: up {delta}. Go gentler next time, and if it keeps "
    "getting worse, please see a doctor or physiotherapist."
)
CHANGE_SAME = "Before {before}, now {after}: no change. Consistency pays off over weeks."
AFTER_ONLY = "Noted: {after} out of 10."
FINISHED_NO_PAIN = "Nice work."
FINISHED = "✅ <b>{title}</b> completed.\n\n{change}"
HOW_OFTEN_LINE = "\n\n💡 {tip}"

TOOLS_RECOMMEND = (
    "🧰 <b>{tool}</b>\n{description}\n\n<b>Why:</b> {why}\n\nTry it with <b>{routine}</b>."
)
TOOLS_START = "▶ Start {routine}"
TOOLS_AGAIN = "Ask again"
TOOLS_UNAVAILABLE = "The tool chooser is not available right now."
TOOLS_UNSUITABLE = (
    "\n\n🛡 I won't suggest <b>{routine}</b>: after your safety answers it is not one for "
    "you, so ask your doctor or physiotherapist before using this tool."
)
TOOLS_INSTEAD = " For the same area, <b>{routine}</b> suits you."
TOOLS_NONE_INSTEAD = " No routine for that area suits your answers; try a gentle one from /routine."
TOOLS_UNSUITABLE_UNANSWERED = (
    "\n\n🛡 Before <b>{routine}</b>, please answer a few safety questions: it needs care "
    "with some health conditions."
)

# The safety screening, as /routine meets it (the questions live in /screening's feature).
SCREENING_FIRST = (
    "🛡 <b>Before your first routine</b>: a few quick yes/no safety questions, so I only "
    "suggest routines that suit you. Firm pressure, heat and electric massagers need care "
    "with some health conditions."
)
SCREENING_START_BUTTON = "Start the questions"
SCREENING_LATER_BUTTON = "Not now"
SCREENING_BUTTON = "🛡 Safety questions"
UNANSWERED_NOTE = (
    "\n\n🛡 Until you answer the safety questions, I only show routines that suit everyone."
)
LEFT_OUT_NOTE = "\n\n🛡 Left out after your safety answers: {count}. Change them with /screening."
NOT_SUITABLE = (
    "🛡 <b>{title}</b> is not one for you after your safety answers: it uses firmer pressure, "
    "heat or an electric device that needs care with what you told me."
)
NOT_SUITABLE_UNANSWERED = (
    "🛡 Before <b>{title}</b>, please answer a few safety questions: it uses firmer pressure, "
    "heat or an electric device, which needs care with some health conditions."
)
TRY_INSTEAD = " This one suits you:"
CHOOSE_ROUTINE_BUTTON = "🧘 Choose a routine"

# Pain of 8 or more before a routine: gentle routines only (see domain.player).
HIGH_PAIN = (
    "😣 <b>{level} out of 10 is a lot of pain.</b> Today, be gentle: soft touch, slow "
    "moves, and stop if it gets worse. If severe pain does not ease or keeps coming back, "
    "please see a doctor."
)
HIGH_PAIN_SWAP = "\n\n<b>{title}</b> works firmer than that, so not today. A gentle one instead:"
HIGH_PAIN_NO_GENTLE = (
    "\n\n<b>{title}</b> works firmer than that, so not today, and no gentle routine fits "
    "your equipment and answers. Rest, or try some easy walking."
)
HIGH_PAIN_STEP = "😣 Pain is high today: go gently and stop if it gets worse.\n\n"
REST_BUTTON = "Rest today"
RESTED = "🛋 Rest is fine today. Gentle movement through the day helps too. Feel better soon."
STOPPED_UNSUITABLE = (
    "🛡 I stopped <b>{title}</b>: after your safety answers it is not one for you. "
    "Pick another with /routine."
)


def routine_button(title: str, minutes: int, needs: Iterable[str] = ()) -> str:
    """A list entry: "Quick tension relief · 12 min", with "· needs: Massage hook" when it
    uses gear the person has not ticked in /equipment (button text is not HTML)."""
    lacking = ", ".join(EQUIPMENT_LABELS.get(e, e) for e in sorted(needs))
    return f"{title} · {minutes} min" + (f" · needs: {lacking}" if lacking else "")


def routine_card(routine) -> str:
    """Everything to decide whether to start: summary, length, equipment, who, cautions."""
    tools = [EQUIPMENT_LABELS.get(e, e) for e in routine.equipment if e != "none"]
    lines = [
        f"<b>{escape(routine.title)}</b>",
        escape(routine.summary),
        "",
        f"⏱ {routine.minutes} min · {WHO_LABELS.get(routine.who, routine.who)}",
        f"🧰 {escape(', '.join(tools)) if tools else 'No equipment'}",
    ]
    if routine.cautions:
        lines += ["", "<b>Take care:</b>"] + [f"• {escape(c)}" for c in routine.cautions]
    return "\n".join(lines)


def cautions_block(routine) -> str:
    """The routine's own cautions, short, for the first screen of the player."""
    if not routine.cautions:
        return ""
    return "\n\n<b>Take care:</b>\n" + "\n".join(f"• {escape(c)}" for c in routine.cautions)


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
        STEP_HEADER.format(
            routine=escape(routine.title),
            number=index + 1,
            count=len(routine.steps),
            title=escape(step.title),
        ),
        "",
        escape(step.instruction if instruction is None else instruction),
        "",
        f"⏳ {approx_duration(step.seconds)}",
    ]
    if step.pressure:
        lines.append(PRESSURE_LINE.format(pressure=PRESSURE_LABELS.get(step.pressure, "")))
    if step.avoid:
        lines.append(AVOID_LINE.format(avoid=escape(step.avoid)))
    if legend:
        lines += ["", LEGEND_HEADER]
        lines += [escape(line) for line in legend]
    if paused:
        lines += ["", PAUSED_LINE]
    elif auto_at:
        lines += ["", AUTO_LINE.format(at=escape(auto_at))]
    text = "\n".join(lines)
    if index == 0 and cautions:
        text += cautions_block(routine)
    return (HIGH_PAIN_STEP if index == 0 and high_pain else "") + text


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
        return FINISHED_NO_PAIN
    if before is None:
        return AFTER_ONLY.format(after=after)
    template = {"down": CHANGE_DOWN, "up": CHANGE_UP}.get(direction, CHANGE_SAME)
    return template.format(before=before, after=after, delta=delta)


def equipment_list(keys: list[str]) -> str:
    return ", ".join(EQUIPMENT_LABELS.get(k, k) for k in keys) or NO_EQUIPMENT
