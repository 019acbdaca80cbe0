"""Translations of circulars on a real profile: set, remove, latest, stale, append-only, roles."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from sqlalchemy.exc import DBAPIError

from circular_app.app import App, ProfileServices
from circular_app.domain.accounts import Role
from circular_app.domain.circulars import CircularDraft
from circular_app.domain.errors import NotFoundError, PermissionDeniedError, ValidationError
from circular_app.services.translations import TranslationService

VI_TITLE = "Thông báo dọn dẹp"
VI_BODY = "# Dọn dẹp\n\nNgày 20 tháng 12, 8 giờ sáng.\n\n- Mang găng tay"


def _draft(services: ProfileServices) -> int:
    return services.circulars.new_draft(
        CircularDraft(title="清掃のお知らせ", body="12月20日に清掃をします。")
    ).id


def _rows(services: ProfileServices) -> list[tuple[str, str, int]]:
    with services.context.engine.connect() as conn:
        return [
            (lang, title, removed)
            for lang, title, removed in conn.exec_driver_sql(
                "SELECT lang, title, removed FROM circular_translation ORDER BY id"
            )
        ]


def test_set_keeps_every_row_and_the_latest_per_language_counts(services: ProfileServices) -> None:
    """Saving a language again adds a row; latest_per_lang shows only the newest."""
    circular_id = _draft(services)
    t = services.translations
    t.set(circular_id, "vi", "cũ", "bản cũ")
    t.set(circular_id, "ベトナム語", VI_TITLE, VI_BODY)
    t.set(circular_id, "EN", "Cleaning", "We clean on 20 December.")
    latest = t.latest_per_lang(circular_id)
    assert {k: (v.title, v.body) for k, v in latest.items()} == {
        "vi": (VI_TITLE, VI_BODY),
        "en": ("Cleaning", "We clean on 20 December."),
    }
    assert [r[0] for r in _rows(services)] == ["vi", "vi", "en"]


def test_remove_adds_a_removed_row_and_drops_the_language(services: ProfileServices) -> None:
    """remove() appends a 'removed' row; removing again says there is none."""
    circular_id = _draft(services)
    t = services.translations
    t.set(circular_id, "vi", VI_TITLE, VI_BODY)
    t.remove(circular_id, "vi")
    assert t.latest_per_lang(circular_id) == {}
    assert _rows(services)[-1] == ("vi", "", 1)
    with pytest.raises(NotFoundError, match="vi"):
        t.remove(circular_id, "vi")


def test_translation_goes_stale_when_the_japanese_is_rewritten(services: ProfileServices) -> None:
    """stale(lang) turns true once the Japanese title or body differs from the one translated."""
    circular_id = _draft(services)
    t = services.translations
    t.set(circular_id, "vi", VI_TITLE, VI_BODY)
    assert t.stale(circular_id, "vi") is False
    services.circulars.save_draft(
        circular_id, CircularDraft(title="清掃のお知らせ", body="12月27日に清掃をします。")
    )
    assert t.stale(circular_id, "vi") is True
    assert t.stale_languages(circular_id) == {"vi"}
    t.set(circular_id, "vi", VI_TITLE, VI_BODY.replace("20", "27"))
    assert t.stale(circular_id, "vi") is False


def test_after_publish_the_rows_refuse_update_and_delete(services: ProfileServices) -> None:
    """Once the circular is published, UPDATE and DELETE on circular_translation are refused."""
    circular_id = _draft(services)
    services.translations.set(circular_id, "vi", VI_TITLE, VI_BODY)
    services.circulars.publish(circular_id)
    services.translations.set(circular_id, "en", "Cleaning", "Cleaning day.")  # appending still works
    for statement in ("UPDATE circular_translation SET title = 'x'", "DELETE FROM circular_translation"):
        with pytest.raises(DBAPIError, match="append-only"), services.context.engine.begin() as conn:
            conn.exec_driver_sql(statement)
    assert len(_rows(services)) == 2


def test_a_deleted_draft_takes_its_translations_along(services: ProfileServices) -> None:
    """A draft's translations go with it when the draft is deleted (no record of the past yet)."""
    circular_id = _draft(services)
    services.translations.set(circular_id, "vi", VI_TITLE, VI_BODY)
    services.circulars.delete_draft(circular_id)
    assert _rows(services) == []


def test_bad_body_names_the_language_and_the_line(services: ProfileServices) -> None:
    """A control character in the body is refused with the language and its line."""
    circular_id = _draft(services)
    with pytest.raises(ValidationError) as caught:
        services.translations.set(circular_id, "vi", VI_TITLE, "dòng 1\ndòng 2\ndòng \x1b3")
    assert caught.value.field_name == "翻訳の本文"
    assert "vi（Tiếng Việt） の訳 3行目".replace(" ", "") in str(caught.value).replace(" ", "")


@pytest.mark.parametrize(
    ("lang", "title", "body", "field"),
    [
        ("ja", "t", "b", "言語"),
        ("xx", "t", "b", "言語"),
        ("vi", "  ", "b", "翻訳の件名"),
        ("vi", "t", "\n\n", "翻訳の本文"),
        ("vi", "t", "---\n\n---", "翻訳の本文"),
    ],
)
def test_invalid_translations_are_refused(
    services: ProfileServices, lang: str, title: str, body: str, field: str
) -> None:
    """Japanese itself, unknown languages, an empty title or a body without text are refused."""
    circular_id = _draft(services)
    with pytest.raises(ValidationError) as caught:
        services.translations.set(circular_id, lang, title, body)
    assert caught.value.field_name == field
    assert _rows(services) == []


def test_set_many_saves_all_or_nothing(services: ProfileServices) -> None:
    """One bad translation among several saves none of them."""
    circular_id = _draft(services)
    with pytest.raises(ValidationError):
        services.translations.set_many(circular_id, {"en": ("Cleaning", "Day."), "vi": ("", "x")})
    assert _rows(services) == []
    saved = services.translations.set_many(
        circular_id, {"en": ("Cleaning", "Day."), "ko": ("청소", "청소합니다.")}
    )
    assert sorted(saved) == ["en", "ko"]


def test_saving_is_audited_with_the_language_only(services: ProfileServices) -> None:
    """The audit trail says which languages changed, never the text."""
    circular_id = _draft(services)
    services.translations.set(circular_id, "vi", VI_TITLE, VI_BODY)
    with services.context.engine.connect() as conn:
        action, detail = conn.exec_driver_sql(
            "SELECT action, detail FROM audit_log ORDER BY id DESC LIMIT 1"
        ).one()
    assert (action, json.loads(detail)) == ("translation_set", {"langs": ["vi"]})


def test_a_han_leader_may_not_translate(services: ProfileServices, app: App) -> None:
    """Only officers who may compose circulars change translations."""
    circular_id = _draft(services)
    han = services.roster.add_han("1班")
    services.accounts.add_officer("hancho", "班長", Role.HAN_LEADER, "hancho password", han.id)
    context = app.profiles.open_profile(services.context.ref, "hancho", "hancho password")
    try:
        with pytest.raises(PermissionDeniedError):
            TranslationService(context).set(circular_id, "vi", VI_TITLE, VI_BODY)
    finally:
        context.close()


def test_a_duplicated_circular_keeps_its_translations_and_their_staleness(services: ProfileServices) -> None:
    """複製: the copy carries the current translations; one stale on the original is stale on the copy."""
    circular_id = _draft(services)
    t = services.translations
    t.set(circular_id, "vi", VI_TITLE, VI_BODY)
    t.set(circular_id, "en", "Old", "Made before the Japanese changed.")
    t.remove(circular_id, "en")
    t.set(circular_id, "ko", "청소", "청소합니다.")
    original = services.circulars.get(circular_id)
    services.circulars.save_draft(
        circular_id, replace(original.as_draft(), body=original.body + "雨天中止。")
    )
    t.set(circular_id, "vi", VI_TITLE, VI_BODY)  # remade from the new Japanese: current again
    copy = services.circulars.duplicate(circular_id)
    copied = t.latest_per_lang(copy.id)
    assert {code: (c.title, c.body) for code, c in copied.items()} == {
        "ko": ("청소", "청소합니다."),
        "vi": (VI_TITLE, VI_BODY),
    }
    assert t.stale_languages(copy.id) == {"ko"} == t.stale_languages(circular_id)
