"""The database of a 班長 copy: one 班 cut out of a profile and encrypted with a new key.

A 班長 who works on their own PC gets a copy that holds only what their role may see: their
own 班 with its households, the published circulars addressed to that 班 (with their
corrections and attachments) and the read records of that 班's households, and their own
account. Everything else is deleted from a throw-away snapshot, and the rest is copied with
``sqlcipher_export`` into a fresh file under a **new** random data key: deleted rows are not
copied (no free pages of the old file survive) and the profile's own key never leaves the
hall PC. What the copy leaves out and why is listed in docs/security.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from circular_app.storage.backups import connect_encrypted
from circular_app.support.files import make_private

# Tables emptied in the copy: hub enrolment, its queue and machine secrets belong to the hall
# PC (a copy that synced would confirm or publish twice); user templates may quote anyone; the
# audit trail of the whole association is not the 班長's (the copy starts its own).
_EMPTIED = ("outbox", "hub_connection", "stored_secret", "reader_token", "circular_template")
# Append-only tables (their triggers refuse DELETE): the copy drops the triggers for the cut
# and puts them back, so the copy's own rows are append-only again.
_APPEND_ONLY = ("audit_log", "answer", "safety_record")


@dataclass(frozen=True)
class HanCopyCounts:
    """What went into a 班長 copy (for the audit entry and the message; counts only)."""

    households: int
    circulars: int
    read_records: int


def _prune(conn: sqlcipher3.Connection, han_id: int, officer_id: int) -> None:
    """Delete every row the 班長 of ``han_id`` may not see, inside one transaction."""
    other_households = "SELECT id FROM household WHERE han_id != ?"
    # A circular with target rows goes to those 班 only; without any it goes to every 班.
    # Drafts are the officers' work in progress, not something a 班長 circulates.
    foreign_circulars = (
        "SELECT id FROM circular WHERE status = 'draft' OR ("
        " EXISTS (SELECT 1 FROM circular_target t WHERE t.circular_id = circular.id)"
        " AND NOT EXISTS (SELECT 1 FROM circular_target t"
        "  WHERE t.circular_id = circular.id AND t.han_id = ?))"
    )
    statements: list[tuple[str, tuple[int, ...]]] = [
        (f"DELETE FROM read_record WHERE household_id IN ({other_households})", (han_id,)),
        (f"DELETE FROM read_history WHERE household_id IN ({other_households})", (han_id,)),
        # Answers and 安否確認 records of other 班 are not the 班長's (names aside, they are personal).
        (f"DELETE FROM answer WHERE household_id IN ({other_households})", (han_id,)),
        (f"DELETE FROM safety_record WHERE household_id IN ({other_households})", (han_id,)),
        # 要配慮 of other 班 is not this 班長's to see (their own 班's stays with them).
        (f"DELETE FROM care_need WHERE household_id IN ({other_households})", (han_id,)),
    ]
    children = ("read_record", "read_history", "circular_version", "attachment", "circular_target")
    for child in (*children, "answer", "circular_form"):
        statements.append((f"DELETE FROM {child} WHERE circular_id IN ({foreign_circulars})", (han_id,)))
    statements += [
        (f"DELETE FROM circular WHERE id IN ({foreign_circulars})", (han_id,)),
        ("DELETE FROM circular_target WHERE han_id != ?", (han_id,)),
        *[(f"DELETE FROM {table}", ()) for table in _EMPTIED],
        ("DELETE FROM household WHERE han_id != ?", (han_id,)),
        ("DELETE FROM officer WHERE id != ?", (officer_id,)),
        ("DELETE FROM han WHERE id != ?", (han_id,)),
    ]
    marks = ", ".join("?" for _ in _APPEND_ONLY)
    triggers = conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ({marks})", _APPEND_ONLY
    ).fetchall()
    with conn:
        for name, _sql in triggers:
            conn.execute(f'DROP TRIGGER "{name}"')
        conn.execute("DELETE FROM audit_log")
        for sql, params in statements:
            conn.execute(sql, params)
        # The copy's own trail, answers and records are append-only again from here on.
        for _name, sql in triggers:
            conn.execute(sql)


def write_han_copy_database(
    snapshot: Path, key: bytes, target: Path, new_key: bytes, han_id: int, officer_id: int
) -> HanCopyCounts:
    """Cut ``han_id`` out of ``snapshot`` (a backup, changed in place) into ``target`` under ``new_key``.

    ``snapshot`` must be a throw-away copy: its other 班 are deleted. ``target`` is a new,
    self-contained SQLCipher file holding only the kept rows.
    """
    conn = connect_encrypted(snapshot, key)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        _prune(conn, han_id, officer_id)
        (user_version,) = conn.execute("PRAGMA user_version").fetchone()
        part = target.with_name(f".{target.name}.part")
        part.unlink(missing_ok=True)
        conn.execute(f"ATTACH DATABASE ? AS copy KEY \"x'{new_key.hex()}'\"", (str(part),))
        conn.execute("SELECT sqlcipher_export('copy')")
        conn.execute(f"PRAGMA copy.user_version = {int(user_version)}")
        conn.execute("DETACH DATABASE copy")
        counts = HanCopyCounts(
            households=conn.execute("SELECT count(*) FROM household").fetchone()[0],
            circulars=conn.execute("SELECT count(*) FROM circular").fetchone()[0],
            read_records=conn.execute("SELECT count(*) FROM read_record").fetchone()[0],
        )
    finally:
        conn.close()
    make_private(part)
    part.replace(target)
    return counts
