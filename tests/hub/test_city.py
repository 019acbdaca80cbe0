"""City staff (市職員): login, KPI and registry endpoints, and no way to content or households."""

from __future__ import annotations

import argparse
import json
import re
import urllib.parse
from collections.abc import Callable
from pathlib import Path

import httpx
import pypdf
import pytest
from sqlalchemy import select

from circular_app.hub.cli.commands import add_hub_parser, run_hub_command
from circular_app.hub.storage.models import ActionPlanEditionRow, AssociationRow, CityUserRow
from circular_app.paths import bundle_root
from circular_app.sync.client import HubAuthError, HubClient
from tests.hub.support import (
    Association,
    RunningHub,
    bearer,
    city_login,
    confirm,
    enrolled,
    household_with_circular,
    unique,
)

NewAssociation = Callable[..., Association]
PLAN = bundle_root() / "resources" / "action_plan" / "kanazawa-region-2023.json"


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir")
    add_hub_parser(parser.add_subparsers(dest="command"))
    return run_hub_command(parser.parse_args(argv))


def _q(name: str) -> str:
    return urllib.parse.quote(name, safe="")


def test_login_hashes_with_scrypt_and_refuses_a_wrong_password(hub: RunningHub) -> None:
    """The password is stored as scrypt; a wrong one (or an unknown user) is 401."""
    username = unique("city")
    hub.app.services.city.add_user(username, "correct horse battery")
    with hub.app.services.sessions.read() as session:
        stored = session.scalar(select(CityUserRow.password_hash).where(CityUserRow.username == username))
    assert stored is not None and stored.startswith("scrypt$") and "correct" not in stored
    url = f"{hub.base_url}/api/v1/city/login"
    assert httpx.post(url, json={"username": username, "password": "wrong password"}).status_code == 401
    assert httpx.post(url, json={"username": unique("nobody"), "password": "x" * 12}).status_code == 401
    answer = httpx.post(url, json={"username": username, "password": "correct horse battery"})
    assert answer.status_code == 200 and answer.json()["role"] == "市職員"


def test_city_user_reads_kpi_and_drill_down(hub: RunningHub) -> None:
    """GET kpi and a 校下's associations: figures only, no circular text, no household."""
    district = unique("市街校下")
    association = enrolled(hub, district)
    try:
        household, circular_key = household_with_circular(association, title="秘密の回覧タイトル")
        confirm(hub, household, circular_key)
    finally:
        association.client.close()
    token = city_login(hub)
    kpi = httpx.get(f"{hub.base_url}/api/v1/city/kpi", headers=bearer(token))
    assert kpi.status_code == 200
    doc = kpi.json()
    assert doc["target"] == 30 and doc["rule"] == "published_and_confirmed"
    (row,) = [r for r in doc["rows"] if r["school_district"] == district]
    assert row["adopted_since"] is not None and row["adopting_associations"] == 1
    assert doc["adopting_school_districts"] == sum(1 for r in doc["rows"] if r["adopted_since"])
    assert doc["series"][-1]["adopting"] == doc["adopting_school_districts"]
    detail = httpx.get(f"{hub.base_url}/api/v1/city/school-districts/{_q(district)}", headers=bearer(token))
    assert detail.status_code == 200
    (figures,) = detail.json()["associations"]
    assert figures["name"] == association.name and figures["adopted"] and figures["declared_app"] is None
    assert set(figures) == {
        "name",
        "adopted",
        "adopted_since",
        "households",
        "digital_households",
        "last_report_month",
        "declared_app",
        "enrolled",
        "revoked",
        "status",
    }
    for text in (kpi.text, detail.text):
        assert "秘密の回覧タイトル" not in text and household.key not in text and circular_key not in text
    missing = httpx.get(
        f"{hub.base_url}/api/v1/city/school-districts/{_q(unique('無い校下'))}", headers=bearer(token)
    )
    assert missing.status_code == 404


def test_city_token_opens_no_content_household_or_reader_endpoint(hub: RunningHub) -> None:
    """Every association and reader endpoint refuses a city token (401/403/404), and vice versa."""
    association = enrolled(hub, unique("境界校下"))
    try:
        household, circular_key = household_with_circular(association)
        token = city_login(hub)
        city = bearer(token)
        base = hub.base_url
        refused = [
            httpx.get(f"{base}/api/v1/confirmations", headers=city),
            httpx.post(f"{base}/api/v1/sync", json={"items": []}, headers=city),
            httpx.get(f"{base}/api/v1/action-plan", headers=city),
            httpx.get(f"{base}/r/{token}", headers=city),
            httpx.get(f"{base}/r/{household.token}/c/{circular_key}/x", headers=city),
            httpx.get(f"{base}/api/v1/city/associations/{_q(association.name)}/circulars", headers=city),
            httpx.get(f"{base}/api/v1/city/associations/{_q(association.name)}/households", headers=city),
            httpx.get(f"{base}/api/v1/city/circulars/{circular_key}", headers=city),
            httpx.get(f"{base}/api/v1/city/households", headers=city),
        ]
        assert [r.status_code for r in refused if r.status_code not in (401, 403, 404, 405)] == []
        # The association's token does not open the city's routes either.
        association_auth = bearer(association.client.token or "")
        assert httpx.get(f"{base}/api/v1/city/kpi", headers=association_auth).status_code == 401
        assert httpx.get(f"{base}/api/v1/city/kpi").status_code == 401
        # The city schema has no route that could return content.
        schema = httpx.get(f"{base}/api/v1/city/openapi.json").json()
        assert set(schema["paths"]) == {
            "/api/v1/city/login",
            "/api/v1/city/kpi",
            "/api/v1/city/school-districts/{name}",
            "/api/v1/city/registry/import",
            "/api/v1/city/associations/{name}/revoke",
            "/api/v1/city/associations/{name}/declared-app",
            "/api/v1/city/action-plan",
            "/api/v1/action-plan",
        }
    finally:
        association.client.close()


def test_registry_import_is_all_or_nothing_with_every_bad_line(hub: RunningHub) -> None:
    """A CSV with bad lines adds nothing and names each line; a good CP932 one is imported once."""
    token = city_login(hub)
    district, elsewhere = unique("一括校下"), unique("別校下")
    taken = hub.app.services.registry.add_association(unique("既存町会"), elsewhere).name
    good, twin = unique("一括町会"), unique("重複町会")
    bad = (
        f"校下,町会名\n{district},{good}\n,{unique('校下なし町会')}\n{district},\n"
        f"{district},{twin}\n{district},{twin}\n{district},{taken}\n"
    ).encode()
    url = f"{hub.base_url}/api/v1/city/registry/import"
    headers = {**bearer(token), "content-type": "text/csv"}
    answer = httpx.post(url, content=bad, headers=headers)
    assert answer.status_code == 422
    problems = answer.json()["problems"]
    assert [(p["line"], p["column"]) for p in problems] == [(3, "校下"), (4, "町会名"), (6, "町会名")]
    assert "5行目" in problems[2]["reason"]
    # The line registered in another 校下 is named too, once the file itself is clean.
    answer = httpx.post(
        url, content=f"校下,町会名\n{district},{good}\n{district},{taken}\n".encode(), headers=headers
    )
    assert answer.status_code == 422 and [p["line"] for p in answer.json()["problems"]] == [3]
    assert elsewhere in answer.json()["problems"][0]["reason"]
    with hub.app.services.sessions.read() as session:
        assert session.scalar(select(AssociationRow.id).where(AssociationRow.name == good)) is None
    csv_cp932 = f"町会名,校下\r\n{good},{district}\r\n{twin},{district}\r\n".encode("cp932")
    answer = httpx.post(url, content=csv_cp932, headers=headers)
    assert answer.status_code == 200
    assert answer.json() == {"added_school_districts": 1, "added_associations": 2, "unchanged": 0}
    again = httpx.post(url, content=csv_cp932, headers=headers)
    assert again.json() == {"added_school_districts": 0, "added_associations": 0, "unchanged": 2}


def test_registry_of_a_whole_city_fits_the_import_limit(hub: RunningHub) -> None:
    """2,000 associations in UTF-8 (over the 64 KB of ordinary bodies) import in one request."""
    district = unique("大校下")
    names = [f"{unique('大町会')}{i:04d}" for i in range(2000)]
    body = ("校下,町会名\r\n" + "".join(f"{district},{n}\r\n" for n in names)).encode("utf-8")
    assert len(body) > 64 * 1024
    answer = httpx.post(
        f"{hub.base_url}/api/v1/city/registry/import",
        content=body,
        headers={**bearer(city_login(hub)), "content-type": "text/csv"},
        timeout=60,
    )
    assert answer.status_code == 200 and answer.json()["added_associations"] == 2000
    too_big = httpx.post(
        f"{hub.base_url}/api/v1/city/registry/import", content=b"x" * (3 * 1024 * 1024), timeout=60
    )
    assert too_big.status_code == 413


def test_import_registry_cli_names_every_bad_line(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """hub import-registry: exit 2 with each bad line; a good UTF-8 (BOM) file is imported."""
    district = unique("CLI一括校下")
    path = tmp_path / "registry.csv"
    path.write_bytes(f"校下,町会名\n{district},\n{district},\n".encode())
    assert _run(["hub", "import-registry", str(path), "--db", db_url]) == 2
    err = capsys.readouterr().err
    assert "2行目 [町会名]: 空欄です" in err and "3行目 [町会名]: 空欄です" in err
    path.write_bytes(f"\ufeff校下,町会名\n{district},{unique('町会')}\n".encode())
    assert _run(["hub", "import-registry", str(path), "--db", db_url]) == 0
    assert "町会 1件を追加" in capsys.readouterr().out


def test_revoke_through_the_city_api(hub: RunningHub) -> None:
    """POST revoke: the association's token stops working."""
    association = enrolled(hub, unique("取消校下"))
    try:
        token = city_login(hub)
        answer = httpx.post(
            f"{hub.base_url}/api/v1/city/associations/{_q(association.name)}/revoke", headers=bearer(token)
        )
        assert answer.status_code == 200 and answer.json()["revoked"] is True
        with pytest.raises(HubAuthError):
            association.client.confirmations()
        unknown = httpx.post(
            f"{hub.base_url}/api/v1/city/associations/{_q(unique('x'))}/revoke", headers=bearer(token)
        )
        assert unknown.status_code == 404
    finally:
        association.client.close()


def test_declare_through_the_city_api(hub: RunningHub) -> None:
    """PUT declared-app records another app, answered as 申告."""
    name = hub.app.services.registry.add_association(unique("結API町会"), unique("結API校下")).name
    token = city_login(hub)
    url = f"{hub.base_url}/api/v1/city/associations/{_q(name)}/declared-app"
    answer = httpx.put(
        url, json={"app": "結ネット", "since": "2023-04", "households": 90}, headers=bearer(token)
    )
    assert answer.status_code == 200 and answer.json()["label"] == "申告"
    assert (
        httpx.put(url, json={"app": "結ネット", "since": "April"}, headers=bearer(token)).status_code == 422
    )


def test_action_plan_published_by_the_city_reaches_associations(hub: RunningHub) -> None:
    """PUT a newer edition (older/same refused 409, invalid 422); associations GET it with the count."""
    token = city_login(hub)
    with hub.app.services.sessions.read() as session:
        shown = session.scalar(
            select(ActionPlanEditionRow.data_version).order_by(ActionPlanEditionRow.data_version.desc())
        )
    plan = json.loads(PLAN.read_text(encoding="utf-8"))
    plan["data_version"] = published = (shown or plan["data_version"]) + 1
    url = f"{hub.base_url}/api/v1/city/action-plan"
    body = json.dumps(plan, ensure_ascii=False).encode()
    answer = httpx.put(url, content=body, headers={**bearer(token), "content-type": "application/json"})
    assert answer.status_code == 200 and answer.json()["data_version"] == plan["data_version"]
    again = httpx.put(url, content=body, headers=bearer(token))
    assert again.status_code == 409 and again.json()["problem"] == "same_version"
    plan["data_version"] -= 1
    older = httpx.put(url, content=json.dumps(plan).encode(), headers=bearer(token))
    assert older.status_code == 409 and older.json()["problem"] == "older_version"
    plan["data_version"] += 5
    plan["measures"][0]["steps"]["2024"] = "進める"
    invalid = httpx.put(url, content=json.dumps(plan).encode(), headers=bearer(token))
    assert invalid.status_code == 422 and invalid.json()["path"].startswith("measures[0].steps")
    assert httpx.put(url, content=body).status_code == 401
    association = enrolled(hub, unique("計画校下"))
    try:
        fetched = httpx.get(
            f"{hub.base_url}/api/v1/action-plan", headers=bearer(association.client.token or "")
        )
        assert fetched.status_code == 200
        doc = fetched.json()
        assert doc["plan"]["data_version"] == published
        assert doc["adopting_school_districts"] == hub.app.services.kpi.table().adopting_school_districts
    finally:
        association.client.close()


def test_add_city_user_cli(
    hub: RunningHub, db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A printed one-time password, or HUB_NEW_PASSWORD; both log in."""
    monkeypatch.delenv("HUB_NEW_PASSWORD", raising=False)
    first = unique("staff")
    assert _run(["hub", "add-city-user", first, "--db", db_url]) == 0
    password = re.search(r"初回パスワード: (\S+)", capsys.readouterr().out)
    assert password is not None
    login = f"{hub.base_url}/api/v1/city/login"
    assert httpx.post(login, json={"username": first, "password": password.group(1)}).status_code == 200
    second = unique("staff")
    monkeypatch.setenv("HUB_NEW_PASSWORD", "chosen-by-the-admin")
    assert _run(["hub", "add-city-user", second, "--db", db_url]) == 0
    assert "chosen-by-the-admin" not in capsys.readouterr().out
    assert httpx.post(login, json={"username": second, "password": "chosen-by-the-admin"}).status_code == 200
    assert _run(["hub", "add-city-user", second, "--db", db_url]) == 2


def _fonts_embedded(reader: pypdf.PdfReader) -> list[str]:
    """Names of fonts that are not embedded (should be none)."""
    loose = []
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None or "/FontFile2" not in descriptor.get_object():
                loose.append(str(font.get("/BaseFont")))
    return loose


def test_enrollment_letters_pdf(
    hub: RunningHub, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One PDF per association of the 校下: its name and a working code in the text, fonts embedded."""
    district = unique("案内校下")
    names = [
        hub.app.services.registry.add_association(unique(prefix), district).name
        for prefix in ("𠮷田町会", "髙橋町会")
    ]
    out = tmp_path / "letters"
    argv = [
        "hub",
        "enrollment-letters",
        "--out",
        str(out),
        "--school-district",
        district,
        "--base-url",
        hub.base_url,
    ]
    assert _run([*argv, "--db", db_url]) == 0
    assert "2通" in capsys.readouterr().out
    files = sorted(out.glob("*.pdf"))
    assert len(files) == 2
    texts = []
    for path in files:
        reader = pypdf.PdfReader(path)
        assert len(reader.pages) == 1 and _fonts_embedded(reader) == []
        texts.append(reader.pages[0].extract_text())
        assert district in texts[-1] and "登録コード" in texts[-1]
    assert sorted(n for n in names for t in texts if n in t) == sorted(names)  # 𠮷 survives
    text = pypdf.PdfReader(files[0]).pages[0].extract_text()
    code = re.search(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", text)
    assert code is not None
    with HubClient(hub.base_url) as client:
        assert client.enroll(code.group(0)).school_district == district
    page = httpx.get(f"{hub.base_url}/enroll", params={"code": code.group(0)})
    assert page.status_code == 200 and code.group(0) in page.text
    hostile = httpx.get(f"{hub.base_url}/enroll", params={"code": "<script>alert(1)</script>"})
    assert hostile.status_code == 200 and "<script" not in hostile.text
    # Already connected associations get no new letter unless --all.
    assert _run([*argv, "--db", db_url]) == 0
    assert "1通" in capsys.readouterr().out
    assert (
        _run(
            [
                "hub",
                "enrollment-letters",
                "--out",
                str(out),
                "--school-district",
                unique("無い校下"),
                "--db",
                db_url,
            ]
        )
        == 2
    )
