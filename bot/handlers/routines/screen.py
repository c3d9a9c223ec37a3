"""The player's one message: how a screen (text, and a step's picture) is drawn on it.

Every screen of a session (pain question, steps, gentle choice, end) is drawn by
:func:`draw` on the session's message, edited in place; the session remembers which
picture that message shows (``RoutineSession.shown_picture``), because Telegram turns a
text message into a photo (editMessageMedia) but never a photo back into text.
"""

from __future__ import annotations

import logging

from telegram import InputMediaPhoto, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application

from bot import sending
from bot.handlers.routines.shared import _services
from bot.pictures import StepPicture, step_pictures
from bot.ratelimit import BACKGROUND
from domain.models import RoutineSession, User

logger = logging.getLogger(__name__)


async def _call(app: Application, user: User, call, *, background: bool) -> Message | None:
    """Run one Bot API call for the player; its message, or None (nothing changed, or not
    sent). "Not modified" is fine: the screen already shows it.

    ``background``: nobody pressed anything (auto-advance, start-up), so the call goes
    through the send policy for background sends (paced behind answers, retried, a block
    recorded). ``call`` takes the extra keyword arguments to pass on.
    """
    if not background:
        try:
            return await call({})
        except BadRequest as error:
            if not sending.is_not_modified(error):
                raise
            return None
    done: list = []

    async def send() -> None:
        done.append(await call({"rate_limit_args": BACKGROUND}))

    await sending.deliver(app, send, what="a routine step", user_id=user.user_id)
    return done[0] if done else None


async def _send(
    app: Application,
    user: User,
    text: str,
    markup,
    picture: StepPicture | None,
    *,
    background: bool,
) -> Message | None:
    """A new player message: the step's photo with ``text`` as its caption, or text."""
    if picture is None:
        return await _call(
            app,
            user,
            lambda extra: app.bot.send_message(
                user.chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup, **extra
            ),
            background=background,
        )
    message = await _call(
        app,
        user,
        lambda extra: app.bot.send_photo(
            user.chat_id,
            picture.media,
            filename=picture.filename,
            caption=text,
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
            **extra,
        ),
        background=background,
    )
    step_pictures(app).sent(app.bot, picture, message)
    return message


async def _edit(
    app: Application,
    user: User,
    message_id: int,
    text: str,
    markup=None,
    *,
    picture: StepPicture | None = None,
    shown: str | None = None,
    background: bool = False,
) -> None:
    """Show ``text`` (and ``picture``) on the message that shows ``shown`` now.

    Text on a text message: editMessageText; the same picture: only its caption; another
    picture (or the first, on a text message): editMessageMedia with caption and keyboard.
    Text on a photo cannot be done (see ``draw``).
    """
    where = {"chat_id": user.chat_id, "message_id": message_id}
    if picture is None:

        def call(extra):
            return app.bot.edit_message_text(
                text, parse_mode=ParseMode.HTML, reply_markup=markup, **where, **extra
            )

    elif picture.id == shown:

        def call(extra):
            return app.bot.edit_message_caption(
                caption=text, parse_mode=ParseMode.HTML, reply_markup=markup, **where, **extra
            )

    else:
        media = InputMediaPhoto(
            picture.media, caption=text, parse_mode=ParseMode.HTML, filename=picture.filename
        )

        def call(extra):
            return app.bot.edit_message_media(media, reply_markup=markup, **where, **extra)

    message = await _call(app, user, call, background=background)
    if picture is not None and isinstance(message, Message):
        step_pictures(app).sent(app.bot, picture, message)


async def draw(
    app,
    user: User,
    session: RoutineSession,
    text: str,
    markup,
    new_message: bool,
    *,
    background: bool = False,
    picture: StepPicture | None = None,
) -> None:
    """Save the session and show ``text`` (with ``picture``) on its message.

    The session's one message is edited in place: a text message takes a picture, a photo
    another picture or a new caption. A photo cannot turn back into text, so a screen
    without a picture after one with replaces the message: the new one is sent first (the
    session follows its id, so a press on the old one meanwhile gets a toast), then the old
    one is deleted. ``new_message``: resuming from elsewhere, the screen goes on a new
    message and the old one stays (its buttons are the caller's to tidy).
    """
    replace = picture is None and session.shown_picture is not None
    if new_message or session.message_id is None or replace:
        old = None if new_message else session.message_id
        await _draw_new(app, user, session, text, markup, picture, old, background=background)
        return
    shown, session.shown_picture = session.shown_picture, picture.id if picture else None
    await _services(app).store.save_session(user.user_id, session)
    try:
        await _edit(
            app,
            user,
            session.message_id,
            text,
            markup,
            picture=picture,
            shown=shown,
            background=background,
        )
    except BadRequest as error:
        # The player message is gone (deleted by the user, too old) or not what the session
        # thought: carry on in a new one.
        logger.info("user %s: player message not editable (%s)", user.user_id, error)
        if picture is not None and not picture.uploads:  # a file_id Telegram no longer knows
            step_pictures(app).forget(app.bot, picture.id)
            picture = await step_pictures(app).get(app.bot, picture.id)
        old = session.message_id
        await _draw_new(app, user, session, text, markup, picture, old, background=background)


async def _draw_new(
    app,
    user: User,
    session: RoutineSession,
    text: str,
    markup,
    picture: StepPicture | None,
    old: int | None,
    *,
    background: bool,
) -> None:
    """Show the screen on a new message, which becomes the session's; then delete ``old``."""
    message = await _send(app, user, text, markup, picture, background=background)
    if message is None:
        return  # blocked or unreachable: the session stays where it was
    session.message_id = message.message_id
    session.shown_picture = picture.id if picture else None
    await _services(app).store.save_session(user.user_id, session)
    if old is None or old == message.message_id:
        return
    try:
        await _call(
            app,
            user,
            lambda extra: app.bot.delete_message(user.chat_id, old, **extra),
            background=background,
        )
    except TelegramError as error:
        # Too old to delete (48 hours) or gone already: at least take its buttons away.
        logger.info("user %s: old player message not deleted (%s)", user.user_id, error)
        try:
            await app.bot.edit_message_reply_markup(user.chat_id, old, reply_markup=None)
        except TelegramError:
            pass  # gone, or without buttons: nothing to tidy
