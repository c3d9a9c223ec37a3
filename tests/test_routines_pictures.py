"""The guided player shows each step's picture in its one message, as a user sees it.

The shipped lower-back-ball routine is walked through with its real pictures. A routine
made for the other tests puts pictures where the switches are hardest: text to
photo, photo to another photo, photo to text and back, the last step without one. Its
PNGs are written to the test's own folder; the bot reads them through ``StepPictures``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import struct
import zlib

import pytest
from chat import drain, onboard, screened

from bot import callbacks, keyboards
from bot.handlers.routines import player as player_feature
from bot.pictures import StepPictures
from bot.texts import routines as texts
from content.pictures import png_path

ROUTINE = "pictured-desk-break"
# Step pictures of the test routine (the first five steps of desk-break).
LAYOUT = ("ball-a", "ball-b", None, "ball-b", None)
LEGENDS = {
    "ball-a": ("Ball: beside the spine, never on it.",),
    "ball-b": ("1: the ball, under the shoulder blade.", "Hatched: never on the spine."),
}


def png(colour: tuple[int, int, int]) -> bytes:
    """A real 4x4 PNG of one colour (the bot sends files as they are on disk)."""
    row = b"\x00" + bytes(colour) * 4
    body = zlib.compress(row * 4)

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)
    chunks = chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


PNGS = {"ball-a": png((0, 114, 178)), "ball-b": png((230, 159, 0))}


@pytest.fixture
def pictured(bot, tmp_path):
    """The test routine in the running bot's library, its PNGs in ``tmp_path/png``."""
    folder = tmp_path / "png"
    folder.mkdir()
    for picture_id, data in PNGS.items():
        (folder / f"{picture_id}.png").write_bytes(data)
    bot.application.bot_data.step_pictures = StepPictures(
        locate=lambda picture_id: folder / f"{picture_id}.png"
    )
    bot.services.legends["en"].update(LEGENDS)
    base = bot.services.library.routines["desk-break"]
    steps = tuple(
        dataclasses.replace(step, picture=picture)
        for step, picture in zip(base.steps[:5], LAYOUT, strict=True)
    )
    bot.services.library.routines[ROUTINE] = dataclasses.replace(base, id=ROUTINE, steps=steps)
    return bot


async def ready_to_start(bot, user_id: int, routine_id: str = ROUTINE):
    """An onboarded, screened user looking at a Start button of the routine."""
    user = bot.emulator.user(user_id)
    await onboard(user)
    await screened(bot, user_id)
    start = keyboards.inline([[(texts.START_BUTTON, callbacks.StartRoutine(routine_id).pack())]])
    await bot.application.bot.send_message(user_id, "Desk break", reply_markup=start)
    await user.next_message()
    return user


def file_id(message) -> str:
    return message.raw["photo"][-1]["file_id"]


def uploads(bot, user_id: int, picture_id: str) -> list:
    """Files of ``picture_id`` the bot uploaded to this chat (the emulator saves each)."""
    folder = bot.emulator.files_dir / str(user_id)
    return sorted(folder.glob(f"*{picture_id}.png")) if folder.exists() else []


def players(user) -> list:
    """The user's messages that show player buttons (there must be one at a time)."""
    moves = {texts.NEXT_BUTTON, texts.FINISH_BUTTON, texts.RESUME_PLAYER_BUTTON}
    return [m for m in user.messages if moves & set(m.button_texts)]


async def deleted(user, message_id: int) -> None:
    """The next thing the bot does is deleting ``message_id``."""
    event = await user.next_event()
    assert (event.kind, event.message.message_id) == ("delete", message_id)


async def answer_to(user, query_id: str, within: float = 3.0) -> str | None:
    """The toast the bot answered the press ``query_id`` with."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while loop.time() < deadline:
        for answer in user.callback_answers:
            if answer.callback_query_id == query_id:
                return answer.text
        await asyncio.sleep(0.02)
    raise AssertionError(f"press {query_id} was not answered")


async def test_lower_back_ball_shows_every_placement_in_the_same_message(bot):
    routine = bot.services.library.routines["lower-back-ball"]
    assert sum(step.picture is not None for step in routine.steps) >= 6
    user = await ready_to_start(bot, 400, routine.id)
    await user.press(texts.START_BUTTON)
    player = await user.next_message()
    await user.press("4")
    photo = False  # what the player message is now
    for number, step in enumerate(routine.steps, start=1):
        shown = await user.next_message()
        assert f"Step {number} of {len(routine.steps)}" in shown.body
        if photo and step.picture is None:  # a photo cannot become text: one clean switch
            assert shown.kind == "text" and shown.message_id != player.message_id
            await deleted(user, player.message_id)
            player = shown
        assert shown.message_id == player.message_id
        if step.picture is not None:
            assert shown.kind == "photo"
            assert shown.file_path.read_bytes() == png_path(step.picture).read_bytes()
            legend = bot.services.legend(step.picture)
            assert legend and all(line in shown.caption for line in legend)
        assert players(user) == [shown]
        photo = step.picture is not None
        last = number == len(routine.steps)
        await user.press(texts.FINISH_BUTTON if last else texts.NEXT_BUTTON)
    ask = await user.next_message()
    assert "How much does your back hurt now" in ask.text
    assert (ask.message_id != player.message_id) == photo


async def test_a_guided_routine_shows_each_picture_in_one_message_and_buttons_work(pictured):
    bot = pictured
    user = await ready_to_start(bot, 401)
    await user.press(texts.START_BUTTON)
    prompt = await user.next_message()
    assert prompt.kind == "text" and "0 (not at all)" in prompt.text
    await user.press("5")

    # Text -> photo: the pain question's message becomes step 1 with its picture.
    step1 = await user.next_message()
    assert (step1.kind, step1.message_id) == ("photo", prompt.message_id)
    assert "Step 1 of 5" in step1.caption and "In the picture" in step1.caption
    assert "Ball: beside the spine, never on it." in step1.caption
    assert step1.file_path.read_bytes() == PNGS["ball-a"]
    assert texts.NEXT_BUTTON in step1.button_texts

    # Photo -> another photo: the same message, new picture, caption and buttons.
    await user.press(texts.NEXT_BUTTON)
    step2 = await user.next_message()
    assert (step2.kind, step2.message_id) == ("photo", prompt.message_id)
    assert "Step 2 of 5" in step2.caption and "Hatched: never on the spine." in step2.caption
    assert step2.file_path.read_bytes() == PNGS["ball-b"]
    assert texts.PREV_BUTTON in step2.button_texts

    # Photo -> text: a photo cannot become text, so one clean switch to a new message.
    await user.press(texts.NEXT_BUTTON)
    step3 = await user.next_message()
    assert step3.kind == "text" and "Step 3 of 5" in step3.text
    assert step3.message_id != prompt.message_id
    await deleted(user, prompt.message_id)  # right after the new one is shown
    assert [m.message_id for m in players(user)] == [step3.message_id]
    session = await bot.store.active_session(401)
    assert (session.message_id, session.step) == (step3.message_id, 2)

    # A press that was on its way on the old photo: a friendly toast, nothing moves.
    stale = user.forge_press(callbacks.PlayerMove("nx", session.id, 1).pack(), step2)
    assert await answer_to(user, stale) == texts.PLAYER_MOVED
    assert (await bot.store.active_session(401)).step == 2

    # Text -> photo again, in the same message; the picture is sent by its file_id.
    await user.press(texts.NEXT_BUTTON)
    step4 = await user.next_message()
    assert (step4.kind, step4.message_id) == ("photo", step3.message_id)
    assert file_id(step4) == file_id(step2)
    # Pause and Resume change the caption and buttons, not the picture.
    await user.press(texts.PAUSE_BUTTON)
    paused = await user.next_message()
    assert "Paused" in paused.caption and file_id(paused) == file_id(step2)
    assert texts.NEXT_BUTTON not in paused.button_texts
    await user.press(texts.RESUME_PLAYER_BUTTON)
    await user.next_message()
    # Back across the photo -> text switch, and forward again.
    await user.press(texts.PREV_BUTTON)
    back = await user.next_message()
    assert back.kind == "text" and "Step 3 of 5" in back.text
    await deleted(user, step3.message_id)
    await user.press(texts.NEXT_BUTTON)
    again = await user.next_message()
    assert again.kind == "photo" and "Step 4 of 5" in again.caption
    await user.press(texts.NEXT_BUTTON)
    last = await user.next_message()
    assert last.kind == "text" and texts.FINISH_BUTTON in last.button_texts
    await deleted(user, back.message_id)
    assert players(user) == [last]

    await user.press(texts.FINISH_BUTTON)
    ask = await user.next_message()
    assert "How much does your back hurt now" in ask.text
    await user.press("3")
    done = await user.next_message()
    assert "Before 5, now 3: down 2. Nice." in done.text
    (session,) = await bot.store.list_sessions(401)
    assert (session.status, session.pain_before, session.pain_after) == ("completed", 5, 3)

    # Each picture went up once; every later showing reused Telegram's file_id.
    assert [len(uploads(bot, 401, p)) for p in ("ball-a", "ball-b")] == [1, 1]


async def test_the_file_id_is_reused_for_the_next_user_and_stop_leaves_one_message(pictured):
    bot = pictured
    first = await ready_to_start(bot, 402)
    await first.press(texts.START_BUTTON)
    await first.next_message()
    await first.press(texts.SKIP_BUTTON)
    shown = await first.next_message()
    second = await ready_to_start(bot, 403)
    await second.press(texts.START_BUTTON)
    await second.next_message()
    await second.press(texts.SKIP_BUTTON)
    reused = await second.next_message()
    assert reused.kind == "photo" and file_id(reused) == file_id(shown)
    assert uploads(bot, 403, "ball-a") == []  # sent by file_id: nothing uploaded again

    # Stop on a photo: the player ends as one text message saying where it stopped.
    await second.press(texts.NEXT_BUTTON)
    await second.next_message()
    await second.press(texts.STOP_BUTTON)
    stopped = await second.next_message()
    assert stopped.kind == "text" and "step 2 of 5" in stopped.text
    await deleted(second, reused.message_id)
    assert players(second) == []
    assert reused.message_id not in [m.message_id for m in second.messages]
    (session,) = await bot.store.list_sessions(403)
    assert (session.status, session.step, session.message_id) == ("aborted", 1, stopped.message_id)


async def test_resume_from_the_menu_shows_the_step_picture_on_a_fresh_message(pictured):
    bot = pictured
    user = await ready_to_start(bot, 404)
    await user.press(texts.START_BUTTON)
    await user.next_message()
    await user.press(texts.SKIP_BUTTON)
    before = await user.next_message()
    await user.press(texts.NEXT_BUTTON)
    await user.next_message()
    await user.send("/routine")
    await user.next_message()  # the equipment question, first time only
    await user.press(texts.DONE_BUTTON)
    await drain(user, 2)  # "Saved", then the menu
    await user.press(next(t for t in user.messages[-1].button_texts if t.startswith("▶ Resume")))
    resumed = await user.next_message()
    assert resumed.kind == "photo" and "Step 2 of 5" in resumed.caption
    assert resumed.message_id != before.message_id
    old = await user.next_message()  # the old player loses its buttons
    assert (old.message_id, old.buttons) == (before.message_id, [])
    assert [m.message_id for m in players(user)] == [resumed.message_id]


async def test_auto_advance_moves_through_photo_and_text_steps_by_itself(pictured, monkeypatch):
    monkeypatch.setattr(player_feature, "SECONDS_SCALE", 0.01)  # 60 s steps take 0.6 s
    bot = pictured
    user = await ready_to_start(bot, 405)
    await user.press(texts.START_BUTTON)
    await user.next_message()
    await user.press(texts.SKIP_BUTTON)
    await user.next_message()
    await user.press(texts.AUTO_OFF_BUTTON)
    auto = await user.next_message()
    assert auto.kind == "photo" and "Auto: next step at" in auto.caption

    async def step_shown(number: int):
        while True:
            message = await user.next_message(timeout=20)
            if f"Step {number} of 5" in message.body:
                return message

    step2 = await step_shown(2)
    assert (step2.kind, step2.message_id) == ("photo", auto.message_id)
    step3 = await step_shown(3)  # the timer's switch from photo to text
    assert step3.kind == "text" and step3.message_id != auto.message_id
    step4 = await step_shown(4)
    assert (step4.kind, step4.message_id) == ("photo", step3.message_id)
    ask = await user.next_message(timeout=20)
    while "How much does your back hurt now" not in ask.body:
        ask = await user.next_message(timeout=20)
    assert ask.kind == "text" and len(players(user)) == 0
    assert [m.message_id for m in user.messages if m.buttons][-1] == ask.message_id


async def test_a_timed_photo_step_carries_on_in_the_same_message_after_a_restart(bot, monkeypatch):
    monkeypatch.setattr(player_feature, "SECONDS_SCALE", 0.02)  # 60-180 s steps: 1.2-3.6 s
    user = await ready_to_start(bot, 406, "lower-back-ball")
    await user.press(texts.START_BUTTON)
    await user.next_message()
    await user.press(texts.SKIP_BUTTON)
    await user.next_message()
    await user.press(texts.NEXT_BUTTON)
    placed = await user.next_message()
    assert placed.kind == "photo" and "Step 2 of 8" in placed.caption
    await user.press(texts.AUTO_OFF_BUTTON)
    await user.next_message()
    await bot.restart()  # the session knows its message is a photo; file_ids are forgotten
    session = await bot.store.active_session(406)
    routine = bot.services.library.routines["lower-back-ball"]
    assert session.shown_picture == routine.steps[session.step].picture
    while True:
        moved = await user.next_message(timeout=20)
        if f"Step {session.step + 2} of 8" in moved.body:
            break
    assert (moved.kind, moved.message_id) == ("photo", placed.message_id)
    assert [m.message_id for m in players(user)] == [placed.message_id]


async def test_a_step_whose_picture_file_is_missing_is_shown_as_text(pictured, tmp_path, caplog):
    bot = pictured
    (tmp_path / "png" / "ball-a.png").unlink()  # a broken deployment
    user = await ready_to_start(bot, 407)
    await user.press(texts.START_BUTTON)
    prompt = await user.next_message()
    await user.press(texts.SKIP_BUTTON)
    step1 = await user.next_message()
    assert step1.kind == "text" and "Step 1 of 5" in step1.text
    assert "In the picture" not in step1.text
    assert "Step picture ball-a not readable" in caplog.text
    await user.press(texts.NEXT_BUTTON)
    step2 = await user.next_message()
    assert (step2.kind, step2.message_id) == ("photo", prompt.message_id)
