"""Trainer mode: practice profiles, one-click reset, checkpoints per exercise, workshop records,
and workshop packs that carry a prepared practice profile to another hall PC.

Practice profiles hold fictional data only, open without a password, are titled and
watermarked 「練習用」, and may only talk to the built-in practice hub on loopback.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from circular_app.domain.calendar import fiscal_year
from circular_app.domain.errors import NotFoundError, ProfileError, ValidationError
from circular_app.domain.roster_csv import encode_excel_csv
from circular_app.domain.text import trim
from circular_app.services.context import ProfileContext
from circular_app.services.demo import populate
from circular_app.services.profiles import ProfileService
from circular_app.storage.backups import write_backup
from circular_app.storage.profiles import ProfileRef
from circular_app.support.files import atomic_write_bytes, atomic_write_text

PRACTICE_PROFILE_NAME = "練習用町会"
PRACTICE_SCHOOL_DISTRICT = "練習校下"
PACK_FORMAT = "kairan-desk-workshop-pack"
PACK_VERSION = 1
WORKSHOP_KINDS = ("役員向け", "住民向け", "高齢者スマホ講座")
# The plan's KPI 高齢者向け電子申請講座参加者数 counts these workshops' participants.
SENIOR_KIND = "高齢者スマホ講座"


def checkpoint_path(ref: ProfileRef, exercise: int) -> Path:
    """Where the start state of exercise ``exercise`` is kept."""
    return ref.folder / "checkpoints" / f"exercise-{exercise}.kdb"


def find_practice(profiles: ProfileService) -> ProfileRef | None:
    """The practice profile of this data folder, if any."""
    return next((p for p in profiles.list_profiles() if p.kind == "practice"), None)


def create_practice(profiles: ProfileService, households: int = 60) -> ProfileContext:
    """Create (or reset to a fresh) practice profile with demo data; checkpoint 1 is its start."""
    old = find_practice(profiles)
    if old is not None:
        profiles.store.delete(old)
    created = profiles.create_practice_profile(PRACTICE_PROFILE_NAME, PRACTICE_SCHOOL_DISTRICT)
    populate(created.context, households)
    save_checkpoint(created.context, 1)
    return created.context


def save_checkpoint(context: ProfileContext, exercise: int) -> Path:
    """Keep the current state as the start of ``exercise`` (the trainer prepares once)."""
    if context.ref.kind != "practice":
        raise ValidationError("チェックポイント", "trainer.practice_only")
    if exercise < 1:
        raise ValidationError("演習番号", "trainer.bad_exercise")
    return write_backup(context.ref.db_path, context.data_key, checkpoint_path(context.ref, exercise))


def checkpoints(ref: ProfileRef) -> list[int]:
    """Exercise numbers that have a saved start state."""
    folder = ref.folder / "checkpoints"
    found = []
    for path in folder.glob("exercise-*.kdb") if folder.exists() else []:
        number = path.stem.removeprefix("exercise-")
        if number.isdigit():
            found.append(int(number))
    return sorted(found)


def reset(profiles: ProfileService, exercise: int = 1) -> ProfileContext:
    """Put the practice profile back to the start of ``exercise`` (default: the very start).

    The profile must not be open elsewhere. Returns it opened again.
    """
    ref = find_practice(profiles)
    if ref is None:
        raise NotFoundError("trainer.no_practice")
    source = checkpoint_path(ref, exercise)
    if not source.exists():
        raise NotFoundError("trainer.no_checkpoint", exercise=exercise, saved=checkpoints(ref) or "なし")
    for suffix in ("-wal", "-shm"):
        Path(f"{ref.db_path}{suffix}").unlink(missing_ok=True)
    staged = ref.db_path.with_name(f".{ref.db_path.name}.reset")
    shutil.copyfile(source, staged)
    staged.replace(ref.db_path)
    return profiles.open_practice(ref)


def export_pack(context: ProfileContext, path: Path, exercises_dir: Path) -> Path:
    """One file with the practice profile, its checkpoints and the exercises, for another PC.

    Practice data is fictional and the profile opens without a password anyway, so the pack
    is not encrypted; a real association profile can never be packed.
    """
    if context.ref.kind != "practice":
        raise ValidationError("研修パック", "trainer.export_practice_only")
    buffer = io.BytesIO()
    tmp = path.with_name(f".{path.name}.db")
    try:
        write_backup(context.ref.db_path, context.data_key, tmp)
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(
                "pack.json",
                json.dumps(
                    {"format": PACK_FORMAT, "version": PACK_VERSION, "data_key": context.data_key.hex()}
                ),
            )
            archive.write(tmp, "profile.db")
            for number in checkpoints(context.ref):
                archive.write(checkpoint_path(context.ref, number), f"checkpoints/exercise-{number}.kdb")
            for exercise in sorted(exercises_dir.glob("*.json")):
                archive.write(exercise, f"exercises/{exercise.name}")
    finally:
        tmp.unlink(missing_ok=True)
    atomic_write_bytes(path, buffer.getvalue())
    return path


def import_pack(profiles: ProfileService, path: Path, exercises_target: Path | None = None) -> ProfileContext:
    """Install a workshop pack as this PC's practice profile (replacing the previous one)."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise ProfileError("trainer.pack_unreadable", file=path.name) from exc
    with archive:
        try:
            meta: dict[str, Any] = json.loads(archive.read("pack.json"))
            if meta.get("format") != PACK_FORMAT:
                raise ProfileError("trainer.not_pack", file=path.name)
            if int(meta["version"]) > PACK_VERSION:
                raise ProfileError("trainer.pack_newer_version", file=path.name)
            key = bytes.fromhex(meta["data_key"])
            database = archive.read("profile.db")
        except (KeyError, ValueError) as exc:
            raise ProfileError("trainer.pack_damaged", file=path.name) from exc
        old = find_practice(profiles)
        if old is not None:
            profiles.store.delete(old)
        context = profiles.create_practice_profile(PRACTICE_PROFILE_NAME, PRACTICE_SCHOOL_DISTRICT).context
        ref = context.ref
        context.close()
        profiles.store.set_practice_database(ref, database, key)
        for name in archive.namelist():
            if name.startswith("checkpoints/exercise-") and name.endswith(".kdb"):
                target = ref.folder / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(name))
            elif name.startswith("exercises/") and name.endswith(".json") and exercises_target is not None:
                exercises_target.mkdir(parents=True, exist_ok=True)
                (exercises_target / Path(name).name).write_bytes(archive.read(name))
    return profiles.open_practice(ref)


# ----- workshop records --------------------------------------------------------------------------
@dataclass(frozen=True)
class Workshop:
    """One workshop a trainer ran (counts only: no participant names)."""

    held_on: dt.date
    place: str
    kind: str
    participants: int
    exercises_completed: tuple[str, ...] = ()


class WorkshopLog:
    """The trainer's workshop records, a JSON file in the data folder (kept across resets)."""

    def __init__(self, path: Path) -> None:
        self._path = path

    def list(self) -> list[Workshop]:
        """Every record, oldest first."""
        if not self._path.exists():
            return []
        try:
            raw = json.loads(self._path.read_text(encoding="utf-8"))
            return [
                Workshop(
                    dt.date.fromisoformat(w["held_on"]),
                    w["place"],
                    w["kind"],
                    int(w["participants"]),
                    tuple(w.get("exercises_completed", ())),
                )
                for w in raw["workshops"]
            ]
        except (ValueError, KeyError, TypeError) as exc:
            raise ProfileError("workshop.log_damaged", path=self._path) from exc

    def add(self, workshop: Workshop) -> Workshop:
        """Validate and append a record."""
        if not trim(workshop.place):
            raise ValidationError("場所", "field.empty")
        if workshop.kind not in WORKSHOP_KINDS:
            raise ValidationError("種類", "workshop.bad_kind", kinds="、".join(WORKSHOP_KINDS))
        if not 1 <= workshop.participants <= 1000:
            raise ValidationError("参加者数", "workshop.bad_participants")
        records = [*self.list(), workshop]
        doc = {
            "workshops": [
                dict(
                    asdict(w), held_on=w.held_on.isoformat(), exercises_completed=list(w.exercises_completed)
                )
                for w in records
            ]
        }
        self._path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(self._path, json.dumps(doc, ensure_ascii=False, indent=2))
        return workshop

    def yearly_totals(self, kind: str | None = None) -> dict[int, int]:
        """Participants per fiscal year (of one kind, or all)."""
        totals: dict[int, int] = {}
        for w in self.list():
            if kind is None or w.kind == kind:
                year = fiscal_year(w.held_on)
                totals[year] = totals.get(year, 0) + w.participants
        return totals

    def senior_total(self) -> int:
        """Cumulative participants of senior workshops: the figure beside the plan's KPI."""
        return sum(self.yearly_totals(SENIOR_KIND).values())

    def export_csv(self, path: Path) -> str:
        """Excel-friendly CSV; returns the encoding used."""
        rows = [
            [
                w.held_on.isoformat(),
                fiscal_year(w.held_on),
                w.place,
                w.kind,
                w.participants,
                "・".join(w.exercises_completed),
            ]
            for w in self.list()
        ]
        data, encoding = encode_excel_csv(["日付", "年度", "場所", "種類", "参加者数", "完了した演習"], rows)
        atomic_write_bytes(path, data)
        return encoding
