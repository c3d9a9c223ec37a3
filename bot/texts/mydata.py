"""What /export, /forget and /privacy say (HTML)."""

from __future__ import annotations

from bot.i18n import N_

EXPORT_INTRO = N_("📦 Here is everything I keep about you.")
CSV_CAPTION = N_(
    "Your pain diary (open it in any spreadsheet), with the ratings you gave before and "
    "after routines, and the treatments and factors you noted, as rows of their own."
)
JSON_CAPTION = N_(
    "All your data: profile and choices, reminders, pain diary, treatments and factors, "
    "and routine sessions."
)

FORGET_QUESTION = N_(
    "⚠️ <b>Erase all your data?</b>\n\n"
    "This deletes your profile and time zone, reminders, pain diary, the treatments and "
    "factors you noted, and routine sessions for good. It cannot be undone. "
    "(Want a copy first? Send /export.)"
)
FORGET_YES_BUTTON = N_("Yes, erase everything")
FORGET_NO_BUTTON = N_("No, keep it")
FORGOTTEN = N_(
    "🗑 All your data is erased. To begin again, send /start or just write to me: "
    "I'll welcome you as new."
)
KEPT = N_("👍 Nothing was erased.")

PRIVACY = N_(
    "🔒 <b>Your data, in plain words</b>\n\n"
    "<b>What I keep:</b> your first name, language and time zone; your reminders; your choices "
    "(equipment, weekly summary, your answers to the safety questions); the pain "
    "levels you log, with the areas and notes you add; the treatments and factors you "
    "note (medication, heat, activity, sleep, sitting, stress, therapy) in your own words; "
    "the routines you do (with pain before and after, when you give it); and the days "
    "you told me about a warning sign, to list in your /report.\n\n"
    "<b>Where:</b> in plain files on the computer that runs this bot: one file with "
    "your profile, reminders and routines, and your pain diary and your treatments and "
    "factors in folders of their own, a file per month. They stay until you erase them.\n\n"
    "<b>Who sees it:</b> the person who runs this bot can read those files. Nothing is "
    "shared with or sold to third parties, and nothing is used for advertising.\n\n"
    "<b>Your control:</b> send /export for a copy of everything (a spreadsheet and a "
    "data file), or /forget to erase it all for good."
)
