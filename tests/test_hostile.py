"""Hostile inputs: every file offered is parsed or quarantined with a reason; nothing is lost or invented."""

import io
import os
import random
import shutil
import zipfile
from pathlib import Path

import duckdb
import pytest

from orchestration.warehouse import connect, ingest
from tests.conftest import SAMPLES, gongkai_run
from tests.support.synth import make_truth, render

MAX_BYTES = 8 * 1024 * 1024


def _blank_pdf() -> bytes:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    buf = io.BytesIO()
    pdf.save(buf)
    return buf.getvalue()


def _encrypted_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("secret", algorithm="AES-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def build_hostile(folder: Path, outside: Path) -> dict[str, str | None]:
    """Write the hostile corpus; returns {relative path: expected quarantine reason or None (parsed)}."""
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str | None] = {}

    def put(name: str, data: bytes, reason: str | None) -> None:
        (folder / name).write_bytes(data)
        expected[name] = reason

    sample = (SAMPLES / "002_fc6d86ce8fd15a83.txt").read_bytes()
    truth = make_truth(random.Random(5), 5, "2019")
    html = render(truth, "html")[1].decode("utf-8")
    put("empty.txt", b"", "empty")
    put("whitespace.txt", b" \n\t \r\n  ", "empty")
    put("image.png", b"\x89PNG\r\n\x1a\n" + bytes(random.Random(1).getrandbits(8) for _ in range(2000)), "unsupported_format")
    zbuf = io.BytesIO()
    with zipfile.ZipFile(zbuf, "w") as zf:
        zf.writestr("a.txt", "hello")
    put("archive.zip", zbuf.getvalue(), "unsupported_format")
    put("truncated.html", html[: len(html) // 3].encode("utf-8"), None)
    put("truncated.pdf", (SAMPLES / "jiangsu_huaian_hongze_2023.pdf").read_bytes()[:5000], "pdf_corrupt")
    put("wrong_charset.html", html.encode("gb18030"), None)  # declares utf-8, is GB18030
    put("big5.txt", sample.decode("utf-8").encode("big5", errors="replace"), None)
    put("utf16.txt", b"\xff\xfe" + sample.decode("utf-8").encode("utf-16-le"), None)
    put("huge.txt", b"x" * (MAX_BYTES + 1), "too_large")
    put("million_lines.txt", b"1\n" * 1_000_000, None)
    put("deep.html", b"<html><body>" + b"<div>" * 50_000 + b"x" + b"</div>" * 50_000 + b"</body></html>", None)
    put("scripts.html", html.replace("<body>", "<body><script>alert('x'); drop table raw.parsed_reports;</script>"
                                     "<style>td{color:red}</style>").encode("utf-8"), None)
    put("encrypted.pdf", _encrypted_pdf(), "pdf_encrypted")
    put("scanned.pdf", _blank_pdf(), "pdf_no_text")
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "secret.txt").write_bytes(sample)
    os.symlink(outside / "secret.txt", folder / "link_outside.txt")
    expected["link_outside.txt"] = "link_outside_folder"
    put("quote'semi;colon space.txt", sample, None)
    put("new\nline.txt", sample, None)
    put("..dots...txt", sample, None)
    put("same_content_copy.txt", sample, None)
    other = sample.decode("utf-8").replace("规章\t0\t0\t23", "规章\t0\t0\t24").encode("utf-8")
    put("same_agency_year_other_numbers.txt", other, None)
    return expected


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    reports = base / "reports"
    expected = build_hostile(reports, base / "outside")
    for f in SAMPLES.iterdir():
        shutil.copy(f, reports / f.name)
        expected[f.name] = None
    return base, reports, expected


def test_every_input_is_parsed_or_quarantined_with_reason(hostile):
    base, reports, expected = hostile
    con = connect(base / "ingest.duckdb")
    stats = ingest(con, reports, max_bytes=MAX_BYTES, max_seconds=30)
    assert stats.offered == len(expected)
    rows = dict(con.execute("""select f.file_path, r.quarantine_reason from raw.report_files f
                               join raw.parsed_reports r on r.report_id = left(f.sha256, 20)""").fetchall())
    assert set(rows) == set(expected)  # every file offered has a report row: parsed or quarantined
    for name, reason in expected.items():
        assert rows.get(name) == reason, name
    con.close()


def test_samples_unchanged_beside_hostile_inputs(hostile):
    base, reports, _ = hostile
    con = duckdb.connect(str(base / "ingest.duckdb"), read_only=True)
    value = con.execute("""select c.value from raw.parsed_cells c join raw.report_files f on c.report_id = left(f.sha256, 20)
                           where f.file_path = '002_fc6d86ce8fd15a83.txt' and c.row_code = 'regulations'
                           and c.column_code = 'total_published'""").fetchone()[0]
    assert value == 23
    con.close()


@pytest.mark.e2e
def test_pipeline_on_hostile_corpus_succeeds_and_is_repeatable(hostile):
    base, reports, expected = hostile
    warehouse = base / "wh" / "gongkai.duckdb"
    env_backup = os.environ.get("GONGKAI_MAX_FILE_BYTES")
    os.environ["GONGKAI_MAX_FILE_BYTES"] = str(MAX_BYTES)
    try:
        first = gongkai_run(reports, warehouse, base / "home")
        assert first.returncode == 0, first.stderr[-3000:]
        with duckdb.connect(str(warehouse), read_only=True) as con:
            offered = con.execute("select count(*) from raw.report_files").fetchone()[0]
            before = con.execute("select * from marts.fct_active_disclosure order by all").fetchall()
            dupes = con.execute("select count(*) from staging.int_reports_deduped where is_duplicate_agency_year").fetchone()[0]
        assert offered == len(expected)
        assert dupes >= 2  # 002 and its edited twin: same agency-year, different numbers, both kept, one chosen
        second = gongkai_run(reports, warehouse, base / "home")
        assert second.returncode == 0, second.stderr[-3000:]
        with duckdb.connect(str(warehouse), read_only=True) as con:
            after = con.execute("select * from marts.fct_active_disclosure order by all").fetchall()
        assert after == before
    finally:
        if env_backup is None:
            os.environ.pop("GONGKAI_MAX_FILE_BYTES", None)
        else:
            os.environ["GONGKAI_MAX_FILE_BYTES"] = env_backup
