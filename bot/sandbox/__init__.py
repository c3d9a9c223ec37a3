"""Try the bot with no token and no internet: a local Bot API emulator plus a terminal chat."""
