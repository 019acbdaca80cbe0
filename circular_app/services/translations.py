"""Translations of circulars (issue 23): set, remove, list, and which ones are stale.

A translation is pasted by an officer or a volunteer, one per reader-page language. Rows are
only ever added: saving again or removing adds a row and the latest row of each language
counts; once the circular is published the rows are a record of what residents were shown
(the table refuses UPDATE and DELETE). A translation remembers the Japanese it was made from,
so it is *stale* once the Japanese was rewritten (a draft edited, or a 訂正 published).

Translations of a circular on the hub travel with it: saving or removing one on a published
circular sends the circular again (the same version) at the next sync.
"""

from __future__ import annotations

from collections.abc import Mapping

from circular_app.domain.errors import NotFoundError
from circular_app.domain.translations import (
    CleanTranslation,
    Translation,
    language_label,
    source_digest,
    translation_language,
    validate_translation,
)
from circular_app.services.context import ProfileContext
from circular_app.storage import audit_repo, translation_repo
from circular_app.storage import circular_repo as crepo
from circular_app.storage import hub_outbox as outbox
from circular_app.storage.session import Session


class TranslationService:
    """Translations of the open profile's circulars (officers who may compose change them)."""

    def __init__(self, context: ProfileContext) -> None:
        self._ctx = context

    def _require(self, action: str) -> None:
        self._ctx.require(self._ctx.officer.can_compose, action)

    def _after_change(self, session: Session, circular_id: int, action: str, langs: list[str]) -> None:
        who = self._ctx.officer.username
        audit_repo.append(session, who, action, f"circular:{circular_id}", {"langs": langs})
        session.flush()
        outbox.after_translation(session, circular_id)

    # ----- reading -------------------------------------------------------------------------
    def latest_per_lang(self, circular_id: int) -> dict[str, Translation]:
        """Language code → the circular's current translation, in the order they were saved."""
        with self._ctx.sessions() as session:
            crepo.circular(session, circular_id)  # NotFoundError for an unknown circular
            return translation_repo.latest(session, circular_id)

    def stale(self, circular_id: int, lang: str) -> bool:
        """The translation into ``lang`` was made from Japanese that has been rewritten since."""
        code = translation_language(lang)
        with self._ctx.sessions() as session:
            row = crepo.circular(session, circular_id)
            found = translation_repo.latest(session, circular_id).get(code)
            if found is None:
                raise NotFoundError("translation.not_found", language=language_label(code))
            return found.stale_for(row.title, row.body)

    def current_texts(self, circular_id: int) -> dict[str, tuple[str, str]]:
        """Language code → (title, body) of each translation made from the Japanese as it is now.

        What paper copies print (services/pdf_export.py): a stale translation would tell the
        household something the Japanese no longer says, so its copy prints the Japanese.
        """
        with self._ctx.sessions() as session:
            row = crepo.circular(session, circular_id)
            return {
                lang: (t.title, t.body)
                for lang, t in translation_repo.latest(session, circular_id).items()
                if not t.stale_for(row.title, row.body)
            }

    def stale_languages(self, circular_id: int) -> set[str]:
        """The languages whose translation is stale."""
        with self._ctx.sessions() as session:
            row = crepo.circular(session, circular_id)
            return {
                lang
                for lang, t in translation_repo.latest(session, circular_id).items()
                if t.stale_for(row.title, row.body)
            }

    # ----- changing ------------------------------------------------------------------------
    def set(self, circular_id: int, lang: str, title: str, body: str) -> Translation:
        """Save the translation into ``lang`` (replacing the language's earlier one)."""
        return self.set_many(circular_id, {lang: (title, body)})[translation_language(lang)]

    def set_many(
        self, circular_id: int, translations: Mapping[str, tuple[str, str]]
    ) -> dict[str, Translation]:
        """Save several translations at once (lang → (title, body)): all of them or, on an error, none.

        Returns every current translation of the circular.
        """
        self._require("翻訳の保存")
        checked: list[CleanTranslation] = [
            validate_translation(lang, title, body) for lang, (title, body) in translations.items()
        ]
        with self._ctx.sessions.begin() as session:
            row = crepo.circular(session, circular_id)
            digest = source_digest(row.title, row.body)
            for clean in checked:
                translation_repo.add(session, circular_id, clean, digest, self._ctx.officer.username)
            if checked:
                self._after_change(session, circular_id, "translation_set", [c.lang for c in checked])
            session.flush()
            return translation_repo.latest(session, circular_id)

    def remove(self, circular_id: int, lang: str) -> None:
        """Take the translation into ``lang`` away (the reader page shows the Japanese)."""
        self._require("翻訳の削除")
        code = translation_language(lang)
        with self._ctx.sessions.begin() as session:
            crepo.circular(session, circular_id)
            if code not in translation_repo.latest(session, circular_id):
                raise NotFoundError("translation.not_found", language=language_label(code))
            translation_repo.remove(session, circular_id, code, self._ctx.officer.username)
            self._after_change(session, circular_id, "translation_remove", [code])
