"""Autosave of a draft with two 8 MB PDF attachments, beside the same draft without attachments.

What the officer waits for while typing: the circular editor saves the draft one second after
the last change and at least every two seconds. Measured:

- **editor save** — ``CircularEditor.save_now()`` after a change to the body, on the GUI thread,
  including the event-loop pass that follows (the ``circular_saved`` signal and the status
  label); the goal is under 20 ms with the two attachments;
- **service save** — ``CircularService.save_draft`` alone (validation, the encrypted profile's
  transaction and reading the circular back);
- the same two without attachments: the floor (the ratio shows what the attachments cost).

The two PDFs are real one-page PDFs of 8 MB each (random bytes embedded as a file, so they do
not compress), attached through ``CircularService.attach`` untimed.

Usage: ``.venv/bin/python benchmarks/autosave.py [--runs 7] [--json]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from _common import Sample, offscreen_qapp, print_table, sample, timed, verdict

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from circular_app.app import App, ProfileServices
from circular_app.domain.circulars import Circular, CircularDraft
from circular_app.storage.keyfile import KdfParams

GOAL_S = 0.020
PDF_BYTES = 8 * 1024 * 1024
KDF = KdfParams(n=2**14)  # the key derivation is not what is measured


def big_pdf(size: int) -> bytes:
    """A valid one-page PDF of about ``size`` bytes (random bytes embedded as a file)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_attachment("padding.bin", os.urandom(size))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _draft(services: ProfileServices, title: str) -> CircularDraft:
    today = dt.date.today()
    return CircularDraft(
        title=title,
        body="町内一斉清掃を行います。軍手とほうきをお持ちください。\n" * 20,
        sender_title="会長",
        sender_name="見本 会長",
        issue_date=today,
        due_date=today + dt.timedelta(days=14),
    )


def _circular(services: ProfileServices, folder: Path, attachments: int) -> Circular:
    created = services.circulars.new_draft(_draft(services, f"添付{attachments}件の下書き"))
    for n in range(attachments):
        path = folder / f"資料{n + 1}.pdf"
        path.write_bytes(big_pdf(PDF_BYTES))
        created = services.circulars.attach(created.id, path)
    return created


def bench_service(services: ProfileServices, circular: Circular, runs: int) -> Sample:
    """``save_draft`` with a body that changes every time."""
    counter = [0]
    base = circular.as_draft()

    def once() -> float:
        counter[0] += 1
        draft = replace(base, body=f"{base.body}{counter[0]}")
        return timed(lambda: services.circulars.save_draft(circular.id, draft))

    return sample(once, runs)


def bench_editor(services: ProfileServices, circular: Circular, runs: int) -> Sample:
    """``CircularEditor.save_now()`` after a change, plus the event-loop pass after it."""
    from circular_app.ui.compose.editor import CircularEditor

    editor = CircularEditor(services.circulars, services.roster.list_hans(), circular=circular)
    editor.show()
    QApplication.processEvents()
    counter = [0]

    def once() -> float:
        counter[0] += 1
        editor.title_edit.setText(f"{circular.title}（{counter[0]}）")  # marks the draft dirty
        editor._stop_autosave()  # the timers must not save before the timed call

        def save() -> None:
            editor.save_now()
            QApplication.processEvents()

        return timed(save)

    try:
        return sample(once, runs)
    finally:
        editor.close()


def main(argv: list[str] | None = None) -> int:
    """Measure and print the table (or one JSON object); exit 1 with --fail-on-miss on a miss."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each measurement (median)")
    parser.add_argument("--json", action="store_true", help="print one JSON object of the figures")
    parser.add_argument("--fail-on-miss", action="store_true", help="exit 1 when a goal is missed")
    args = parser.parse_args(argv)
    if args.runs < 5:
        parser.error("--runs must be at least 5 for a meaningful median")
    out = sys.stderr if args.json else sys.stdout
    _qapp: Any = offscreen_qapp()  # alive until the end
    with tempfile.TemporaryDirectory(prefix="kairan-bench-") as tmp:
        app = App.build(Path(tmp) / "data", kdf=KDF)
        created = app.profiles.create_profile("ベンチ町会", "ベンチ校下", "kaichou", "bench-password-1")
        services = app.services_for(created.context)
        try:
            print("attaching two 8 MB PDFs…", file=out)
            plain = _circular(services, Path(tmp), 0)
            heavy = _circular(services, Path(tmp), 2)
            results = {
                "editor_save_s": bench_editor(services, heavy, args.runs),
                "editor_save_plain_s": bench_editor(services, plain, args.runs),
                "service_save_s": bench_service(services, heavy, args.runs),
                "service_save_plain_s": bench_service(services, plain, args.runs),
            }
        finally:
            services.context.close()
    editor = results["editor_save_s"].median
    met = editor < GOAL_S
    goal_text = f"autosave with two 8 MB PDFs < {GOAL_S * 1000:.0f} ms on the GUI thread"
    if args.json:
        figures: dict[str, object] = {k: round(s.median, 5) for k, s in results.items()}
        figures.update(
            editor_save_ratio=round(editor / results["editor_save_plain_s"].median, 2),
            date=dt.date.today().isoformat(),
            runs=args.runs,
            attachment_mb=round(PDF_BYTES / 1048576),
            goals={goal_text: met},
        )
        print(json.dumps(figures, ensure_ascii=False))
    else:
        labels = {
            "editor_save_s": "CircularEditor.save_now, two 8 MB PDFs (+ events)",
            "editor_save_plain_s": "CircularEditor.save_now, no attachment (+ events)",
            "service_save_s": "CircularService.save_draft, two 8 MB PDFs",
            "service_save_plain_s": "CircularService.save_draft, no attachment",
        }
        print_table(
            f"Autosave of a draft, median of {args.runs}",
            ["", "median", "range"],
            [[labels[k], f"{s.median * 1000:.1f} ms", s.spread] for k, s in results.items()],
        )
        print(f"  goal {goal_text}: {editor * 1000:.1f} ms {verdict(met)}")
    return 0 if met or not args.fail_on_miss else 1


if __name__ == "__main__":
    sys.exit(main())
