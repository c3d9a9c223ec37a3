"""What the bot says about flood control and to its operators (/stats). Sent as HTML."""

from __future__ import annotations

from bot.i18n import N_

FLOOD_NOTICE = N_(
    "🐢 You're sending messages very fast — I'll catch up in a few seconds. "
    "Messages sent in the meantime are skipped, so please send that last one again then."
)
# A button pressed while its user is being slowed down: a toast (no HTML, 200 chars max).
FLOOD_BUTTON = N_("🐢 Too fast: that tap was skipped. Please try it again in a few seconds.")

STATS = N_(
    "<b>Bot status</b>\n"
    "Users: <b>{users}</b> ({active_users} reachable)\n"
    "Active reminders: <b>{active_reminders}</b> (of {reminders})\n"
    "Pain reports today (UTC): <b>{reports_today}</b>\n"
    "Errors since start: <b>{errors}</b>\n"
    "Updates dropped by flood control: <b>{dropped}</b>\n"
    "Up since: {started} UTC"
)
