"""Circular commands: new-circular, list-circulars, show-circular, add-to-circular and export-pdf."""

from __future__ import annotations

import argparse
import gc
from pathlib import Path
from typing import TYPE_CHECKING

from circular_app.app import App, ProfileServices
from circular_app.cli.common import EXIT_OK, Command, UsageError, han_ids, logged_in, out, out_all, parse_date
from circular_app.domain.calendar import wareki
from circular_app.domain.circulars import Category, CircularDraft, Status, Urgency
from circular_app.domain.errors import NotFoundError, ValidationError

if TYPE_CHECKING:
    from circular_app.services.render_workers import WarmPool


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the circular commands to the command-line grammar."""
    p = sub.add_parser("new-circular", help="create a circular (a draft unless --publish); prints its number")
    p.add_argument("--title", required=True)
    p.add_argument("--body-file", required=True, help="UTF-8 text in the circular Markdown subset")
    p.add_argument(
        "--category",
        default="notice",
        help="お知らせ, 行事, 清掃・当番, 総会・役員会, 防災・防犯, 募集, その他",
    )
    p.add_argument("--han", help="target 班, e.g. 1,3 (default: every 班)")
    p.add_argument("--due", help="回覧期限 YYYY-MM-DD (default: 14 days)")
    p.add_argument("--urgent", action="store_true", help="至急")
    p.add_argument("--publish", action="store_true")
    p.add_argument("--form", help="a form to answer (出欠, アンケート, 総会): TOML file, see docs/answers.md")
    p.add_argument(
        "--form-template",
        help="a bundled form instead: 総会の出欠と委任状, 行事の参加申込, アンケート, 役員選出 (the start is enough)",
    )

    p = sub.add_parser("list-circulars", help="list circulars as a table")
    p.add_argument("--status", choices=[s.value for s in Status])
    p.add_argument("--year", type=int, help="fiscal year (April–March), e.g. 2026")
    p.add_argument("--search", default="", help="words in the title or body")

    p = sub.add_parser("show-circular", help="print one circular as text")
    p.add_argument("number", type=int, help="回覧No. (or the draft id with --draft)")
    p.add_argument("--year", type=int, help="fiscal year of the number (default: this one)")
    p.add_argument("--draft", action="store_true", help="NUMBER is a draft id")

    p = sub.add_parser(
        "add-to-circular",
        help="この回覧にも加える: give households added later a circular still in circulation "
        "(placed at the end of their 班's route on it; nothing recorded changes)",
    )
    p.add_argument("number", type=int, help="回覧No. (this fiscal year unless --year)")
    p.add_argument("--year", type=int, help="fiscal year of the number (default: this one)")
    p.add_argument(
        "--household",
        nargs="+",
        required=True,
        metavar="ID",
        help="households (the ID column of export-roster)",
    )

    p = sub.add_parser(
        "export-pdf",
        help="paper copies (PDF): 班 copies with the 回覧表, individual copies, poster; or invitation slips",
    )
    p.add_argument("--circular", type=int, help="回覧No. (this fiscal year unless --year)")
    p.add_argument(
        "--invitations",
        action="store_true",
        help="invitation slips with a personal reader-link QR code for paper households (no --circular)",
    )
    p.add_argument("--year", type=int, help="fiscal year of the number (default: this one)")
    p.add_argument("--han", help="班 copies: all, or e.g. 3,5 (the default when no other copy is asked for)")
    p.add_argument("--individual", action="store_true", help="one copy per paper household")
    p.add_argument("--household", help="only this household's copy (the ID column of export-roster)")
    p.add_argument("--large-print", action="store_true", help="every copy in large print")
    p.add_argument("--large-print-scale", type=int, choices=(150, 200), default=150, help="percent")
    p.add_argument(
        "--furigana",
        action="store_true",
        help="furigana over the kanji of the large-print copies (with the profile's reading list)",
    )
    p.add_argument("--size", type=str.upper, choices=("A4", "B4", "A3"), default="A4")
    p.add_argument("--poster", action="store_true", help="a notice-board poster (A3, or B4 with --size B4)")
    p.add_argument("--combined", action="store_true", help="every copy in one PDF")
    p.add_argument(
        "--answer-slips",
        choices=("slips", "column"),
        default="slips",
        help="a circular with questions: 班 copies get a slip per household (default) or an answer column",
    )
    p.add_argument("--out", required=True, help="output folder")


def _cmd_new_circular(app: App, args: argparse.Namespace) -> int:
    body_path = Path(args.body_file)
    try:
        body = body_path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise NotFoundError("file.unreadable", path=body_path, reason=exc.strerror) from exc
    except UnicodeDecodeError as exc:
        raise ValidationError(str(body_path), "file.utf8_required") from exc
    if args.form and args.form_template:
        raise UsageError("cli.form_and_template")
    with logged_in(app, args) as services:
        form = None
        if args.form:
            form = services.answers.read_form_file(Path(args.form))
        elif args.form_template:
            form = services.answers.template(args.form_template)
        draft = CircularDraft(
            title=args.title,
            body=body,
            category=Category.parse(args.category),
            sender_name=services.context.officer.display_name,
            target_han_ids=han_ids(services, args.han),
            due_date=parse_date(args.due, "--due") if args.due else None,
            urgency=Urgency.URGENT if args.urgent else Urgency.NORMAL,
        )
        circular = services.circulars.new_draft(draft)
        if form is not None:
            services.answers.attach_form(circular.id, form)
            out(f"回答の様式を付けました（{len(form.questions)}問）")
        if args.publish:
            circular = services.circulars.publish(circular.id)
            out(f"{circular.label}（{circular.fiscal_year}年度）を発行しました: {circular.title}")
            out(str(circular.number))
        else:
            out(f"下書きを保存しました（下書き番号 {circular.id}）: {circular.title}")
    return EXIT_OK


def _cmd_list_circulars(app: App, args: argparse.Namespace) -> int:
    with logged_in(app, args) as services:
        rows = services.circulars.list_circulars(
            Status(args.status) if args.status else None, args.year, None, args.search
        )
        out("回覧No\t年度\t状態\t分類\t発行日\t期限\t件名")
        for c in rows:
            number = str(c.number) if c.number is not None else f"(下書き{c.id})"
            mark = "【訂正】" if c.corrected else ""
            out(
                f"{number}\t{c.fiscal_year or ''}\t{c.status.label_ja}\t{c.category.label_ja}\t"
                f"{wareki(c.issue_date, weekday=True)}\t{wareki(c.due_date, weekday=True)}\t{mark}{c.title}"
            )
        out(f"{len(rows)}件")
    return EXIT_OK


def _cmd_show_circular(app: App, args: argparse.Namespace) -> int:
    # Services are imported by the command that uses them: the GUI start parses this grammar.
    from circular_app.services.text_output import format_circular_text

    with logged_in(app, args) as services:
        circulars = services.circulars
        c = circulars.get(args.number) if args.draft else circulars.by_number(args.number, args.year)
        hans = {h.id: h.name for h in services.roster.list_hans()}
        out(
            format_circular_text(c, [hans.get(i, str(i)) for i in c.target_han_ids], circulars.versions(c.id))
        )
    return EXIT_OK


def _cmd_add_to_circular(app: App, args: argparse.Namespace) -> int:
    from circular_app.services.pdf_export import household_by_public_id

    with logged_in(app, args) as services:
        circular = services.circulars.by_number(args.number, args.year)
        ids = [household_by_public_id(services.roster, public_id) for public_id in args.household]
        added = services.circulars.add_recipients(circular.id, ids)
    out(f"{circular.label}に {added} 世帯を加えました（{len(ids) - added} 世帯は既に対象でした）")
    return EXIT_OK


def offer_lines(services: ProfileServices, household_ids: list[int]) -> list[str]:
    """「この回覧にも加える」 hints after households were added: nothing is added silently."""
    offers = services.circulars.offers_for(household_ids)
    if not offers:
        return []
    public = {h.id: h.public_id for h in services.roster.list_households()}
    lines = ["回覧中の回覧には、新しい世帯は自動では加わりません。加えるには:"]
    for offer in offers:
        ids = " ".join(public[i] for i in offer.household_ids)
        lines.append(
            f"  {offer.circular.label}「{offer.circular.title}」 {len(offer.household_ids)} 世帯: "
            f"add-to-circular {offer.circular.number} --year {offer.circular.fiscal_year} --household {ids}"
        )
    return lines


def _cmd_export_pdf(app: App, args: argparse.Namespace) -> int:
    if args.invitations:
        return _export_invitations(app, args)
    if args.circular is None:
        raise UsageError("cli.circular_required")
    # Copies that may make many files: the render workers start now, before the log-in, and
    # get ready (reportlab, the fonts) on the idle core meanwhile (services/render_workers).
    pool = None
    if args.household is None and not (args.combined or args.poster):
        from circular_app.services.render_workers import start_render_workers

        pool = start_render_workers(app.paths.fonts)
    # A batch process: its imports and log-in make many objects and few cycles, so nothing is
    # collected until it ends (the render workers collect as usual). About 0.1 s.
    gc.disable()
    try:
        lines = _export_pdf(app, args, pool)
    finally:
        gc.enable()
        if pool is not None:
            pool.close()
    return out_all(lines)


def _export_pdf(app: App, args: argparse.Namespace, pool: WarmPool | None) -> list[str]:
    from circular_app.services.pdf_export import export_pdf_command

    with logged_in(app, args) as services:
        return export_pdf_command(
            services,
            services.context.ref.name,
            app.paths.fonts,
            circular=args.circular,
            year=args.year,
            han=args.han,
            individual=args.individual,
            household=args.household,
            large_print=args.large_print,
            large_print_scale=args.large_print_scale,
            size=args.size,
            poster=args.poster,
            combined=args.combined,
            answer_slips=args.answer_slips,
            furigana=args.furigana,
            out=Path(args.out),
            pool=pool,
        )


def _export_invitations(app: App, args: argparse.Namespace) -> int:
    other = [
        flag
        for flag, value in (
            ("--circular", args.circular is not None),
            ("--year", args.year is not None),
            ("--individual", args.individual),
            ("--large-print", args.large_print),
            ("--size", args.size != "A4"),
            ("--poster", args.poster),
            ("--combined", args.combined),
        )
        if value
    ]
    if other:
        raise UsageError("cli.invitations_conflict", flags="・".join(other))
    from circular_app.services.invitations import invitations_command

    with logged_in(app, args) as services:
        lines = invitations_command(
            services,
            services.context.ref.name,
            app.paths.fonts,
            out=Path(args.out),
            practice=services.context.ref.kind == "practice",
            han=args.han,
            household=args.household,
        )
    return out_all(lines)


COMMANDS: dict[str, Command] = {
    "new-circular": _cmd_new_circular,
    "list-circulars": _cmd_list_circulars,
    "show-circular": _cmd_show_circular,
    "add-to-circular": _cmd_add_to_circular,
    "export-pdf": _cmd_export_pdf,
}
