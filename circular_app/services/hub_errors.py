"""The hub client's errors, for the layers above services (the ui may not import sync).

Windows and the command line catch these around service calls that talk to a hub; the
client in :mod:`circular_app.sync.client` raises them.
"""

from __future__ import annotations

from circular_app.sync.client import HubAuthError, HubError, HubRejected, HubUnavailable

__all__ = ["HubAuthError", "HubError", "HubRejected", "HubUnavailable"]
