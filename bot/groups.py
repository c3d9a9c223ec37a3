"""Every handler group of the bot, in the order PTB runs them (lowest first).

PTB runs, for each update, the first matching handler of every group in ascending order;
a handler that raises ``ApplicationHandlerStop`` ends the update there. So a group's
number is a promise about what has (or has not) happened before it runs. The features'
own handlers sit in ``FEATURES`` (PTB's default group 0), where the first match wins.
"""

from __future__ import annotations

# The language of the person writing (their stored choice, else Telegram's language_code)
# is set before anything answers them, the flood notice included (bot/handlers/language.py).
LANGUAGE = -1000
# Flood control: a person sending too much is slowed down before any feature spends work
# (or a disk write) on them.
FLOOD = -100
# A command ends a pending question ("waiting for your time zone"), before the command's
# own handler runs and possibly asks a new one.
FORGET_PENDING_QUESTION = -50
# The warning-sign watch reads every plain text, new or edited, before any feature answers
# it, so the safety advice is the first reply and no text escapes the check.
SAFETY_WATCH = -10
# Edited messages: the treatments and factors a message made follow its edit; nothing stops
# there, so the pain diary's handler below still reads the same edit.
FACTOR_EDITS = -6
# Edited messages: the pain diary updates the entry the message made (domain/edits.py),
# the fallback ignores every other edit; both stop there, so no feature answers an edit
# as if it were a new message (PTB's message and command handlers match edits too).
EDITS = -5
# Someone new (or back after /forget) who did not send /start gets the welcome and the
# safety note with whatever they send first: after any warning-sign advice, before a
# feature answers.
WELCOME_AGAIN = -2
# Commands, buttons and plain text of the features, then the catch-alls (fallback.py
# registers last, so they only see what no feature claimed).
FEATURES = 0
# After a command has been answered: the time-zone question it interrupted, asked again.
ASK_AGAIN = 10

ORDER: tuple[int, ...] = (
    LANGUAGE,
    FLOOD,
    FORGET_PENDING_QUESTION,
    SAFETY_WATCH,
    FACTOR_EDITS,
    EDITS,
    WELCOME_AGAIN,
    FEATURES,
    ASK_AGAIN,
)
