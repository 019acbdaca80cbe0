"""Text input is cleaned at the service boundary: controls, bidi overrides and non-characters (issue 19)."""

from __future__ import annotations

import pytest

from circular_app.app import App, ProfileServices
from circular_app.domain.accounts import Role
from circular_app.domain.circulars import CircularDraft
from circular_app.domain.errors import ValidationError
from circular_app.domain.roster import HouseholdDraft


def _refusal(error: pytest.ExceptionInfo[ValidationError]) -> tuple[str, str]:
    return error.value.field_name, str(error.value)


def test_household_name_with_escape_sequence_is_refused(services: ProfileServices) -> None:
    """An ESC in a household name is refused naming the field and U+001B; nothing is stored."""
    han = services.roster.add_han("1班")
    with pytest.raises(ValidationError) as info:
        services.roster.add_household(HouseholdDraft(name="山田\x1b[2J太郎", han_id=han.id))
    assert _refusal(info) == ("氏名", "氏名: 使えない文字（制御文字 U+001B）が含まれています")
    assert services.roster.list_households() == []


def test_household_notes_keep_line_breaks_but_refuse_bell(services: ProfileServices) -> None:
    """備考 may hold line breaks and tabs; a BEL is refused."""
    han = services.roster.add_han("1班")
    kept = services.roster.add_household(HouseholdDraft(name="山田 太郎", han_id=han.id, notes="朝\n\t夕"))
    assert kept.notes == "朝\n\t夕"
    with pytest.raises(ValidationError) as info:
        services.roster.add_household(HouseholdDraft(name="川田 花子", han_id=han.id, notes="鳴る\x07"))
    assert info.value.field_name == "備考"


def test_han_name_with_bidi_override_is_refused(services: ProfileServices) -> None:
    """A 班 name with U+202E (reads backwards) is refused when added or renamed."""
    with pytest.raises(ValidationError) as info:
        services.roster.add_han("\u202e班東")
    assert _refusal(info) == ("班", "班: 使えない文字（文字の向きを変える制御文字 U+202E）が含まれています")
    han = services.roster.add_han("1班")
    with pytest.raises(ValidationError):
        services.roster.rename_han(han.id, "1班\ufffe")
    assert [h.name for h in services.roster.list_hans()] == ["1班"]


def test_circular_title_with_control_character_is_refused(services: ProfileServices) -> None:
    """A circular title with ESC is refused when the draft is saved."""
    with pytest.raises(ValidationError) as info:
        services.circulars.new_draft(CircularDraft(title="清掃\x1b]0;x\x07", body="本文"))
    assert info.value.field_name == "件名"


def test_circular_body_keeps_line_breaks_and_tabs_but_refuses_noncharacters(
    services: ProfileServices,
) -> None:
    """A body keeps LF and tabs; U+FFFE in it is refused."""
    kept = services.circulars.new_draft(CircularDraft(title="清掃", body="一\n\t二"))
    assert kept.body == "一\n\t二"
    with pytest.raises(ValidationError) as info:
        services.circulars.new_draft(CircularDraft(title="清掃", body="一\ufffe二"))
    assert _refusal(info) == ("本文", "本文: 使えない文字（非文字 U+FFFE）が含まれています")


def test_account_display_name_with_control_character_is_refused(services: ProfileServices) -> None:
    """An account's display name with ESC is refused; the user name rule already refuses it."""
    with pytest.raises(ValidationError) as info:
        services.accounts.add_officer("yakuin", "役員\x1b[8m", Role.OFFICER, "a long enough password")
    assert info.value.field_name == "表示名"
    with pytest.raises(ValidationError) as info:
        services.accounts.add_officer("yak\x1buin", "役員", Role.OFFICER, "a long enough password")
    assert info.value.field_name == "ユーザー名"
    assert [o.username for o in services.accounts.list_officers()] == ["kaichou"]


def test_profile_with_escape_in_association_name_is_refused(app: App) -> None:
    """create_profile refuses an ESC in the association name before creating anything."""
    with pytest.raises(ValidationError) as info:
        app.profiles.create_profile("東町会\x1b[2J", "見本校下", "kaichou2", "a long enough password")
    assert info.value.field_name == "町会名"
    assert app.profiles.list_profiles() == []
