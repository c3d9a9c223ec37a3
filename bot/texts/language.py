"""What /language says. English source strings, translated where they are used (bot.i18n)."""

from __future__ import annotations

from bot.i18n import N_

# The command menu and /help.
COMMAND = N_("Choose the language I speak")
CHOOSE = N_("🌐 I speak <b>{language}</b> with you. Which language would you like?")
# Translators: said in the language just chosen, the first words the person reads in it:
# name YOUR language here ("Ab jetzt spreche ich Deutsch mit dir.").
CHOSEN = N_("✅ From now on I'll speak English with you.")
UNKNOWN = N_(
    "🤔 I don't speak “{given}”. I can speak:\n{languages}\n\n"
    "Tap one below, or send for example <code>/language {example}</code>."
)
# One line of the list under UNKNOWN: the language's own name and its code.
LANGUAGE_LINE = N_("• {name}: <code>/language {code}</code>")
# A message in a language the bot does not speak (domain.reading.guess_language).
NOT_SPOKEN = N_("🌐 Sorry, I speak English, Spanish, German and Russian: /language")
