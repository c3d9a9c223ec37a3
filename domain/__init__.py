"""Pure domain logic: no Telegram, no I/O. Everything here is plain data and functions."""
