"""``hub`` commands for the adoption KPI and the registry (issue 11); see :mod:`circular_app.hub.cli.commands`.

Output for people is Japanese; ``hub kpi --format csv`` is the Excel-friendly file (CP932
when every character allows it, else UTF-8 with a BOM; CRLF), ``--format json`` the same
object as ``GET /api/v1/city/kpi``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from circular_app.domain.csv_bytes import encode_excel_csv
from circular_app.domain.errors import CsvImportError, NotFoundError, UserError, ValidationError
from circular_app.hub.services.city import CityService
from circular_app.hub.services.kpi import CSV_HEADERS, KpiService, rows_for_csv
from circular_app.hub.services.kpi_values import KpiTable
from circular_app.hub.services.registry import Registry
from circular_app.hub.services.reports import MAX_FILE_BYTES, ReportImporter
from circular_app.hub.settings import HubSettings
from circular_app.hub.storage.database import Sessions

NEW_PASSWORD_ENV = "HUB_NEW_PASSWORD"
_UNSAFE_FILENAME = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')


def run(args: argparse.Namespace, sessions: Sessions, settings: HubSettings) -> None:
    """Dispatch one of the KPI commands (UserError on bad input)."""
    command = args.hub_command
    kpi = KpiService(sessions)
    if command == "import-registry":
        _import_registry(CityService(sessions), Path(args.file))
    elif command == "enrollment-letters":
        _letters(args, Registry(sessions), settings)
    elif command == "import-report":
        _import_report(ReportImporter(sessions), Path(args.file))
    elif command == "declare-app":
        _declare(args, kpi)
    elif command == "set-kpi-rule":
        rule, target = kpi.set_rule(args.rule, args.target)
        print(f"KPI の数え方: {rule.value}（{rule.label_ja}）　目標 {target}校下")
    elif command == "add-survey":
        try:
            date = dt.date.fromisoformat(args.date.strip())
        except ValueError:
            raise ValidationError("--date", "YYYY-MM-DD の形で書いてください") from None
        survey = kpi.add_survey(date, args.value, args.note)
        note = f"（{survey.note}）" if survey.note else ""
        print(f"調査値を記録しました: {survey.date.isoformat()} {survey.value}校下{note}［調査］")
    elif command == "kpi":
        _kpi(args, kpi)
    elif command == "add-city-user":
        _add_city_user(args, CityService(sessions))
    else:  # pragma: no cover - argparse only allows the commands above
        raise UserError(f"unknown command {command}")


def _read(path: Path, limit: int) -> bytes:
    size = path.stat().st_size
    if size > limit:
        raise ValidationError(path.name, f"ファイルが大きすぎます（{size:,}バイト）")
    return path.read_bytes()


def _import_registry(city: CityService, path: Path) -> None:
    try:
        done = city.import_registry(_read(path, 2 * 1024 * 1024), path.name)
    except CsvImportError as exc:
        lines = "\n".join(f"  {problem.describe()}" for problem in exc.problems)
        raise UserError(
            f"{path.name}: {len(exc.problems)}件の問題があり、何も取り込みませんでした\n{lines}"
        ) from None
    print(
        f"取り込みました: 校下 {done.added_school_districts}件・町会 {done.added_associations}件を追加"
        f"（登録済みで変更なし {done.unchanged}件）"
    )
    if done.added_associations:
        print("登録コードは `hub enrollment-letters --out フォルダ` で案内状と一緒に作ります")


def _safe_filename(text: str) -> str:
    return _UNSAFE_FILENAME.sub("_", text).strip(" .") or "町会"


def _letters(args: argparse.Namespace, registry: Registry, settings: HubSettings) -> None:
    from circular_app.pdf.letters import EnrollmentLetter, render_enrollment_letter

    base = args.base_url.strip().rstrip("/")
    if not re.match(r"^https?://[^\s/?#]+(/[^\s?#]*)?$", base):
        raise ValidationError("--base-url", "http:// または https:// で始まるアドレスを指定してください")
    everyone = registry.list_associations()
    district = args.school_district.strip() if args.school_district else None
    if district is not None and not any(a.school_district == district for a in everyone):
        raise NotFoundError("hub.district_unknown", name=district)
    chosen = [
        a
        for a in everyone
        if not a.revoked
        and (district is None or a.school_district == district)
        and (args.all or not (a.enrolled or a.offline))
    ]
    if not chosen:
        print("案内状を作る町会はありません（接続済みの町会の分も作るには --all）")
        return
    out = Path(args.out).expanduser()
    out.mkdir(parents=True, exist_ok=True)
    font_dir = settings.resources / "fonts"
    missing: set[str] = set()
    today = dt.date.today()
    for index, association in enumerate(chosen, start=1):
        issued = registry.new_code(association.name)
        letter = EnrollmentLetter(
            association=issued.name,
            school_district=issued.school_district,
            code=issued.code,
            enroll_url=f"{base}/enroll?code={issued.code}",
            hub_url=base,
            expires_on=issued.code_expires_at.date(),
            issued_on=today,
        )
        name = _safe_filename(f"{index:04d}_{issued.school_district}_{issued.name}") + ".pdf"
        missing |= render_enrollment_letter(out / name, letter, font_dir)
    print(f"{len(chosen)}通の案内状（登録コード入り）を {out} に作りました。以前のコードも期限まで使えます")
    if missing:
        print(f"注意: 次の文字は印刷できませんでした: {''.join(sorted(missing))}", file=sys.stderr)


def _import_report(importer: ReportImporter, path: Path) -> None:
    done = importer.import_bytes(_read(path, MAX_FILE_BYTES), path.name)
    print(
        f"取り込みました: {done.association}（{done.school_district}） {done.month}"
        f"　世帯 {done.households_total}・デジタル {done.households_digital}"
    )
    if done.first_file:
        print(
            "初回のファイルです: 登録コードで鍵を確認し、オフライン登録しました（コードは使用済みになりました）"
        )
    if done.replaced:
        print("同じ月の以前の報告を、この報告に置き換えました")
    if done.kept_newer:
        print("同じ月のより新しい報告があるため、集計にはそちらを使います")
    if done.names_differ:
        print("注意: ファイルに書かれた町会名・校下は登録と違います（登録の町会として集計します）")


def _declare(args: argparse.Namespace, kpi: KpiService) -> None:
    if args.remove:
        kpi.withdraw_app(args.association)
        print(f"町会「{args.association.strip()}」のアプリの申告を取り消しました")
        return
    if not args.app or not args.since:
        raise ValidationError("declare-app", "--app と --since（YYYY-MM）を指定してください")
    declared = kpi.declare_app(args.association, args.app, args.since, args.households)
    households = f"、{declared.households}世帯" if declared.households is not None else ""
    print(
        f"町会「{args.association.strip()}」: {declared.app}（{declared.since}〜{households}）を"
        "「申告」として記録しました"
    )


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    space = " " * max(0, width - _width(text))
    return space + text if right else text + space


def format_table(table: KpiTable) -> str:
    """The plain-text table of ``hub kpi``."""
    header = [*CSV_HEADERS, "導入月", "状況"]
    body: list[list[str]] = [
        [str(cell) for cell in cells] + [row.adopted_since or "—", row.status]
        for cells, row in zip(rows_for_csv(table), table.rows, strict=True)
    ]
    widths = [max(_width(r[i]) for r in [header, *body]) for i in range(len(header) - 1)]
    lines = [
        f"結ネット等の地域活動発信アプリ導入数（累計・校下単位） {table.fiscal_year}年度（{table.as_of} まで）",
        f"数え方: {table.rule.value}（{table.rule.label_ja}）",
        "",
        _line(header, widths),
    ]
    lines.extend(_line(cells, widths) for cells in body)
    if not body:
        lines.append("（校下が登録されていません）")
    lines.append("")
    for survey in table.surveys:
        note = f"（{survey.note}）" if survey.note else ""
        lines.append(f"［調査］{survey.date.isoformat()}: {survey.value}校下{note}")
    lines.append(table.summary_ja)
    return "\n".join(lines) + "\n"


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    numeric = range(1, 7)  # the counts and 申告世帯数; 備考 and the rest read left to right
    padded = [_pad(c, widths[i], right=i in numeric) for i, c in enumerate(cells[:-1])]
    return "  ".join([*padded, cells[-1]]).rstrip()


def kpi_csv(table: KpiTable) -> tuple[bytes, str]:
    """``hub kpi --format csv``: the exact headers, a row per 校下, surveys, then the count line."""
    rows: list[list[object]] = list(rows_for_csv(table))
    for survey in table.surveys:
        note = f"（{survey.note}）" if survey.note else ""
        rows.append([f"［調査］{survey.date.isoformat()}: {survey.value}校下{note}"])
    rows.append([table.summary_ja])
    return encode_excel_csv(CSV_HEADERS, rows)


def _kpi(args: argparse.Namespace, kpi: KpiService) -> None:
    table = kpi.table(args.fiscal_year)
    if args.format == "csv":
        data, _encoding = kpi_csv(table)
    elif args.format == "json":
        data = (json.dumps(table.to_json(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    else:
        data = format_table(table).encode("utf-8")
    if args.out:
        path = Path(args.out).expanduser()
        temporary = path.with_name(path.name + ".part")
        temporary.write_bytes(data)
        temporary.replace(path)
        print(f"{path} に書き出しました（{table.summary_ja}）")
    elif args.format == "table":
        print(format_table(table), end="")
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()


def _add_city_user(args: argparse.Namespace, city: CityService) -> None:
    given = os.environ.get(NEW_PASSWORD_ENV) or None
    password = city.add_user(args.name, given)
    if given is None:
        print(f"市職員「{args.name.strip()}」を作りました。初回パスワード: {password}")
        print("このパスワードは今だけ表示されます。本人に伝え、ログイン後は大切に保管してください")
    else:
        print(f"市職員「{args.name.strip()}」を作りました（パスワードは {NEW_PASSWORD_ENV} の値です）")
