"""/learn: the guide's topics, each a short list read from content/tips."""

from __future__ import annotations

import html

from bot.i18n import N_

INTRO = N_(
    "📚 <b>Learn the basics</b>\n\nShort notes on how to massage your back safely. Pick a topic:"
)
BACK_BUTTON = N_("⬅️ Topics")

# (topic id, button label), in reading order; the ids are tip-section ids in content/tips,
# except "tools", which is built from the tool chooser's descriptions.
TOPICS: tuple[tuple[str, str], ...] = (
    ("techniques", N_("✋ Techniques")),
    ("tools", N_("🧰 Tools")),
    ("partner", N_("🤲 Hand placement & partners")),
    ("mistakes", N_("⚠️ Common mistakes")),
    ("how-often", N_("📅 How often, how long")),
    ("self-care", N_("🌿 Between sessions")),
    ("safety", N_("🛑 When to stop")),
)
TOOLS_TITLE = N_("Tools")
SAFETY_FOOTER = N_("Signs that need a doctor rather than a massage: /safety")


def topic(title: str, items: list[str], footer: str = "") -> str:
    """One topic as a bulleted list under its title."""
    lines = "\n".join(f"• {html.escape(item, quote=False)}" for item in items)
    return f"<b>{html.escape(title, quote=False)}</b>\n\n{lines}{footer}"


def tool_line(name: str, description: str) -> str:
    return f"{name}: {description}"
