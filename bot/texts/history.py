"""What /history, /summary and the weekly summary say (HTML; escape anything from users)."""

from __future__ import annotations

NO_DATA_YET = (
    "📈 Nothing to chart yet.\n\n"
    "Send a number like '<b>pain 4</b>' (0 = no pain, 10 = worst) whenever you like, "
    "or tap a level when I check in. Finished routines show up here too. "
    "After a few days you'll see how your back is doing."
)
HISTORY_TITLE = "📈 <b>Your back, last {days} days</b>"
CHART_TITLE = "Pain, last {days} days"
DAYS_BUTTON = "{days} days"
DAYS_BUTTON_CURRENT = "• {days} days •"

WEEKLY_TITLE = "🗓 <b>Your week</b>"
WEEKLY_CHART_TITLE = "Pain, last 7 days"

SUMMARY_ON = (
    "🗓 <b>Weekly summary: on</b>\n"
    "Every {when} (your time) I send a chart of your week and a short summary, "
    "if you recorded anything that week.\n\n"
    "Tap a day or a time to change it."
)
SUMMARY_OFF = (
    "🗓 <b>Weekly summary: off</b>\nTurn it on to get a chart of your week every {when} (your time)."
)
TURN_ON_BUTTON = "🔔 Turn on"
TURN_OFF_BUTTON = "🔕 Turn off"
CURRENT_MARK = "✓ {label}"
