"""The council report PDF, read back: title, 和暦 date, every 校下, the chart against 30, fonts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from circular_app.domain.calendar import wareki
from circular_app.pdf.council import HEADERS, CouncilReport, render_council_report
from circular_app.pdf.fonts import FontSet
from circular_app.services.city import CityService, chart_data, parse_kpi
from tests.pdf.helpers import font_problems, page_count, page_texts, text_of

MADE_ON = dt.date(2026, 11, 25)
# 62 校下, as in Kanazawa: the table runs onto a second page.
DISTRICTS = [f"第{n}校下" for n in range(1, 61)] + ["𠮷野校下", "髙岡校下"]
RULE = "町会がデジタル回覧を発行し、1世帯以上が既読にした月から数える"


def _hub_answer() -> dict[str, object]:
    """A KPI answer shaped like the hub's /api/v1/city/kpi."""
    months = [f"2026-{m:02d}" for m in range(4, 12)]
    return {
        "fiscal_year": 2026,
        "target": 30,
        "rule": "published_and_confirmed",
        "rule_label": RULE,
        "as_of": "2026-11",
        "adopting_school_districts": 12,
        "rows": [
            {
                "school_district": name,
                "registered_associations": 20 + i % 7,
                "adopting_associations": i % 3,
                "households": 1000 + 10 * i,
                "digital_households": 100 + i,
                "digital_share": round((100 + i) / (1000 + 10 * i), 4),
                "adopted_since": "2026-05" if i % 3 else None,
                "status": "",
            }
            for i, name in enumerate(DISTRICTS)
        ],
        "series": [{"month": m, "adopting": 2 + i * 10 // 7} for i, m in enumerate(months)],
        "surveys": [
            {"date": "2023-03-31", "value": 29, "note": "令和4年度末"},
            {"date": "2023-06-30", "value": 39, "note": ""},
        ],
    }


def _report() -> CouncilReport:
    return CityService(today=lambda: MADE_ON).council_report(parse_kpi(_hub_answer()), MADE_ON)


def test_title_date_and_summary(font_dir: Path, fonts: FontSet) -> None:
    """Page 1 has the title, the date in 和暦 and the count against the target."""
    first = page_texts(render_council_report(_report(), font_dir))[0]
    assert "地域活動発信アプリの導入状況（校下別）" in first
    assert wareki(MADE_ON) in first and "令和8年度" in first
    assert "導入校下数 12 / 目標 30" in first


def test_every_school_district_is_in_the_table(font_dir: Path, fonts: FontSet) -> None:
    """All 62 校下 (𠮷 and 髙 included) over two pages, with the header on each page."""
    pdf = render_council_report(_report(), font_dir)
    assert page_count(pdf) >= 2
    text = text_of(pdf)
    for name in DISTRICTS:
        assert name in text
    for page in page_texts(pdf)[:2]:
        assert "デジタル世帯数" in page and "登録町会数" in page
    assert "10.0%" in text  # 第1校下: 100 / 1000


def test_chart_against_30_with_surveys_marked(font_dir: Path, fonts: FontSet) -> None:
    """The chart labels the target line 目標 30 and each survey point 調査."""
    first = page_texts(render_council_report(_report(), font_dir))[0]
    assert "目標 30" in first
    assert "調査 29" in first and "調査 39" in first
    assert "2023/3" in first and "2026/11" in first  # the x axis: first survey to the last month


def test_rule_and_survey_notes(font_dir: Path, fonts: FontSet) -> None:
    """After the table: how adoption is counted, and the survey figures marked 調査."""
    text = text_of(render_council_report(_report(), font_dir))
    assert "集計の基準" in text and RULE in text
    assert "調査 2023-03-31: 29校下（令和4年度末）" in text
    assert "調査 2023-06-30: 39校下" in text


def test_fonts_are_embedded(font_dir: Path, fonts: FontSet) -> None:
    """Every font is an embedded TrueType subset; no base-14 reference (the chart included)."""
    assert font_problems(render_council_report(_report(), font_dir)) == []


def test_without_surveys_there_are_no_survey_notes(font_dir: Path, fonts: FontSet) -> None:
    """No survey figure: no 調査 anywhere."""
    answer = _hub_answer()
    answer["surveys"] = []
    kpi = parse_kpi(answer)
    report = CityService(today=lambda: MADE_ON).council_report(kpi, MADE_ON)
    assert chart_data(kpi).surveys == ()
    assert "調査" not in text_of(render_council_report(report, font_dir))


def test_plain_values_are_enough(font_dir: Path, fonts: FontSet) -> None:
    """The renderer takes plain values: one 校下, one month, no survey."""
    report = CouncilReport(
        title="導入状況",
        made_on=MADE_ON,
        fiscal_year_label="令和8年度",
        target=30,
        adopting=1,
        rule="テストの基準",
        rows=(("泉野校下", "2", "1", "120", "40", "33.3%", "", ""),),
        months=("2026-11",),
        values=(1,),
        surveys=(),
        y_max=35,
        y_step=5,
        labelled=(0,),
    )
    text = text_of(render_council_report(report, font_dir))
    assert "泉野校下" in text and "33.3%" in text and all(h in text for h in HEADERS)


def test_declared_is_its_own_series_and_unreported_is_written(font_dir: Path, fonts: FontSet) -> None:
    """申告 has its own legend and series (not in the 実績 line); a silent 校下 reads 未報告."""
    answer = _hub_answer()
    rows = answer["rows"]
    assert isinstance(rows, list)
    rows[0].update(households=0, digital_households=0, digital_share=None, unreported_associations=2)
    rows[1].update(declared_associations=1, declared_households=150, declared=True)
    series = answer["series"]
    assert isinstance(series, list)
    for point in series:
        point["declared"] = 1
        point["measured"] = point["adopting"] - 1
    kpi = parse_kpi(answer)
    chart = chart_data(kpi)
    assert chart.values[-1] == series[-1]["adopting"] - 1 and chart.declared[-1] == 1
    report = CityService(today=lambda: MADE_ON).council_report(kpi, MADE_ON)
    first = page_texts(render_council_report(report, font_dir))[0]
    assert "申告（他のアプリを使う町会の申告による校下数・実績とは別）" in first
    assert "導入校下数 12 / 目標 30（うち申告 1）" in first
    assert "第1校下" in first and "未報告 2町会" in first
    assert first.count("未報告") >= 3  # 世帯数, デジタル世帯数 and 備考
    assert "申告 1町会" in first and "150" in first


def test_without_declared_apps_there_is_no_declared_legend(font_dir: Path, fonts: FontSet) -> None:
    """No 申告 anywhere: no orange series, no legend entry (only the column title)."""
    text = text_of(render_council_report(_report(), font_dir))
    assert "申告（他のアプリ" not in text and "うち申告" not in text and "申告 1町会" not in text
