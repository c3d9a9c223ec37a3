"""The due index on its own: what is due when, kept in DATA_DIR across restarts and crashes.

A "crash" here is opening the folder again without closing the index first: what was
only in memory is lost, exactly as when the process dies.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from storage.due import COMPLETE_MARKER, DUE_DIR, DueIndex, DueItem, remove_index

T0 = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def built(tmp_path) -> DueIndex:
    index = DueIndex.open(tmp_path)
    assert not index.complete  # nothing on disk yet: to be built from storage
    index.mark_built()
    index.flush()
    return index


def test_items_are_handed_out_in_due_order_and_only_when_due(tmp_path):
    index = built(tmp_path)
    index.put(DueItem(at(3), "reminder", 7, "b"))
    index.put(DueItem(at(1), "weekly", 8))
    index.put(DueItem(at(2), "reminder", 7, "a"))
    assert index.earliest() == at(1)
    assert index.pop_due(at(0), 10) == []
    assert [i.key for i in index.pop_due(at(2.5), 10)] == [("weekly", 8, ""), ("reminder", 7, "a")]
    assert index.earliest() == at(3)
    assert index.pop_due(at(10), 1) == [DueItem(at(3), "reminder", 7, "b")]


def test_a_key_has_one_instant_moving_it_leaves_nothing_at_the_old_one(tmp_path):
    index = built(tmp_path)
    index.put(DueItem(at(1), "reminder", 7, "r"))
    index.put(DueItem(at(5), "reminder", 7, "r"))  # the user changed the time
    assert index.items_of(7) == [DueItem(at(5), "reminder", 7, "r")]
    assert index.pop_due(at(2), 10) == []
    assert index.pop_due(at(5), 10) == [DueItem(at(5), "reminder", 7, "r")]
    index.put(DueItem(at(9), "reminder", 7, "r"))
    assert index.remove("reminder", 7, "r")
    assert index.earliest() is None and len(index) == 0


def test_removing_a_user_keeps_the_other_users_of_the_same_shard(tmp_path):
    index = built(tmp_path)
    index.put(DueItem(at(1), "reminder", 5, "x"))
    index.put(DueItem(at(1), "auto_advance", 5, "s1:0"))
    index.put(DueItem(at(1), "auto_advance", 5, "s2:0"))
    index.put(DueItem(at(2), "reminder", 5 + 256, "y"))  # same shard file
    assert index.remove_user(5, ["auto_advance"], "s1:") == 1
    assert [i.ref for i in index.items_of(5)] == ["s2:0", "x"]
    assert index.remove_user(5) == 2
    assert index.items_of(5) == []
    index.flush()
    assert DueIndex.open(tmp_path).items_of(5 + 256) == [DueItem(at(2), "reminder", 261, "y")]


def test_a_flushed_index_opens_again_complete_with_the_same_items(tmp_path):
    index = built(tmp_path)
    items = [DueItem(at(n), "reminder", n * 37, f"r{n}") for n in range(600)]
    for item in items:
        index.put(item)
    index.flush()
    again = DueIndex.open(tmp_path)
    assert again.complete
    assert len(again) == 600
    assert again.pop_due(at(1000), 1000) == items


def test_a_change_not_yet_flushed_makes_the_next_start_rebuild(tmp_path):
    index = built(tmp_path)
    index.put(DueItem(at(1), "reminder", 7, "r"))
    index.flush()
    index.put(DueItem(at(2), "reminder", 7, "new"))  # then the process dies
    assert not (tmp_path / DUE_DIR / COMPLETE_MARKER).exists()
    assert not DueIndex.open(tmp_path).complete


def test_an_item_being_handled_when_the_process_dies_is_handed_out_again(tmp_path):
    index = built(tmp_path)
    index.put(DueItem(at(1), "reminder", 7, "r"))
    index.flush()
    (item,) = index.pop_due(at(1), 10)
    index.flush()  # another change was written meanwhile; the handler had not finished
    again = DueIndex.open(tmp_path)
    assert again.complete and again.pop_due(at(1), 10) == [item]


def test_done_drops_the_item_unless_its_handler_planned_a_new_instant(tmp_path):
    index = built(tmp_path)
    index.put(DueItem(at(1), "reminder", 7, "r"))
    index.put(DueItem(at(1), "snooze", 7, "r"))
    reminder, snooze = sorted(index.pop_due(at(1), 10))
    index.put(reminder._replace(at=at(1441)))  # the next day's firing
    index.done(reminder)
    index.done(snooze)
    assert index.items_of(7) == [DueItem(at(1441), "reminder", 7, "r")]
    assert index.pop_due(at(1440), 10) == []


def test_an_item_taken_ahead_of_time_is_not_handed_out_twice(tmp_path):
    index = built(tmp_path)
    item = DueItem(at(1), "reminder", 7, "r")
    index.put(item)
    assert index.take(item)
    assert not index.take(item)
    assert index.pop_due(at(5), 10) == []
    index.done(item)
    assert len(index) == 0


def test_an_unreadable_shard_makes_the_index_be_rebuilt(tmp_path):
    index = built(tmp_path)
    index.put(DueItem(at(1), "reminder", 7, "r"))
    index.flush()
    (tmp_path / DUE_DIR / "0007.json").write_text('{"format": 1, "items": [[1, "rem')
    assert not DueIndex.open(tmp_path).complete


def test_a_deleted_index_is_not_complete(tmp_path):
    index = built(tmp_path)
    index.put(DueItem(at(1), "reminder", 7, "r"))
    index.flush()
    remove_index(tmp_path)
    assert not DueIndex.open(tmp_path).complete


def test_instants_without_a_time_zone_are_refused(tmp_path):
    index = built(tmp_path)
    with pytest.raises(ValueError, match="time zone"):
        index.put(DueItem(datetime(2026, 1, 1, 8, 0), "reminder", 7, "r"))
