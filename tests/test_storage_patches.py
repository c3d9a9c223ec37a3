"""The patch a write journals names exactly what changed, whichever TinyDB call made it.

``_diff`` compares only the documents a write touched (so a diary entry costs one
document, not the diary); these tests check that against a full comparison of the
states before and after, over random sequences of TinyDB operations.
"""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st
from tinydb import where

from storage.store import _apply, _Change, _diff, _UserFile

TABLES = ("pain", "profile")
doc = st.fixed_dictionaries({"id": st.sampled_from("abcdef"), "level": st.integers(0, 3)})
operation = st.one_of(
    st.tuples(st.just("insert"), st.sampled_from(TABLES), doc),
    st.tuples(st.just("insert_many"), st.sampled_from(TABLES), st.lists(doc, max_size=3)),
    st.tuples(st.just("update"), st.sampled_from(TABLES), doc),
    st.tuples(st.just("upsert"), st.sampled_from(TABLES), doc),
    st.tuples(st.just("remove"), st.sampled_from(TABLES), doc),
    st.tuples(st.just("truncate"), st.sampled_from(TABLES), doc),
    st.tuples(st.just("drop"), st.sampled_from(TABLES), doc),
)


def _perform(handle: _UserFile, op: tuple) -> None:
    kind, name, arg = op
    table = handle.table(name)
    if kind == "insert":
        table.insert(arg)
    elif kind == "insert_many":
        table.insert_multiple(arg)
    elif kind == "update":
        table.update({"level": arg["level"]}, where("id") == arg["id"])
    elif kind == "upsert":
        table.upsert(arg, where("id") == arg["id"])
    elif kind == "remove":
        table.remove(where("id") == arg["id"])
    elif kind == "truncate":
        table.truncate()
    else:
        handle.db.drop_table(name)


@settings(max_examples=300, deadline=None)
@given(
    start=st.lists(st.tuples(st.sampled_from(TABLES), doc), max_size=6),
    operations=st.lists(st.lists(operation, min_size=1, max_size=3), max_size=8),
)
def test_each_journaled_patch_is_exactly_the_difference_of_the_states(start, operations):
    handle = _UserFile(1, None, None, 0, 0, None)  # type: ignore[arg-type]
    for name, document in start:
        handle.table(name).insert(document)
    _commit(handle)
    for batch in operations:  # one batch: the TinyDB calls of one store operation
        before = copy.deepcopy(handle.storage.data)
        for op in batch:
            _perform(handle, op)
        change = handle.storage.take_change()
        if change is None:
            assert _diff(before, handle.storage.read() or {}) == {}
            continue
        patch, after = change
        assert patch == _diff(before, after)  # no hint: every document compared
        # An empty table and no table are the same state (TinyDB creates tables on use).
        assert _tables(_apply(before, _Change(1, "patch", patch, 0))) == _tables(after)
        handle.storage.commit(after, _Change(1, "patch", patch, 0))
        assert handle.storage.data == after
        assert before == copy.deepcopy(before)  # the old state was not changed in place


def test_recording_an_entry_compares_only_that_entry():
    handle = _UserFile(1, None, None, 0, 0, None)  # type: ignore[arg-type]
    handle.table("pain").insert_multiple({"id": str(i), "level": i % 11} for i in range(200))
    _commit(handle)
    old_pain = handle.storage.data["pain"]
    handle.table("pain").insert({"id": "new", "level": 4})
    patch, after = handle.storage.take_change()
    assert patch == {"pain": {"201": {"id": "new", "level": 4}}}
    assert len(after["pain"]) == 201
    assert all(after["pain"][k] is old_pain[k] for k in old_pain)  # shared, not copied
    assert len(old_pain) == 200  # the journaled state is never changed in place


def _tables(data: dict | None) -> dict:
    return {name: table for name, table in (data or {}).items() if table}


def _commit(handle: _UserFile) -> None:
    change = handle.storage.take_change()
    if change is not None:
        patch, data = change
        handle.storage.commit(data, _Change(1, "patch", patch, 0))
