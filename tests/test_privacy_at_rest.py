"""Encryption at rest: no file the app writes in its data folder contains a resident's name."""

from __future__ import annotations

from pathlib import Path

from circular_app.app import App
from circular_app.services.demo import create_demo


def _needles(names: list[str], phones: list[str]) -> list[bytes]:
    found = []
    for value in {*names, *phones}:
        for encoding in ("utf-8", "utf-16-le", "cp932"):
            try:
                found.append(value.encode(encoding))
            except UnicodeEncodeError:
                continue
    return found


def test_no_name_or_phone_in_any_file_on_disk(app: App, tmp_path: Path) -> None:
    """After use, backups and a handover file, a byte scan finds no name or phone number."""
    demo = create_demo(app.profiles)
    services = app.services_for(demo.context)
    households = services.roster.list_households()
    services.backups.back_up("manual")
    services.backups.back_up("close")
    handover = app.paths.data_dir / "handover.kairan"
    services.backups.export_handover(handover, "a handover passphrase")
    # Keep the profile open so the WAL file exists during the scan, then scan again closed.
    scans = []
    for closed in (False, True):
        if closed:
            services.context.close()
        needles = _needles([h.name for h in households], [h.phone for h in households if h.phone])
        files = [p for p in app.paths.data_dir.rglob("*") if p.is_file()]
        assert any(p.name.endswith("-wal") for p in files) or closed
        for path in files:
            raw = path.read_bytes()
            hits = [n.decode("utf-8", "replace") for n in needles if n in raw]
            assert hits == [], f"{path.relative_to(app.paths.data_dir)} contains personal data"
        scans.append(len(files))
    assert min(scans) >= 5  # manifest, keys, database, two backups, handover
