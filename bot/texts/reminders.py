"""Every sentence of the reminders feature (sent as HTML; escape user input)."""

from __future__ import annotations

ASK_KIND = "⏰ <b>What should I remind you of?</b>"
KIND_ROUTINE_BUTTON = "🧘 Routine"
KIND_CHECKIN_BUTTON = "📝 Check-in"

ASK_DAYS = "📅 <b>On which days?</b>"
ASK_PICK_DAYS = "📅 <b>Tap the days you want</b>, then Done."
EVERY_DAY_BUTTON = "Every day"
WEEKDAYS_BUTTON = "Weekdays"
WEEKENDS_BUTTON = "Weekends"
PICK_DAYS_BUTTON = "Pick days…"
DONE_BUTTON = "✅ Done"
PICK_AT_LEAST_ONE = "Pick at least one day."

ASK_TIME = (
    "🕰 <b>At what time?</b> Tap one, or type it (<i>07:30</i>, <i>7pm</i>). "
    "Times are in your zone, {zone}."
)
ASK_NEW_TIME = (
    "🕰 <b>New time for:</b> {description}\nTap one, or type it (<i>07:30</i>, <i>7pm</i>)."
)

CREATED = "✅ Reminder set: {description}\n\nSee and change them all with /reminders."
TIME_CHANGED = "✅ Changed: {description}"
CHANGED = "✅ Changed: {description}"
CREATED_MANY = "✅ Reminders set:\n• {description}\n\nSee and change them all with /reminders."
ALREADY_EXISTS = (
    "👍 You already have this reminder: {description}\nSee and change it in /reminders."
)
SOME_EXISTED = "\n({count} of them you had already.)"
LIMIT_REACHED_SHORT = "You have the most reminders I keep. Delete one first."
ASK_NEW_DAYS = "📅 <b>New days for:</b> {description}\nTap the days, then Done."
DAYS_BUTTON = "{n}. 📅 Days"
ROUTINE_BUTTON = "{n}. 🧘 Which routine"
ROUTINE_OF_THE_DAY = "the routine of the day"
ROUTINE_OF_THE_DAY_BUTTON = "🎲 Routine of the day"
ASK_ROUTINE = "🧘 <b>Which routine should this reminder open?</b> Now: {current}."
ROUTINE_SET = "✅ This reminder now opens {routine}."
RESTORED = "Restored."
UNDO_DELETE_BUTTON = "↩️ Undo delete"
PARSE_ERROR = "🤔 {message}\nFor example: <code>{example}</code>"
LIMIT_REACHED = (
    "You already have {limit} reminders, the most I keep. Delete one in /reminders to add another."
)

LIST_HEADER = "⏰ <b>Your reminders</b>\n"
LIST_EMPTY = (
    "You have no reminders yet. Set one with /remind, or in one line: "
    "<code>/remind every day at 8am</code>, <code>/remind checkin weekdays 9pm</code>, "
    "<code>/remind tomorrow 9:00</code>, <code>/remind in 2 hours</code>."
)
PAUSE_BUTTON = "{n}. ⏸ Pause"
RESUME_BUTTON = "{n}. ▶️ Resume"
CHANGE_BUTTON = "{n}. 🕰 Time"
DELETE_BUTTON = "{n}. 🗑 Delete"
RESUME_ALL_BUTTON = "▶️ Resume all"

STOPPED = (
    "⏸ Paused all your reminders ({count}). Resume them from /reminders "
    "(<b>Resume all</b>) or with /start."
)
STOPPED_NONE = "You have no active reminders to pause. Set one with /remind."
RESUMED_ON_START = "▶️ Your reminders are on again."

ROUTINE_REMINDER = "⏰ <b>Time for your back</b>\n\n<b>{title}</b> · {minutes} min\n{summary}"
ROUTINE_REMINDER_FALLBACK = "⏰ <b>Time for your back</b>: a few minutes of self-care."
CHECKIN_REMINDER = "📝 <b>Check-in</b>\nHow is your back today? 0 = no pain, 10 = worst"
LATE_NOTE = "\n\n<i>(A little late: I was offline at {time}.)</i>"
NUDGE = "\n\nI haven't heard from you for a few reminders — would another time suit you better?"
START_NOW_BUTTON = "▶️ Start the routine now"
CHOOSE_ROUTINE_BUTTON = "🧘 Choose a routine"
ROUTINE_UNSUITABLE_LINE = (
    "\n\n🛡 Not <b>{title}</b> today: after your safety answers it is not one for you."
)
SNOOZE_15_BUTTON = "😴 Snooze 15 min"
SNOOZE_60_BUTTON = "😴 Snooze 1 h"
SKIP_TODAY_BUTTON = "⏭ Skip today"
NUDGE_CHANGE_BUTTON = "🕰 Change time"
NUDGE_PAUSE_BUTTON = "⏸ Pause this reminder"

SNOOZED = "😴 OK, I'll remind you again at {time}."
SKIPPED = "⏭ Skipped for today. Next: {next}."
PAUSED_ONE = "⏸ Paused. Resume it from /reminders."
