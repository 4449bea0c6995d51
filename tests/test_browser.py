"""What people look at, in headless Chromium: the Dagster UI, dbt docs, GX Data Docs and the dashboard.

Every page must render its content with no failed resource request (the docs are offline: no CDN).
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import ROOT, copy_sample_build
from tests.support.chromium import Browser, chromium_path

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(chromium_path() is None and not os.environ.get("CI"),
                                                  reason="chromium is installed by `make setup`")]


@pytest.fixture(scope="module")
def browser():
    b = Browser()
    yield b
    b.close()


@pytest.fixture(scope="module")
def built(sample_build, tmp_path_factory):
    base = tmp_path_factory.mktemp("browser")
    reports, warehouse, _home = copy_sample_build(sample_build[0], base)
    return base, reports, warehouse


def test_dashboard_renders_offline(browser, built):
    docs = built[2].parent / "docs"
    page = browser.load((docs / "dashboard.html").as_uri(), ["Disclosure rate", "淮安市洪泽区人民政府"])
    assert page.failed == []
    assert all(u.startswith("file:") or u.startswith("data:") for u in page.requested)
    assert "data as of run" in page.text
    assert "宿迁市科学技术局" in page.text  # the late report is listed


def test_dbt_docs_render_offline(browser, built):
    docs = built[2].parent / "docs"
    url = (docs / "dbt" / "index.html").as_uri() + "#!/model/model.gongkai.agency_year_summary"
    page = browser.load(url, ["agency_year_summary", "disclosure_rate"])
    assert page.failed == []
    assert "disclosure_rate" in page.text


def test_gx_docs_render_offline(browser, built):
    docs = built[2].parent / "docs"
    page = browser.load((docs / "gx" / "index.html").as_uri(), ["raw_parsed_cells", "source_quality"])
    assert page.failed == []
    assert not [u for u in page.requested if u.startswith("http")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_dagster_ui_shows_the_asset_graph(browser, built):
    base, reports, warehouse = built
    port = _free_port()
    home = base / "home"
    env = {**os.environ, "DAGSTER_HOME": str(home), "GONGKAI_REPORTS": str(reports), "GONGKAI_WAREHOUSE": str(warehouse)}
    proc = subprocess.Popen([sys.executable, "-m", "dagster", "dev", "-w", "workspace.yaml", "-h", "127.0.0.1",
                             "-p", str(port)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.time() + 180
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=2)
                break
            except OSError:
                if time.time() > deadline or proc.poll() is not None:
                    raise AssertionError("dagster dev did not start") from None
                time.sleep(1)
        ui = f"http://127.0.0.1:{port}"
        groups = {
            "ingestion": ["parsed_reports", "parsed_cells", "parse_issues", "report_files"],
            "staging": ["stg_cells", "int_agencies", "int_reports_deduped", "corrections"],
            "marts": ["dim_agency", "fct_applications", "agency_year_summary", "published_warehouse", "dashboard"],
            "quality": ["fct_report_checks"],
        }
        # the global lineage graph: the four groups, connected
        lineage = browser.load(f"{ui}/asset-groups", list(groups), timeout=120, screenshot=base / "lineage.png")
        assert all(g in lineage.text for g in groups), lineage.text[:2000]
        assert lineage.failed == [], lineage.failed
        assert "Join the Dagster community" not in lineage.text  # nux pop-up off (dagster.yaml)
        # each group's assets (the list view: the graph view only renders nodes inside the viewport)
        for group, names in groups.items():
            page = browser.load(f"{ui}/locations/gongkai/asset-groups/{group}/list", names, timeout=60)
            missing = [n for n in names if n not in page.text]
            assert not missing, (group, missing, page.text[:2000])
            assert page.failed == [], page.failed
        # checks are visible on their assets: dbt tests and the warn-level source identities
        checks = browser.load(f"{ui}/assets/marts/fct_report_checks?view=checks", ["source_identities_hold"], timeout=60)
        assert "source_identities_hold" in checks.text
        gx = browser.load(f"{ui}/assets/raw/parse_issues?view=checks", ["gx_source_quality"], timeout=60)
        assert "gx_source_quality" in gx.text
        automation = browser.load(f"{ui}/automation", ["daily_refresh", "annual_compliance", "reports_folder_sensor"], timeout=60)
        for name in ("daily_refresh", "annual_compliance", "reports_folder_sensor"):
            assert name in automation.text
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
