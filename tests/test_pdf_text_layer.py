"""A PDF's text layer read as printed. Pages whose content stream draws the text turned (a landscape table page,
shown upright by the page's /Rotate or read by turning the page) are read as the text runs: the same cells as the
upright PDF. Fonts printed without a Unicode map (their text copies as 乱码) are flagged by page, or the PDF is
quarantined when most of it is so: a number in such a font is lost, never read as another."""

import io
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from tests.support.parsing import parse_bytes

PDF = SAMPLES / "jiangsu_huaian_hongze_2023.pdf"


def _turned(quarters: int, shown_upright: bool, pages: range | None = None, pdf: Path = PDF) -> bytes:
    """A PDF (the sample) with its pages' content (all, or `pages`, 0-based) drawn `quarters` quarter turns
    anticlockwise (the page box turned with it) and, if `shown_upright`, a /Rotate that shows it upright again,
    as a PDF printer writes a landscape page."""
    from pypdf import PdfWriter, Transformation

    writer = PdfWriter(clone_from=io.BytesIO(pdf.read_bytes()))
    for i, page in enumerate(writer.pages):
        if pages is not None and i not in pages:
            continue
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        turn = {1: (0, 1, -1, 0, h, 0), 2: (-1, 0, 0, -1, w, h), 3: (0, -1, 1, 0, 0, w)}[quarters]
        page.add_transformation(Transformation(turn))
        size = (h, w) if quarters % 2 else (w, h)
        for box in (page.mediabox, page.cropbox):
            box.lower_left, box.upper_right = (0, 0), size
        if shown_upright:
            page.rotate(90 * quarters)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _cells(parse: dict) -> dict:
    """Every cell's value, printed text and page."""
    return {(t, r, c): (v["value"], v["raw"], v["pos"]["page"]) if v else None
            for t, rows in parse["cells"].items() for r, cols in rows.items() for c, v in cols.items()}


@pytest.fixture(scope="module")
def upright() -> dict:
    return parse_bytes(PDF.name, PDF.read_bytes())


@pytest.mark.parametrize("quarters", [1, 2, 3])
@pytest.mark.parametrize("shown_upright", [True, False])
def test_turned_pages_read_as_the_upright_pdf(upright: dict, quarters: int, shown_upright: bool) -> None:
    turned = parse_bytes(PDF.name, _turned(quarters, shown_upright))
    assert len(_cells(upright)) == 186
    assert _cells(turned) == _cells(upright)
    assert turned["metadata"]["agency_name"] == upright["metadata"]["agency_name"] == "洪泽区人民政府"
    assert [i["code"] for i in turned["issues"]] == [i["code"] for i in upright["issues"]]


def test_a_turned_table_page_among_upright_pages(upright: dict) -> None:
    """The common case: prose pages upright, the wide table pages printed landscape."""
    pages = range(1, 4)
    assert {v[2] for v in _cells(upright).values() if v} == {2, 3, 4}  # table 二 starts on page 2
    assert _cells(parse_bytes(PDF.name, _turned(1, True, pages))) == _cells(upright)
    assert _cells(parse_bytes(PDF.name, _turned(3, False, pages))) == _cells(upright)


@pytest.mark.parametrize("quarters", [1, 2, 3])
def test_pages_shown_turned_read_as_their_text_stands(upright: dict, quarters: int) -> None:
    """Upright text on a page shown turned (a /Rotate alone, as a viewer's "rotate page" saves it)."""
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(PDF.read_bytes()))
    for page in writer.pages:
        page.rotate(90 * quarters)
    out = io.BytesIO()
    writer.write(out)
    assert _cells(parse_bytes(PDF.name, out.getvalue())) == _cells(upright)


def _without_unicode_maps(font: str) -> bytes:
    """The sample with the /ToUnicode map of its fonts whose name holds `font` removed ("+": every subset font),
    as some PDF printers write them: pdfium then gives glyph numbers for characters."""
    from pypdf import PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter(clone_from=io.BytesIO(PDF.read_bytes()))
    for page in writer.pages:
        for ref in page["/Resources"].get_object()["/Font"].get_object().values():
            f = ref.get_object()
            if font in str(f["/BaseFont"]) and "/ToUnicode" in f:
                del f[NameObject("/ToUnicode")]
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_pdf_whose_text_does_not_decode_is_quarantined() -> None:
    result = parse_bytes(PDF.name, _without_unicode_maps("+"))
    assert result["quarantined"] is True
    assert [i["code"] for i in result["issues"]] == ["pdf_text_undecodable"]


def test_numbers_in_a_font_without_a_unicode_map_are_lost_and_flagged(upright: dict) -> None:
    """The sample prints table 二's numbers in Times New Roman: without its map they are control characters."""
    result = parse_bytes(PDF.name, _without_unicode_maps("TimesNewRoman"))
    flagged = [i for i in result["issues"] if i["code"] == "text_undecodable"]
    assert [i["pages"] for i in flagged] == [[1, 2, 3, 4, 5]]
    assert flagged[0]["severity"] == "warning"
    got, expected = _cells(result), _cells(upright)
    lost = {key for key in expected if got[key] != expected[key]}
    assert len(lost) == 10
    assert all(key[0] == "active_disclosure" and got[key] is None for key in lost)


def test_an_upright_pdf_raises_no_text_layer_issue(upright: dict) -> None:
    assert "text_undecodable" not in {i["code"] for i in upright["issues"]}


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-256"])
def test_a_copy_protected_pdf_is_read(upright: dict, algorithm: str) -> None:
    """Many reports are published "copy protected": encrypted with an owner password only, opened without one."""
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(PDF.read_bytes()))
    writer.encrypt(user_password="", owner_password="owner", algorithm=algorithm, permissions_flag=0)
    out = io.BytesIO()
    writer.write(out)
    assert _cells(parse_bytes(PDF.name, out.getvalue())) == _cells(upright)


NARROW = Path(__file__).parent / "fixtures" / "pdf" / "libreoffice_120.pdf"  # a generated Word report (benchmarks
# .synth docx) printed by LibreOffice 7.4: narrow label columns, one character per line, pdfium's line breaks
# outnumbering the printed characters on the table pages


@pytest.mark.parametrize("quarters", [1, 3])
def test_a_turned_page_of_short_lines_reads_as_upright(quarters: int) -> None:
    """The angle is read on printed characters, not on pdfium's line breaks (angle 0 on every page), and the page
    box turns with the content: without either, this PDF's turned table page was read otherwise than upright."""
    upright = _cells(parse_bytes(NARROW.name, NARROW.read_bytes()))
    assert sum(v is not None for v in upright.values()) > 150
    assert _cells(parse_bytes(NARROW.name, _turned(quarters, False, pdf=NARROW))) == upright
