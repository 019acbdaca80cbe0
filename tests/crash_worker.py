"""Subprocess used by test_crash_safety: performs one action in a loop until it is killed.

Usage: python -m tests.crash_worker DATA_DIR ACTION [CSV]
Prints ``READY`` once the profile is open, then works until SIGKILL arrives.
"""

from __future__ import annotations

import sys
from pathlib import Path

from circular_app.app import App
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER, TEST_KDF


def main() -> None:
    """Open the only profile and repeat the action forever."""
    data_dir, action = Path(sys.argv[1]), sys.argv[2]
    app = App.build(data_dir, kdf=TEST_KDF)
    (ref,) = app.profiles.list_profiles()
    services = app.services_for(app.profiles.open_profile(ref, ADMIN_USER, ADMIN_PASSWORD))
    payload = Path(sys.argv[3]).read_bytes() if len(sys.argv) > 3 else b""
    print("READY", flush=True)
    while True:
        if action == "import":
            services.roster.import_roster(payload, "big.csv")
        elif action == "backup":
            services.backups.back_up("manual")
        elif action == "sync":
            services.sync.run_once()
        else:
            raise SystemExit(f"unknown action {action}")


if __name__ == "__main__":
    main()
