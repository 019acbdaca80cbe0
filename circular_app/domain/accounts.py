"""Officer accounts and what each role may do."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from circular_app.domain.errors import ValidationError
from circular_app.domain.text import require_clean_text, trim

# Practice profiles (workshops) hold fictional data only and open without asking: their data
# key is wrapped with this deliberately public passphrase (docs/security.md).
PRACTICE_USER = "trainee"
PRACTICE_PASSWORD = "kairan-practice"

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 256
_USERNAME = re.compile(r"^[A-Za-z0-9._\-]{2,32}$")


class Role(enum.StrEnum):
    """Officer roles: 管理者 (everything), 役員 (circulars, print, reads), 班長 (own 班 only)."""

    ADMIN = "admin"
    OFFICER = "officer"
    HAN_LEADER = "han_leader"
    TRAINEE = "trainee"

    @property
    def label_ja(self) -> str:
        """Japanese role name."""
        return {"admin": "管理者", "officer": "役員", "han_leader": "班長", "trainee": "練習"}[self.value]


@dataclass(frozen=True)
class Officer:
    """A logged-in or listed officer."""

    id: int
    username: str
    display_name: str
    role: Role
    han_id: int | None = None
    disabled: bool = False

    @property
    def can_edit_roster(self) -> bool:
        """Add, change, import and move households; manage 班."""
        return self.role in (Role.ADMIN, Role.TRAINEE)

    @property
    def can_compose(self) -> bool:
        """Write, publish, correct and close circulars (役員 and above)."""
        return self.role in (Role.ADMIN, Role.OFFICER, Role.TRAINEE)

    @property
    def can_manage_accounts(self) -> bool:
        """Add, disable and reset officer accounts."""
        return self.role is Role.ADMIN

    @property
    def can_copy_profile(self) -> bool:
        """Back up, list backups, restore or hand over the whole profile (管理者 only).

        A copy holds every 班's names and phones; the GUI's menu offers these to 管理者 only too.
        """
        return self.role is Role.ADMIN

    def may_make_han_copy_for(self, leader: Officer) -> bool:
        """A 班長 copy of ``leader``'s 班: a 管理者 for any 班長, a 班長 for their own account."""
        if self.role is Role.ADMIN:
            return True
        return self.role is Role.HAN_LEADER and self.id == leader.id

    @property
    def sees_all_hans(self) -> bool:
        """班長 see only their own 班."""
        return self.role is not Role.HAN_LEADER


def validate_username(username: str) -> str:
    """Log-in names: 2–32 ASCII letters, digits, dot, dash or underscore (easy on any keyboard)."""
    cleaned = username.strip()
    if not _USERNAME.match(cleaned):
        raise ValidationError("ユーザー名", "account.bad_username")
    return cleaned


def validate_display_name(display_name: str, username: str) -> str:
    """The name shown for an account (the user name when blank); control characters refused."""
    return require_clean_text("表示名", trim(display_name)) or username


def validate_password(password: str) -> str:
    """A length rule, not a complexity rule: long passphrases are easier for elderly users."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError("パスワード", "field.too_short", count=MIN_PASSWORD_LENGTH)
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValidationError("パスワード", "field.too_long", count=MAX_PASSWORD_LENGTH)
    return password
