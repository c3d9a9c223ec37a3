"""``backcare-bot sandbox`` and the test harness: the real bot against the local emulator."""
