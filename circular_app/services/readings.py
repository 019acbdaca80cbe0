"""The reading list of furigana: the officers' readings of words, used everywhere after.

Mostly place and personal names that the dictionary reads wrong (「東海林」 とうかいりん, a
street's local name). Officers who may edit circulars change the list; every change is a new
row and is written to the audit trail (the word only, never who it names). The list reaches the
hub only inside a published circular, and only the words that occur in that circular; a change
sends the published circulars holding the word again, so the reader pages follow.
"""

from __future__ import annotations

from circular_app.domain.errors import NotFoundError
from circular_app.domain.furigana import ReadingEntry, check_entry, normalize_word
from circular_app.services.context import ProfileContext
from circular_app.storage import audit_repo, hub_outbox, readings_repo

__all__ = ["ReadingListService"]


class ReadingListService:
    """The reading list of the open profile."""

    def __init__(self, context: ProfileContext) -> None:
        self._ctx = context

    @property
    def may_edit(self) -> bool:
        """Whether this officer may change the list (those who may edit circulars)."""
        return self._ctx.officer.can_compose

    def entries(self) -> list[ReadingEntry]:
        """The current list, by word."""
        with self._ctx.sessions() as session:
            return readings_repo.current(session)

    def mapping(self) -> dict[str, str]:
        """{word: reading}: what the furigana of PDFs uses."""
        with self._ctx.sessions() as session:
            return readings_repo.mapping(session)

    def set(self, word: str, reading: str) -> ReadingEntry:
        """Add a word with its reading, or change the reading (katakana is stored as hiragana)."""
        self._ctx.require(self.may_edit, "ふりがなの読み方の変更")
        word, reading = check_entry(word, reading)
        with self._ctx.sessions.begin() as session:
            entry = readings_repo.add(session, word, reading, self._ctx.officer.username)
            hub_outbox.after_reading_change(session, word)
            audit_repo.append(session, self._ctx.officer.username, "reading_set", f"reading:{word}", {})
            return entry

    def remove(self, word: str) -> None:
        """Take a word off the list (its furigana comes from the dictionary again)."""
        self._ctx.require(self.may_edit, "ふりがなの読み方の変更")
        word = normalize_word(word)
        with self._ctx.sessions.begin() as session:
            if word not in readings_repo.mapping(session):
                raise NotFoundError("reading.not_listed", word=word)
            readings_repo.remove(session, word, self._ctx.officer.username)
            hub_outbox.after_reading_change(session, word)
            audit_repo.append(session, self._ctx.officer.username, "reading_remove", f"reading:{word}", {})
