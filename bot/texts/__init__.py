"""Every sentence the user reads, in one place, so wording is reviewed together.

Texts are sent with parse_mode HTML: anything that comes from the user must go through
``html.escape`` before it is put into one of these templates.
"""

from __future__ import annotations

import html

from bot.i18n import N_, SOURCE_LANGUAGE, _, gettext_in

# The bot's profile (setMyDescription, setMyShortDescription), per language at start-up.
# What someone sees before their first message: what the bot does, and that it is no doctor.
DESCRIPTION = N_(
    "Backcare helps you look after your back: reminders at the times you choose, guided "
    "self-care routines (self-massage, stretches, breathing) and a pain diary you fill in "
    "by just writing how your back feels. It is self-care help, not medical advice: with "
    "warning signs it tells you to see a doctor."
)
# 120 characters at most.
SHORT_DESCRIPTION = N_("Reminders, self-care routines and a pain diary for your back.")

WELCOME = N_(
    "👋 Hi{name}! I'm <b>Backcare</b>, a small helper for looking after your back.\n\n"
    "• I remind you on the days and at the time you choose.\n"
    "• I walk you through self-care routines step by step: self-massage with a ball, "
    "foam roller or hook, partner massage, stretches and breathing.\n"
    "• I keep a pain diary from what you tell me (just send <i>pain 4</i>), "
    "so you can see what actually helps."
)

# The safety note of /start is built from the warning-sign table: bot/texts/safety.py.

WELCOME_BACK = N_(
    "👋 Welcome back{name}! Everything you set up is still here.\n"
    "Your time zone: <b>{zone}</b>.\n\n"
    "Send /help to see what I can do."
)

ASK_TIMEZONE = N_(
    "🕰 <b>Which time zone are you in?</b> I need it to remind you at your local time.\n\n"
    "• Tap <b>📍 Share my location</b> below (on your phone), or\n"
    "• type a city (<i>Berlin</i>), a time zone (<i>Europe/Berlin</i>) "
    "or an offset (<i>UTC+2</i>)."
)
SHARE_LOCATION_BUTTON = N_("📍 Share my location")
KEEP_ZONE_BUTTON = N_("Keep {zone}")
KEEP_ZONE_QUESTION = N_("Keep {zone}?")
# The hint in the message field under the location button.
ZONE_PLACEHOLDER = N_("Berlin, Europe/Berlin or UTC+2")

CURRENT_TIMEZONE = N_(
    "🕰 Your time zone is <b>{zone}</b>.\n\n"
    "• Tap <b>📍 Share my location</b> below (on your phone), or\n"
    "• type a city (<i>Berlin</i>), a time zone (<i>Europe/Berlin</i>) "
    "or an offset (<i>UTC+2</i>)."
)

TIMEZONE_SET = N_("✅ Time zone set: <b>{description}</b>.")
# A zone with its offset and the time there now: "Europe/Berlin (UTC+01:00, 14:05 now)".
ZONE_DESCRIPTION = N_("{zone} ({offset}, {time} now)")
TIMEZONE_FIXED_OFFSET = N_(
    "Note: a fixed offset does not follow daylight saving time. If your clocks change in "
    "summer, pick your city instead:"
)
TIMEZONE_KEPT = N_("👍 Keeping <b>{zone}</b>.")
TIMEZONE_SUGGEST = N_("🤔 Did you mean one of these? Tap one, or type another city or zone.")
TIMEZONE_PROBLEM = N_(
    "🤔 {problem}\n\nTry a city (<i>Berlin</i>), a time zone (<i>America/New_York</i>) "
    "or an offset (<i>UTC+2</i>)."
)
# Why a typed answer is no time zone (domain.timezones.ZoneResolution.problem_kind).
ZONE_PROBLEMS = {
    "minutes": N_("“{text}” has {minutes} minutes; an hour has only 60."),
    "offset_range": N_("{offset} is not a real offset: they run from UTC-12 to UTC+14."),
    "offset_unused": N_("No place uses {offset} right now. Try a nearby city instead."),
    "empty": N_("Please send a city, a time zone like Europe/Berlin, or an offset like UTC+2."),
    "not_found": N_(
        "I couldn't find a place or time zone called “{text}”. "
        "Try a big city near you, a zone like Europe/Berlin, or an offset like UTC+2."
    ),
}
ZONE_NOT_MATCHED = N_("I couldn't match that to a time zone.")
TIMEZONE_NOT_FOUND_AT_LOCATION = N_(
    "🤔 I couldn't find a time zone for that spot (open sea?). "
    "Please type your city or a zone like <i>Europe/Berlin</i> instead."
)
AFTER_ONBOARDING = N_("You're all set. Send /help to see everything I can do.")

HELP_HEADER = N_(
    "✍️ <b>The main way to log:</b> just write to me how your back feels, e.g. "
    "<i>pain 4</i> or <i>lower back 3, stiff after work</i>. No command needed.\n"
    "What you took or did goes the same way: <i>heat pack 20 min</i>, <i>walked 30 min</i>, "
    "<i>slept badly</i> (or /log).\n\n"
    "<b>What I can do</b>"
)
HELP_FOOTER = N_(
    "You can also just write to me: type a city to set your time zone when I ask for it."
)

UNKNOWN_COMMAND = N_(
    "🤷 I don't know the command <code>{command}</code>. Send /help to see what I can do."
)
UNEXPECTED_TEXT = N_(
    "🙂 I'm not sure what you mean. To note how your back feels, send a number like "
    "“pain 4” or “lower back 3”. /help shows everything else."
)
UNEXPECTED_MEDIA = N_(
    "🙂 I can only read text messages and shared locations. Send /help to see what I can do."
)
# Everyday words (domain/smalltalk.py): answered naturally, with what to try next.
GREETING_REPLY = N_(
    "👋 Hi! To note how your back feels, just send a number like “pain 4”. "
    "/routine starts a short self-care routine; /help shows everything."
)
THANKS_REPLY = N_("😊 You're welcome! Send “pain 4” any time to note how your back feels.")
HELP_REPLY = N_(
    "🙂 Here is how I work:\n"
    "• write how your back feels, like “pain 4” or “lower back 3, stiff”: I note it;\n"
    "• /routine: a short guided routine for your back;\n"
    "• /remind: a nudge at a time you choose.\n"
    "/help lists every command."
)
# A message in a language the bot does not speak (domain.reading.guess_language).
NOT_SPOKEN = N_("🌐 Sorry, I speak English, Spanish, German and Russian: /language")
# At the time-zone question, after a message that was something else.
ASK_TIMEZONE_AGAIN = N_(
    "🕰 One more thing: which time zone are you in? Type a city (<i>Berlin</i>) or tap "
    "<b>📍 Share my location</b>."
)

NEED_TIMEZONE_FIRST = N_("First, let's set your time zone: send /start.")

APOLOGY = N_("😔 Sorry, something went wrong on my side. Please try again in a moment.")
# Storage could not write (disk full or gone): nothing was saved, and it says so.
STORAGE_APOLOGY = N_(
    "😔 Sorry, I couldn't save that just now, so it is not noted. "
    "Please send it again in a few minutes."
)
STALE_BUTTON = N_("That button is no longer active.")
# A stored time zone this server's time zone database does not know (renamed, or from a
# restored backup): cleared, and the user asked again (bot/data_notices.py).
ZONE_UNKNOWN = N_(
    "🕰 I no longer recognise your saved time zone, <b>{zone}</b> (time zone names change "
    "now and then). Your reminders and weekly summary wait until I know it again."
)
# The user's file was written by a newer backcare-bot (a restored backup): kept as it is.
DATA_TOO_NEW = N_(
    "😔 Sorry, your saved data was written by a newer version of this bot, so I can't use "
    "it until the bot is updated. Nothing of it was changed."
)
# Said of a whole user file (a fresh start) and of one month of the diary (the rest kept).
HISTORY_LOST = N_(
    "⚠️ I'm sorry: I could not read your saved data, so I set it aside and carried on "
    "without it. The unreadable copy was kept for the bot's operator."
)


def zone_problem(kind: str | None, values: dict[str, str]) -> str:
    """Why a typed answer is no time zone, in the user's language (HTML-escaped)."""
    template = ZONE_PROBLEMS.get(kind or "", ZONE_NOT_MATCHED)
    return _(template).format(**{key: html.escape(value) for key, value in values.items()})


def answer_to_everyday_words(kind: str | None) -> str:
    """A short answer to a greeting, thanks or a plea for help; the hint for anything else."""
    return _(
        {"greeting": GREETING_REPLY, "thanks": THANKS_REPLY, "help": HELP_REPLY}.get(
            kind or "", UNEXPECTED_TEXT
        )
    )


def not_spoken() -> str:
    """The answer to a message in a language we don't speak: in English, and in the
    person's language too when that is another."""
    english, theirs = gettext_in(SOURCE_LANGUAGE, NOT_SPOKEN), _(NOT_SPOKEN)
    return english if theirs == english else f"{english}\n\n{theirs}"


def help_text(commands: list[tuple[str, str]]) -> str:
    """/help: every command, one line each (the descriptions are texts too)."""
    lines = "\n".join(f"/{name} — {_(description)}" for name, description in commands)
    return f"{_(HELP_HEADER)}\n{lines}\n\n{_(HELP_FOOTER)}"
