"""The HTTP control side, under ``/control/``: drive simulated users from another process.

For a bot, benchmark or sandbox that does not share the emulator's event loop. Answers
``{"ok": true, "result": ...}`` or ``{"ok": false, "description": ...}``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiohttp import web

from emulator.model import ButtonNotFound

if TYPE_CHECKING:
    from emulator.server import BotApiEmulator
    from emulator.users import EmulatedUser


def control_routes(emulator: BotApiEmulator) -> list[web.RouteDef]:
    control = _Control(emulator)
    return [
        web.post("/control/users/{id}/messages", control.message),
        web.post("/control/users/{id}/edits", control.edit),
        web.get("/control/users/{id}/messages", control.chat_messages),
        web.post("/control/users/{id}/location", control.location),
        web.post("/control/users/{id}/press", control.press),
        web.get("/control/users/{id}/events", control.events),
        web.get("/control/sent", control.sent),
        web.post("/control/faults", control.faults),
        web.delete("/control/faults", control.clear_faults),
        web.post("/control/limits", control.limits),
        web.post("/control/block", control.block),
        web.get("/control/stats", control.stats),
        web.get("/control/webhook", control.webhook),
    ]


def ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def _error(status: int, description: str) -> web.Response:
    return web.json_response({"ok": False, "description": description}, status=status)


async def json_body(request: web.Request) -> dict[str, Any]:
    if not request.can_read_body:
        return {}
    try:
        body = await request.json()
    except ValueError:
        raise web.HTTPBadRequest(text="body must be JSON") from None
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(text="body must be a JSON object")
    return body


class _Control:
    def __init__(self, emulator: BotApiEmulator) -> None:
        self._emu = emulator

    def _user(self, request: web.Request, body: dict[str, Any] | None = None) -> EmulatedUser:
        try:
            user_id = int(request.match_info["id"])
        except ValueError:
            raise web.HTTPBadRequest(text="user id must be an integer") from None
        first_name = (body or {}).get("first_name") or "Test"
        return self._emu.user(user_id, first_name=str(first_name))

    async def message(self, request: web.Request) -> web.Response:
        body = await json_body(request)
        if not isinstance(body.get("text"), str):
            return _error(400, 'field "text" (string) is required')
        return ok(await self._user(request, body).send(body["text"]))

    async def edit(self, request: web.Request) -> web.Response:
        body = await json_body(request)
        message_id = body.get("message_id")
        if not isinstance(body.get("text"), str) or not isinstance(message_id, int):
            return _error(400, 'fields "message_id" (integer) and "text" (string) are required')
        try:
            return ok(await self._user(request, body).edit(message_id, body["text"]))
        except ValueError as err:
            return _error(404, str(err))

    async def chat_messages(self, request: web.Request) -> web.Response:
        return ok([m.to_dict() for m in self._user(request).messages])

    async def location(self, request: web.Request) -> web.Response:
        body = await json_body(request)
        try:
            lat, lon = float(body["latitude"]), float(body["longitude"])
        except (KeyError, TypeError, ValueError):
            return _error(400, 'fields "latitude" and "longitude" are required')
        return ok(await self._user(request, body).send_location(lat, lon))

    async def press(self, request: web.Request) -> web.Response:
        body = await json_body(request)
        button = body.get("callback_data") or body.get("text")
        if not isinstance(button, str):
            return _error(400, 'field "text" or "callback_data" is required')
        message_id = body.get("message_id")
        try:
            query_id = await self._user(request, body).press(
                button, message_id=int(message_id) if message_id is not None else None
            )
        except ButtonNotFound as err:
            return _error(404, str(err))
        return ok({"callback_query_id": query_id})

    async def events(self, request: web.Request) -> web.Response:
        user = self._user(request)
        try:
            after = int(request.query.get("after", 0))
            timeout = min(60.0, max(0.0, float(request.query.get("timeout", 0))))
        except ValueError:
            return _error(400, "after and timeout must be numbers")
        events = await user.chat.wait_events_after(after, timeout)
        return ok([event.to_dict() for event in events])

    async def sent(self, request: web.Request) -> web.Response:
        return ok([message.to_dict() for message in self._emu.sent])

    async def faults(self, request: web.Request) -> web.Response:
        body = await json_body(request)
        try:
            self._emu.inject_fault(
                str(body.get("kind")),
                method=body.get("method"),
                count=body.get("count"),
                rate=body.get("rate"),
                retry_after=int(body.get("retry_after", 1)),
                delay=float(body.get("delay", 0.0)),
                chat_id=body.get("chat_id"),
            )
        except (TypeError, ValueError) as err:
            return _error(400, str(err))
        return ok(True)

    async def clear_faults(self, request: web.Request) -> web.Response:
        self._emu.clear_faults()
        return ok(True)

    async def limits(self, request: web.Request) -> web.Response:
        body = await json_body(request)
        self._emu.rate_limits = bool(body.get("enabled"))
        return ok({"enabled": self._emu.rate_limits})

    async def block(self, request: web.Request) -> web.Response:
        body = await json_body(request)
        try:
            user_id = int(body["user_id"])
        except (KeyError, TypeError, ValueError):
            return _error(400, 'field "user_id" is required')
        if body.get("blocked", True):
            self._emu.block(user_id, notify=bool(body.get("notify")))
        else:
            self._emu.unblock(user_id, notify=bool(body.get("notify")))
        return ok({"user_id": user_id, "blocked": self._emu.is_blocked(user_id)})

    async def stats(self, request: web.Request) -> web.Response:
        return ok(self._emu.stats.to_dict())

    async def webhook(self, request: web.Request) -> web.Response:
        return ok(self._emu.webhook)
