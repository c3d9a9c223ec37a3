"""/learn: the guide's topics, each a short list read from content/tips."""

from __future__ import annotations

import html

INTRO = (
    "📚 <b>Learn the basics</b>\n\nShort notes on how to massage your back safely. Pick a topic:"
)
BACK_BUTTON = "⬅️ Topics"

# (topic id, button label), in reading order; the ids are tip-section ids in content/tips,
# except "tools", which is built from the tool chooser's descriptions.
TOPICS: tuple[tuple[str, str], ...] = (
    ("techniques", "✋ Techniques"),
    ("tools", "🧰 Tools"),
    ("partner", "🤲 Hand placement & partners"),
    ("mistakes", "⚠️ Common mistakes"),
    ("how-often", "📅 How often, how long"),
    ("self-care", "🌿 Between sessions"),
    ("safety", "🛑 When to stop"),
)
TOOLS_TITLE = "Tools"
SAFETY_FOOTER = "\n\nSigns that need a doctor rather than a massage: /safety"


def topic(title: str, items: list[str], footer: str = "") -> str:
    """One topic as a bulleted list under its title."""
    lines = "\n".join(f"• {html.escape(item, quote=False)}" for item in items)
    return f"<b>{html.escape(title, quote=False)}</b>\n\n{lines}{footer}"


def tool_line(name: str, description: str) -> str:
    return f"{name}: {description}"
