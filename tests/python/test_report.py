"""The QBR report: rendered from a sample build by its CLI, then opened in headless Chromium.

The page must be self-contained (nothing to fetch), every chart must be a PNG in the output
folder and embedded in the page, the inline script must see every chart loaded and no script
error, and the figures printed must be the marts' decimals to the cent.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest
from PIL import Image

from conftest import PROJECT_ROOT

SECTIONS = [
    "Key figures",
    "The first QBR line",
    "1. The real cost of AI",
    "2. Cost per decision against the benchmark bands",
    "3. Edge mix over time",
    "4. Coordination growth vs. revenue and headcount growth",
    "5. The coordination line beside payroll and cloud spend",
    "6. Variance and benchmark findings of the last build",
]
CHART_IDS = ["chart-real-cost", "chart-decision-cost-bands", "chart-edge-mix", "chart-growth", "chart-qbr-lines"]


def run_report(*args: str) -> subprocess.CompletedProcess:
    """The CLI as a user runs it, from the project folder (so this checkout's module is imported)."""
    env = {k: v for k, v in os.environ.items() if k != "COORD_FINOPS_DUCKDB_PATH"}
    return subprocess.run([sys.executable, "-m", "coordination_finops.report", *args], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def money(value) -> str:
    return f"${value:,.2f}"


# --------------------------------------------------------------------------- page parsing

class PageParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.body: dict[str, str] = {}
        self.images: list[dict[str, str]] = []
        self.headings: list[str] = []
        self.js_errors: list[str] = []
        self.elements: dict[str, str] = {}  # id -> text of elements with an id (td, table)
        self._heading: list[str] | None = None
        self._open_ids: list[tuple[str, str, list[str]]] = []
        self._in_js_errors = False

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if tag == "body":
            self.body = attrs
        elif tag == "img":
            self.images.append(attrs)
        elif tag == "h2":
            self._heading = []
        elif tag == "ul" and attrs.get("id") == "js-errors":
            self._in_js_errors = True
        elif tag == "li" and self._in_js_errors:
            self.js_errors.append("")
        if tag == "td" and "id" in attrs:
            self._open_ids.append((tag, attrs["id"], []))

    def handle_endtag(self, tag):
        if tag == "h2" and self._heading is not None:
            self.headings.append(" ".join("".join(self._heading).split()))
            self._heading = None
        elif tag == "ul":
            self._in_js_errors = False
        elif self._open_ids and tag == self._open_ids[-1][0]:
            _, element_id, text = self._open_ids.pop()
            self.elements[element_id] = "".join(text).strip()

    def handle_data(self, data):
        if self._heading is not None:
            self._heading.append(data)
        if self._in_js_errors and self.js_errors:
            self.js_errors[-1] += data
        for _, _, text in self._open_ids:
            text.append(data)


def parse(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    return parser


FETCH_ATTRIBUTE = re.compile(r"""\b(?:src|href|srcset|poster|action|data|xlink:href)\s*=\s*(["']?)([^"'\s>]*)\1""", re.I)
CSS_URL = re.compile(r"""url\(\s*(["']?)([^"')]*)\1\s*\)""", re.I)


def fetchable_references(html: str) -> list[str]:
    """Everything in the page a browser would fetch: absolute URLs anywhere, src/href/url() that
    is not a data: URI or an in-page anchor, and CSS @import."""
    found = re.findall(r"(?:https?:)?//[\w.-]+\.[a-z]{2,}[^\s\"'<>)]*", html, re.I)
    found += [m.group(2) for m in FETCH_ATTRIBUTE.finditer(html) if not m.group(2).startswith(("data:", "#"))]
    found += [m.group(2) for m in CSS_URL.finditer(html) if not m.group(2).startswith(("data:", "#"))]
    found += re.findall(r"@import[^;]*", html, re.I)
    return found


def test_the_fetch_check_catches_external_references():
    assert fetchable_references('<img src="data:image/png;base64,iVBORw0KGgo=" alt="x"><a href="#top">t</a>') == []
    for page in ['<img src="https://cdn.example.com/a.png">', '<script src="http://example.org/x.js"></script>',
                 '<link rel="stylesheet" href="style.css">', '<img src="chart.png">',
                 '<style>body { background: url("//fonts.example.net/bg.png") }</style>',
                 "<style>@import 'theme.css';</style>", '<div style="background:url(img/x.png)"></div>']:
        assert fetchable_references(page), page


# --------------------------------------------------------------------------- chromium

def chromium() -> str:
    """Chromium renders the report. `make setup` installs it; CI always has it, so there a missing
    browser fails the test; elsewhere the test is skipped and says why."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        message = "chromium is not installed (make setup installs it: apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def run_chromium(page: Path, workdir: Path, *args: str) -> subprocess.CompletedProcess:
    profile = workdir / f"profile-{len(list(workdir.glob('profile-*')))}"  # a fresh profile per run
    command = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-extensions", "--hide-scrollbars",
               "--host-resolver-rules=MAP * ~NOTFOUND",  # a fetch over the network could only fail
               f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *args, page.as_uri()]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def console_messages(stderr: str) -> list[str]:
    """Console output of the page: this Chromium logs every console message, uncaught error, CSP
    violation and failed load as `...:INFO:CONSOLE:<line>] "<message>", source: ...` on stderr."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


# --------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def report(sample_build, tmp_path_factory):
    out = tmp_path_factory.mktemp("qbr") / "qbr"
    run_results = sample_build.database.parent / "target" / "run_results.json"
    assert run_results.exists()
    result = run_report("--database", str(sample_build.database), "--run-results", str(run_results), "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return out


@pytest.fixture(scope="module")
def browser_workdir(tmp_path_factory):
    chromium()
    return tmp_path_factory.mktemp("chromium")


@pytest.fixture(scope="module")
def dumped(report, browser_workdir):
    # laid out at the screenshot's width, so the page height it records fits the screenshot
    result = run_chromium(report / "index.html", browser_workdir, "--window-size=1400,1200", "--dump-dom")
    return result.stdout, result.stderr


# --------------------------------------------------------------------------- tests

def test_report_writes_one_png_per_chart_and_embeds_each(report):
    page = parse((report / "index.html").read_text(encoding="utf-8"))
    assert [image["id"] for image in page.images] == CHART_IDS
    assert sorted(path.name for path in report.glob("*.png")) == sorted(image["data-file"] for image in page.images)
    for image in page.images:
        assert image["alt"]
        png = (report / image["data-file"]).read_bytes()
        assert png.startswith(b"\x89PNG") and len(png) > 10_000, image["id"]
        assert image["src"] == "data:image/png;base64," + base64.b64encode(png).decode(), image["id"]


def test_report_fetches_nothing(report):
    html = (report / "index.html").read_text(encoding="utf-8")
    assert fetchable_references(html) == []
    assert "http://" not in html and "https://" not in html


@pytest.fixture()
def warehouse(sample_build):
    """A connection of this test's own, closed afterwards: the session-wide `sample_db` would hold
    the file open and keep a later `dbt docs generate` on the same file from writing."""
    with sample_build.connect() as connection:
        yield connection


def test_report_prints_the_marts_figures_to_the_cent(report, sample_build, warehouse):
    html = (report / "index.html").read_text(encoding="utf-8")
    page = parse(html)
    last_quarter, last_total = warehouse.execute("""
        select quarter_label, real_ai_cost_usd from marts.rpt_quarterly_real_ai_cost
        order by quarter_start desc limit 1""").fetchone()
    assert page.elements[f"real-cost-total-{last_quarter}"] == money(last_total)
    for label, total in warehouse.execute(
            "select distinct quarter_label, real_ai_cost_usd from marts.rpt_quarterly_real_ai_cost").fetchall():
        assert page.elements[f"real-cost-total-{label}"] == money(total)
    for category, cost in warehouse.execute(
            "select cost_category, cost_usd from marts.rpt_quarterly_real_ai_cost where quarter_label = ?",
            [last_quarter]).fetchall():
        row = re.search(rf'<tr data-category="{category}">(.*?)</tr>', html, re.S).group(1)
        assert f">{money(cost)}<" in row, category
    # ranges, not false precision: the estimate's low and high beside the real cost and coordination
    low, high, coordination, coordination_low, coordination_high = warehouse.execute("""
        select real_ai_cost_low_usd, real_ai_cost_high_usd, coordination_cost_usd, coordination_cost_low_usd,
               coordination_cost_high_usd
        from marts.rpt_quarterly_coordination_kpis order by quarter_start desc limit 1""").fetchone()
    assert f"range {money(low)} – {money(high)}" in html
    assert f"Coordination {money(coordination)} (range {money(coordination_low)} – {money(coordination_high)})" in html
    edge, edge_cost = warehouse.execute("""
        select edge_type, sum(coordination_cost_usd) from marts.fct_coordination_edges
        where quarter_start = (select max(quarter_start) from marts.fct_coordination_edges)
        group by edge_type order by 2 desc limit 1""").fetchone()
    assert f"The edge that costs most: {edge}, {money(edge_cost.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP))}." in html
    for band in ("bottleneck", "review_bypass_risk"):
        expected = warehouse.execute("select count(*) from marts.fct_decisions where cost_band = ?", [band]).fetchone()[0]
        assert f'id="{band}-table" data-count="{expected}"' in html
    most_expensive = warehouse.execute(
        "select decision_id, total_cost_usd from marts.fct_decisions order by total_cost_usd desc limit 1").fetchone()
    assert most_expensive[0] in html
    assert money(most_expensive[1].quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)) in html
    # every finding of the build, with its count from run_results.json
    run_results = json.loads((sample_build.database.parent / "target" / "run_results.json").read_text())
    flagged = {r["unique_id"].split(".")[2]: r["failures"] for r in run_results["results"]
               if r["status"] in ("warn", "fail")}
    assert flagged, "the sample plants findings"
    for name, failures in flagged.items():
        shown = re.search(rf'<tr data-test="{name}">.*?<td class="num finding-count">([^<]*)</td>', html, re.S)
        assert shown and shown.group(1) == f"{failures:,}", name


def test_report_loads_in_headless_chromium_with_every_chart_and_no_error(report, dumped, browser_workdir):
    dom, stderr = dumped
    page = parse(dom)
    for section in SECTIONS:
        assert any(heading.startswith(section) for heading in page.headings), (section, page.headings)
    assert [image["id"] for image in page.images] == CHART_IDS
    assert page.body["data-charts-expected"] == str(len(CHART_IDS))
    assert page.body["data-charts-loaded"] == str(len(CHART_IDS)), page.js_errors
    assert page.body["data-js-errors"] == "0" and page.js_errors == []
    assert console_messages(stderr) == []

    height = int(page.body["data-page-height"]) + 40
    shot = browser_workdir / "report.png"
    run_chromium(report / "index.html", browser_workdir, f"--window-size=1400,{height}", f"--screenshot={shot}")
    assert shot.exists() and shot.stat().st_size > 100_000
    with Image.open(shot) as image:
        assert image.size == (1400, height)
        colours = image.convert("RGB").getcolors(maxcolors=1 << 24)
    assert len(colours) > 200, "the screenshot is (nearly) a single colour"
    # the charts are drawn: plenty of the H2H red of the real-cost and edge-mix charts
    h2h_red = sum(n for n, (r, g, b) in colours if abs(r - 0xC0) < 10 and abs(g - 0x50) < 10 and abs(b - 0x4D) < 10)
    assert h2h_red > 20_000


def test_the_page_reports_a_broken_chart_and_a_script_error(report, browser_workdir):
    """Control: the markers and the console capture the test relies on do catch a failure."""
    html = (report / "index.html").read_text(encoding="utf-8")
    broken = re.sub(r'(id="chart-edge-mix"[^>]*src=")data:image/png;base64,[^"]+', r"\1data:image/png;base64,AAAA", html)
    broken = broken.replace("</main>", "<script>noSuchFunction();</script></main>")
    page_file = report.parent / "broken.html"
    page_file.write_text(broken, encoding="utf-8")
    result = run_chromium(page_file, browser_workdir, "--dump-dom")
    page = parse(result.stdout)
    assert page.body["data-charts-loaded"] == str(len(CHART_IDS) - 1)
    assert page.body["data-js-errors"] == "2"
    assert any("noSuchFunction" in error for error in page.js_errors)
    assert any("chart-edge-mix" in error for error in page.js_errors)
    assert any("noSuchFunction" in line for line in console_messages(result.stderr))


def test_report_without_run_results_says_so(sample_build, tmp_path):
    missing = tmp_path / "target" / "run_results.json"
    result = run_report("--database", str(sample_build.database), "--run-results", str(missing),
                        "--out", str(tmp_path / "qbr"))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "qbr" / "index.html").read_text(encoding="utf-8")
    section = html[html.index('<section id="findings">'):]
    assert 'id="findings-unavailable"' in section and "No run results at" in section and str(missing) in section


def test_missing_database_is_a_clear_error_without_traceback(tmp_path):
    missing = tmp_path / "nowhere.duckdb"
    result = run_report("--database", str(missing), "--out", str(tmp_path / "qbr"))
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    assert str(missing) in result.stderr and "make build" in result.stderr
    assert not (tmp_path / "qbr").exists()


def test_database_without_the_marts_is_a_clear_error(tmp_path):
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    result = run_report("--database", str(empty), "--out", str(tmp_path / "qbr"))
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    assert str(empty) in result.stderr and "marts.rpt_quarterly_real_ai_cost" in result.stderr
    assert "make build" in result.stderr


def test_report_shows_observed_beside_inventoried(report, warehouse):
    html = (report / "index.html").read_text(encoding="utf-8")
    section = html[html.index('<section id="observed">'):html.index('<section id="findings">')]
    for quarter, line, inventoried, observed in warehouse.execute("""
            select quarter_label, line, inventoried_cost_usd, observed_cost_usd
            from marts.rpt_quarterly_observed_vs_inventoried order by quarter_start, display_order""").fetchall():
        row = section[section.index(f'<tr data-line="{line}"><th scope="row" style="text-align:left">{quarter}<'):]
        row = row[:row.index("</tr>")]
        assert f"${observed:,}" in row, (quarter, line)
        if line != "no_decision":
            assert f"${inventoried:,}" in row, (quarter, line)
    # the planted overrun is listed among the decisions outside the variance band
    assert "DEC-2026-1087" in section[section.index('id="observed-off-band"'):]
