"""What /export, /forget and /privacy say (HTML)."""

from __future__ import annotations

EXPORT_INTRO = "📦 Here is everything I keep about you."
CSV_CAPTION = (
    "Your pain diary (open it in any spreadsheet), with the ratings you gave before and "
    "after routines as rows of their own."
)
JSON_CAPTION = "All your data: profile and choices, reminders, pain diary and routine sessions."

FORGET_QUESTION = (
    "⚠️ <b>Erase all your data?</b>\n\n"
    "This deletes your profile and time zone, reminders, pain diary and routine sessions "
    "for good. It cannot be undone. (Want a copy first? Send /export.)"
)
FORGET_YES_BUTTON = "Yes, erase everything"
FORGET_NO_BUTTON = "No, keep it"
FORGOTTEN = "🗑 All your data is erased. Send /start if you want to begin again."
KEPT = "👍 Nothing was erased."

PRIVACY = (
    "🔒 <b>Your data, in plain words</b>\n\n"
    "<b>What I store:</b> your first name, profile and time zone; your answers to the "
    "safety questions (/screening); your reminders; the pain "
    "levels you report, with the areas and notes you add; and the routines you do "
    "(with pain before and after, when you give it).\n\n"
    "<b>Where:</b> in one file just for you, on the server this bot runs on "
    "(in its data folder, DATA_DIR).\n\n"
    "<b>Who sees it:</b> only the person who operates this bot can read that file. "
    "Nothing is shared with or sold to third parties, and nothing is used for advertising.\n\n"
    "<b>Your control:</b> send /export to get a copy of everything (a spreadsheet and a "
    "data file), or /forget to erase it all."
)
