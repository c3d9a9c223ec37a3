"""One job for everything due: reminders, weekly summaries, snoozes, routine auto-advance.

What is due comes from storage through ``storage.due.DueIndex`` (kept in DATA_DIR, so a
restart reads one small index instead of every user). One job of the job queue,
``due-items``, is armed at the earliest due instant and re-armed whenever an earlier item
arrives; when it runs it hands the due items, ``BATCH`` at a time, to their kind's
handler, at most ``MAX_IN_FLIGHT`` at once, then re-arms for the next.

Features declare what they schedule in a module-level ``DUE = {"kind": DueKind(...)}``
(collected by ``bot.features``): ``handle(context, item)`` does the work when it is due
and plans what comes next; ``seed(data, seeding)`` says what a user has due according to
storage: used to build the index when it is missing (first start, after a crash) and,
for kinds that follow the user's settings, whenever a handler calls :meth:`reseed`.

The instants are UTC; when a reminder or summary is next due is decided by the pure
functions in ``domain`` (DST, catch-up), never here.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from apscheduler.jobstores.base import JobLookupError
from telegram.ext import Application, Job

from bot.context import Context
from bot.i18n import set_language
from bot.processing import user_lock
from domain.models import Reminder, RoutineSession, User, utcnow
from storage import DiskError
from storage.due import DueIndex, DueItem
from storage.errors import SchemaTooNewError

if TYPE_CHECKING:
    from storage import Repository

__all__ = ["DueItem", "DueKind", "Dispatcher", "Seeding", "UserData", "dispatcher_of"]

logger = logging.getLogger(__name__)

JOB_NAME = "due-items"
BATCH = 100  # items taken per pass; the loop runs other work between passes
MAX_IN_FLIGHT = 256  # handlers running at once (their sends are paced by the rate limiter)
RETRY_AFTER = timedelta(minutes=5)  # a handler that failed gets its item again then,
MAX_RETRY_AFTER = timedelta(days=1)  # twice as late after each further failure, up to this
FLUSH_SECONDS = 1.0  # changes reach the index files this long after they happen, at most
STOP_WAIT_SECONDS = 5.0  # handlers still sending at stop get this long to finish
_BUILD_SLICE = 100  # users seeded per loop pass while the index is being built


@dataclass(frozen=True)
class UserData:
    """What seeds read about one user: profile, reminders and open routine session."""

    user: User
    reminders: list[Reminder]
    open_session: RoutineSession | None


@dataclass(frozen=True)
class Seeding:
    """When and why a seed runs.

    ``after_downtime``: the index is being built after a start without it, so what was
    missed while the bot was down counts (a reminder within ``grace`` goes out late).
    """

    now: datetime
    grace: timedelta
    after_downtime: bool = False


Handler = Callable[[Context, DueItem], Awaitable[None]]
Seed = Callable[[UserData, Seeding], Iterable[DueItem]]


@dataclass(frozen=True)
class DueKind:
    """How a feature handles one kind of due item, and what a user has due of it.

    ``follows_settings``: :meth:`Dispatcher.reseed` replaces this kind's items from
    storage; else (a routine's step timer) only the index build uses the seed.
    """

    handle: Handler
    seed: Seed | None = None
    follows_settings: bool = True


# The only two places that know how storage hands out users: re-point them when it changes.
async def all_users(store: Repository) -> AsyncIterator[UserData]:
    """Every user, a shard folder at a time (never all of them in memory), for the build."""
    async for snapshot in store.iter_users():
        yield UserData(snapshot.user, snapshot.reminders, snapshot.open_session)


async def user_data(store: Repository, user_id: int) -> UserData | None:
    """One user as it is now (None if they have no profile)."""
    snapshot = await store.snapshot(user_id)
    if snapshot is None:
        return None
    return UserData(snapshot.user, snapshot.reminders, snapshot.open_session)


class Dispatcher:
    """The index of what is due and the one job that hands it out."""

    def __init__(self, application: Application, kinds: Mapping[str, DueKind]) -> None:
        self.application = application
        self.kinds = dict(kinds)
        self.started_at: datetime = utcnow()
        self._index: DueIndex | None = None
        self._job: Job | None = None
        self._armed_at: datetime | None = None
        self._running = False
        self._stopping = False
        self._slots = asyncio.Semaphore(MAX_IN_FLIGHT)
        self._tasks: set[asyncio.Task[None]] = set()
        self._flush_task: asyncio.Task[None] | None = None
        self._flush_now = asyncio.Event()
        self._build_task: asyncio.Task[None] | None = None
        self._touched: set[int] | None = None  # users changed while the build runs
        # Items whose handler failed, and how often in a row: one user's item that keeps
        # failing is logged once (with its traceback) and tried less and less often.
        self._failures: dict[tuple[str, int, str], int] = {}
        self._index_failing: str | None = None  # a failed index write, logged once

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        """Load the index (or start building it in the background) and arm the job."""
        services = self.application.bot_data.services
        self.started_at = utcnow()
        self._index = await asyncio.to_thread(DueIndex.open, services.config.data_dir)
        self._stopping = False
        services.store.on_user_forgotten(self.forget_user)  # erased: nothing of theirs is due
        # A handler writes a user's data first and updates the index after (a reminder
        # saved, then scheduled): a crash in between must not find the index marked
        # complete. So the marker goes as soon as any user's lock is taken, and comes back
        # only at a flush while no lock is held (or at stop).
        self.application.bot_data.locks.on_acquire(self._unseal)
        self._arm()
        if not self._index.complete:
            logger.info("Building the due index from storage (first start or after a crash)")
            self._build_task = asyncio.create_task(self._build(), name="build-due-index")

    async def stop(self) -> None:
        """Stop handing out items, let handlers in flight finish, write the index."""
        self._stopping = True
        if self._job is not None and self.application.job_queue.scheduler.running:
            with contextlib.suppress(JobLookupError):
                self._job.schedule_removal()
        self._job = None
        if self._build_task is not None and not self._build_task.done():
            self._build_task.cancel()  # it only reads; the next start builds again
            with contextlib.suppress(asyncio.CancelledError):
                await self._build_task
        if self._flush_task is not None:
            # Never cancelled: a write in a worker thread would go on behind our back.
            self._flush_now.set()
            await self._flush_task
        if self._tasks:
            _, pending = await asyncio.wait(set(self._tasks), timeout=STOP_WAIT_SECONDS)
            for task in pending:
                task.cancel()  # its item stays in the index: it is handed out after the restart
            await asyncio.gather(*pending, return_exceptions=True)
        if self._index is not None:
            try:
                await asyncio.to_thread(self._index.flush)
            except DiskError as error:
                # The index is a cache of the user files, and without its marker the next
                # start rebuilds it from them: the stop loses nothing that was acknowledged.
                raise DiskError(
                    f"{error}. Stopped without writing the due index; nothing acknowledged "
                    "is lost (the next start rebuilds the index from the user files)"
                ) from None

    async def wait_built(self) -> None:
        """Return once the index holds every user's items (built in the background when
        it was missing at start)."""
        if self._build_task is not None:
            await asyncio.shield(self._build_task)

    # ------------------------------------------------------------------ changes

    def schedule(self, kind: str, user_id: int, at: datetime, ref: str = "") -> None:
        """Make ``kind``/``ref`` of this user due at ``at`` (replacing its earlier instant)."""
        self._require_index().put(DueItem(at, kind, user_id, ref))
        self._changed(user_id)

    def cancel(self, kind: str, user_id: int, ref: str = "") -> None:
        self._require_index().remove(kind, user_id, ref)
        # Noted even when the index held nothing: while it is being built, the user may
        # not be seeded yet, from data read before this change (see _build).
        self._changed(user_id)

    def cancel_where(self, user_id: int, kind: str, ref_prefix: str) -> None:
        """Drop the user's items of ``kind`` whose ref starts with ``ref_prefix``."""
        self._require_index().remove_user(user_id, [kind], ref_prefix)
        self._changed(user_id)  # noted even when nothing went, as in cancel

    def forget_user(self, user_id: int) -> None:
        """The user's data is erased: nothing of theirs is due any more."""
        self._require_index().remove_user(user_id)
        for key in [key for key in self._failures if key[1] == user_id]:
            del self._failures[key]
        self._changed(user_id)

    async def reseed(self, user_id: int) -> None:
        """Replace the user's items of the kinds that follow settings, from storage.

        Call it after changing what a user has due (reminders, time zone, weekly summary,
        block or /stop). Not under the user's lock itself: handlers already hold it.
        """
        kinds = {name: kind for name, kind in self.kinds.items() if kind.follows_settings}
        data = await user_data(self._store(), user_id)
        self._seed_user(user_id, data, kinds, self._seeding(after_downtime=False))
        self._changed(user_id)

    def _seed_user(
        self, user_id: int, data: UserData | None, kinds: dict[str, DueKind], seeding: Seeding
    ) -> None:
        index = self._require_index()
        index.remove_user(user_id, kinds)
        if data is not None:
            for name, kind in kinds.items():
                if kind.seed is None:
                    continue
                try:
                    items = list(kind.seed(data, seeding))
                except Exception:  # e.g. a time zone this tzdata no longer knows
                    logger.exception("Could not plan what is due (%s) for user %s", name, user_id)
                    continue
                for item in items:
                    index.put(item)
        self._changed()

    def _seeding(self, after_downtime: bool) -> Seeding:
        grace = self.application.bot_data.services.config.reminder_grace
        return Seeding(utcnow(), grace, after_downtime)

    async def _build(self) -> None:
        """Seed every user once, streaming (one user in memory at a time), then seal.

        A user for whom a handler scheduled or cancelled anything after the build started
        (whether or not the index held it yet) may have been read before that change: they
        are read again, under their lock, before being seeded.
        """
        index, store = self._require_index(), self._store()
        seeded = {name: kind for name, kind in self.kinds.items() if kind.seed is not None}
        self._touched = set()
        count = 0
        try:
            async for data in all_users(store):
                user_id = data.user.user_id
                fresh: UserData | None = data
                if user_id in self._touched:
                    async with user_lock(self.application, user_id):
                        fresh = await user_data(store, user_id)
                self._seed_user(user_id, fresh, seeded, self._seeding(after_downtime=True))
                count += 1
                if count % _BUILD_SLICE == 0:
                    await asyncio.sleep(0)  # answers and due items go between slices
        except Exception:
            logger.exception("Due index build failed; the next start builds it again")
            return
        finally:
            self._touched = None
        index.mark_built()
        self._changed()  # the flush writes every shard, then the marker
        logger.info("Due index built: %d items for %d users", len(index), count)

    # ------------------------------------------------------------------ reading

    def items_of(self, user_id: int, kind: str | None = None) -> list[DueItem]:
        """The user's items (of ``kind``), earliest first."""
        items = self._require_index().items_of(user_id)
        return [item for item in items if kind is None or item.kind == kind]

    def __len__(self) -> int:
        return len(self._require_index())

    # ------------------------------------------------------------------ handing out

    def _changed(self, user_id: int | None = None) -> None:
        if self._touched is not None and user_id is not None:
            self._touched.add(user_id)
        self._arm()
        if self._flush_task is None and not self._stopping:
            self._flush_task = asyncio.create_task(self._flush_soon(), name="flush-due-index")

    def _arm(self) -> None:
        """(Re)place the one job at the earliest due instant (unless it is running)."""
        if self._running or self._stopping or self._index is None:
            return  # a running pass re-arms when it ends
        at = self._index.earliest()
        if self._job is not None:
            if at is not None and self._armed_at is not None and self._armed_at <= at:
                return
            with contextlib.suppress(JobLookupError):  # it is starting right now: let it
                self._job.schedule_removal()
            self._job = None
        if at is None:
            return
        self._armed_at = at
        self._job = self.application.job_queue.run_once(
            self._run, when=at, name=JOB_NAME, job_kwargs={"misfire_grace_time": None}
        )

    async def _run(self, context: Context) -> None:
        """The job: hand out every due item, ``BATCH`` per loop pass, then re-arm."""
        # Items are handled in English unless their kind speaks the user's language
        # (use_language): this job's task copied the context of whatever armed it, maybe an
        # update that set its user's language (PITFALLS: context variables leak into jobs).
        set_language(None)
        if context.job is self._job:  # else it was replaced just as it started
            self._job = self._armed_at = None
        self._running = True
        try:
            while not self._stopping:
                batch = self._require_index().pop_due(utcnow(), BATCH)
                if not batch:
                    break
                for item in batch:
                    await self._slots.acquire()
                    self._spawn(item)
                await asyncio.sleep(0)
        finally:
            self._running = False
            self._arm()

    def _spawn(self, item: DueItem) -> None:
        task = asyncio.create_task(self._handle(item), name=f"due-{item.kind}-{item.user_id}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _handle(self, item: DueItem) -> None:
        index = self._require_index()
        try:
            kind = self.kinds.get(item.kind)
            if kind is None:
                logger.warning("Dropping a due item of unknown kind %r (user %s)", *item[1:3])
            else:
                # The application's own context class (bot.context), as handlers get.
                context = self.application.context_types.context(
                    self.application, user_id=item.user_id
                )
                await kind.handle(context, item)
        except SchemaTooNewError as error:
            # The user's file is from a newer backcare-bot (the store logged it once): keep
            # the item for the day this one is upgraded, without a traceback.
            logger.debug("Due %s for user %s waits: %s", item.kind, item.user_id, error)
            index.put(item._replace(at=utcnow() + MAX_RETRY_AFTER))
        except Exception:
            failures = self._failures[item.key] = self._failures.get(item.key, 0) + 1
            delay = min(RETRY_AFTER * 2 ** min(failures - 1, 16), MAX_RETRY_AFTER)
            # Once with the traceback; again only in the debug log (the operator has the
            # first, and one user's item must not fill the log every few minutes).
            log = logger.exception if failures == 1 else logger.debug
            log(
                "Due %s for user %s (ref %r, due %s) failed (%d in a row); trying again in %s",
                item.kind,
                item.user_id,
                item.ref,
                item.at.isoformat(),
                failures,
                delay,
            )
            index.put(item._replace(at=utcnow() + delay))
        else:
            self._failures.pop(item.key, None)
            index.done(item)
        finally:
            self._slots.release()
        self._changed()

    async def run_now(self, item: DueItem) -> None:
        """Hand ``item`` to its handler now, as the job would when it is due."""
        self._require_index().take(item)
        await self._slots.acquire()
        await self._handle(item)

    # ------------------------------------------------------------------ disk

    async def _flush_soon(self) -> None:
        sealed = True
        try:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._flush_now.wait(), FLUSH_SECONDS)
            sealed = await self.flush()
        finally:
            self._flush_task = None
        if not sealed:
            # Someone's update or job was under way: try again shortly, so the marker
            # comes back once nobody's is, not only at the next change.
            self._changed()

    async def flush(self) -> bool:
        """Write the changed shards (in a worker thread), then the complete marker.

        Only one flush runs at a time (the flush task, or :meth:`stop` after it), so an
        older copy of a shard never lands after a newer one. False when the marker was
        left off only because a user's lock was held (another flush should try again).
        """
        index = self._require_index()
        if not index.complete:
            return True  # being built: every shard is written once the build is done
        shards = index.take_dirty()
        try:
            await asyncio.to_thread(index.write, shards)
            if not (self.application.bot_data.locks.idle or self._stopping):
                return False
            index.seal()
        except DiskError as error:
            index.write_failed(shards)
            # Once until a write works (a full disk would log it every second); at stop,
            # the last flush reports it.
            if self._index_failing is None and not self._stopping:
                logger.error("Could not write the due index: %s", error)
                self._index_failing = str(error)
            return True  # tried again at the next change, not every second
        if self._index_failing is not None:
            logger.warning("The due index is written again (after: %s)", self._index_failing)
            self._index_failing = None
        return True

    # ------------------------------------------------------------------ helpers

    def _unseal(self) -> None:
        if self._index is not None:
            try:
                self._index.unseal()
            except OSError as error:  # a full or vanished disk: the flush reports it
                logger.debug("Could not remove the due index marker: %s", error)

    def _require_index(self) -> DueIndex:
        if self._index is None:
            raise RuntimeError("the dispatcher has not started")
        return self._index

    def _store(self) -> Repository:
        return self.application.bot_data.services.store


def dispatcher_of(application: Application) -> Dispatcher:
    return application.bot_data.dispatcher
