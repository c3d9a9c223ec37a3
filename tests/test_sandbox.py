"""``backcare-bot sandbox`` as a newcomer meets it: buttons, toasts, pacing, the greeting.

Lines are typed all at once, as when pasted: the sandbox must hold each until the bot is
done with the one before, or a button number would point at a message not yet shown.
"""

from __future__ import annotations

import getpass
import re
from pathlib import Path

from sandbox_terminal import Terminal

from content.pictures import png_path


def _onboard(terminal: Terminal) -> int:
    terminal.type("/start", "Berlin")
    return terminal.expect("You're all set")


def test_pressing_a_gone_button_gets_a_note_and_the_sandbox_carries_on(tmp_path):
    terminal = Terminal(tmp_path)
    terminal.type("/start", "Berln", "#1", "#1", "/help")
    shown = terminal.expect("Time zone set: Europe/Berlin")
    shown = terminal.expect("message 1 has no buttons any more", after=shown)
    terminal.expect("/timezone — ", after=shown)  # still running, still answering
    terminal.type("#7.1", "#9")
    shown = terminal.expect("(no message 7 with buttons", after=shown)
    terminal.expect("(message 1 has no buttons any more", after=shown)
    assert terminal.quit() == 0, terminal.process.stderr.read()
    assert "Traceback" not in terminal.process.stderr.read()


def test_a_button_answered_with_a_toast_shows_it_and_typing_goes_on(tmp_path):
    terminal = Terminal(tmp_path)
    shown = _onboard(terminal)
    # Check-in reminder, pick days, Done with no day picked: the bot answers with a toast.
    terminal.type("/remind", "#2", "#4", "#8", "/help")
    shown = terminal.expect("Tap the days you want", after=shown)
    shown = terminal.expect("── toast ──\nPick at least one day.", after=shown)
    terminal.expect("/timezone — ", after=shown)
    assert terminal.quit() == 0, terminal.process.stderr.read()


def test_a_button_of_an_older_message_can_be_pressed(tmp_path):
    terminal = Terminal(tmp_path)
    shown = _onboard(terminal)
    terminal.type("pain 4", "pain 6")
    first = terminal.expect("── bot · message 1 ──\n✅ Noted: 4/10.", after=shown)
    terminal.expect("── bot · message 2 ──\n✅ Noted: 6/10.", after=first)
    shown = terminal.mark()
    terminal.type("#1.1")  # Undo under the older entry
    terminal.expect("── bot (edited) · message 1 ──\n↩️ Removed: 4/10.", after=shown)
    shown = terminal.mark()
    terminal.type("#1", "#1")  # the latest message shown with buttons: message 2
    shown = terminal.expect("── bot (edited) · message 2 ──\n↩️ Removed: 6/10.", after=shown)
    terminal.expect("(message 2 has no buttons any more", after=shown)
    assert terminal.quit() == 0, terminal.process.stderr.read()


def test_the_bot_greets_a_friendly_default_name_or_the_one_given(tmp_path):
    terminal = Terminal(tmp_path)
    terminal.type("/start")
    terminal.expect("Hi, Alex!")
    assert terminal.quit() == 0
    login = getpass.getuser().capitalize()
    assert f"Hi, {login}!" not in terminal.output or login == "Alex"

    (tmp_path / "named").mkdir()
    named = Terminal(tmp_path / "named", "--name", "Sam")
    named.type("/start")
    named.expect("Hi, Sam!")
    assert named.quit() == 0


def test_a_routine_step_shows_its_picture_file_caption_and_buttons(tmp_path):
    terminal = Terminal(tmp_path)
    shown = _onboard(terminal)
    terminal.type("/screening", *["#2"] * 7)  # No to every safety question
    shown = terminal.expect("Nothing you said rules a routine out", after=shown)
    # The first match, its Start, pain 0, then Next to the first placement step.
    terminal.type("/routine lower back ball", "#1", "#1", "#1", "#1")
    shown = terminal.expect("── bot (edited) · message 3 ──\n[photo saved to ", after=shown)
    path_end = terminal.expect("]\n", after=shown)
    saved = Path(terminal.output[shown : path_end - 2])
    assert saved.read_bytes() == png_path("ball-lower-left").read_bytes()
    caption = "Lower back with a ball against a wall\nStep 2 of 8 — Place the ball"
    shown = terminal.expect(caption, after=path_end)
    shown = terminal.expect("🖼 In the picture\nBall: ", after=shown)
    shown = terminal.expect("[1] ◀ Back   [2] Next ▶", after=shown)
    # Back to a step without a picture: the photo gives way to a new text message.
    terminal.type("#1")
    shown = terminal.expect("── bot · message 4 ──\nLower back", after=shown)
    terminal.expect("(message 3 was removed by the bot)", after=shown)
    assert terminal.quit() == 0, terminal.process.stderr.read()


def test_a_report_pdf_is_saved_and_its_path_shown(tmp_path):
    terminal = Terminal(tmp_path)
    shown = _onboard(terminal)
    terminal.type("pain 4", "/report")
    shown = terminal.expect("Which period should it cover?", after=shown)
    terminal.type("#1")  # 4 weeks
    shown = terminal.expect("[photo saved to", after=shown)
    end = terminal.expect(".pdf]", after=shown)
    path = re.findall(r"\[document saved to (.+?\.pdf)\]", terminal.output[:end])[-1]
    assert Path(path).read_bytes().startswith(b"%PDF")
    assert terminal.quit() == 0, terminal.process.stderr.read()
