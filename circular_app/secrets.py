"""The only module that talks to the operating system's keyring.

Secrets that belong to the machine (e.g. a hub token) go to the keyring. On a headless or
locked system the keyring may not work at all; callers then keep the secret encrypted inside
the profile instead (never in a plain file) and tell the user.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)

# keyring (and the backends it looks up) is imported where it is used: every log-in builds
# the sync service and its SecretStore, and most commands never read a secret (about 0.015 s
# of an export-pdf process).

SERVICE = "KairanDesk"


@dataclass(frozen=True)
class KeyringStatus:
    """Whether the keyring works, and the backend's name (for self-test and settings)."""

    usable: bool
    backend: str
    reason: str = ""


def _backend_name() -> str:
    import keyring

    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"


def status() -> KeyringStatus:
    """Probe the keyring with a harmless read; never raises."""
    import keyring
    from keyring.errors import KeyringError

    name = _backend_name()
    if "fail" in name.lower() or "plaintext" in name.lower():
        return KeyringStatus(False, name, "安全なキーリングがありません")
    try:
        keyring.get_password(SERVICE, "__probe__")
    except KeyringError as exc:
        return KeyringStatus(False, name, f"キーリングを使えません: {type(exc).__name__}")
    return KeyringStatus(True, name)


class SecretStore:
    """Get and set secrets under ``KairanDesk/<profile id>/<name>`` in the keyring."""

    def __init__(self, scope: str) -> None:
        self._scope = scope

    def _user(self, name: str) -> str:
        return f"{self._scope}/{name}"

    def get(self, name: str) -> str | None:
        """The secret, or None when absent or the keyring does not work."""
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(SERVICE, self._user(name))
        except KeyringError as exc:
            log.warning("keyring read failed: %s", type(exc).__name__)
            return None

    def set(self, name: str, value: str) -> bool:
        """Store the secret; False when the keyring does not work (caller falls back)."""
        import keyring
        from keyring.errors import KeyringError

        try:
            keyring.set_password(SERVICE, self._user(name), value)
        except KeyringError as exc:
            log.warning("keyring write failed: %s", type(exc).__name__)
            return False
        return True

    def delete(self, name: str) -> None:
        """Forget the secret (no error when absent)."""
        import keyring
        from keyring.errors import KeyringError

        try:
            keyring.delete_password(SERVICE, self._user(name))
        except KeyringError:
            log.info("keyring had no secret to delete")
