"""Readers: one per source format (text, html, pdf, docx), each producing a `Document` of normalised lines and
cells; `read_document` picks the reader by the bytes (and the name's suffix)."""

from pathlib import Path

from ingestion.document import Document
from ingestion.readers.docx import read_docx
from ingestion.readers.errors import UnreadableInput
from ingestion.readers.html import read_html
from ingestion.readers.pdf import read_pdf
from ingestion.readers.text import read_text

__all__ = ["UnreadableInput", "read_docx", "read_document", "read_html", "read_pdf", "read_text", "sniff_format"]


def sniff_format(path: Path, head: bytes) -> str:
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF") or (suffix == ".pdf" and b"%PDF" in head[:1024]):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if suffix in (".docx", "") or b"word/" in head[:4000] else "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"
    for magic in (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf"):
        if head.startswith(magic):
            return "binary"
    lower = head[:4096].lower()
    if b"\x00" in lower:  # UTF-16: each ASCII character of the markup has a NUL beside it
        lower = lower.replace(b"\x00", b"")
    if suffix in (".html", ".htm", ".shtml", ".xhtml") or b"<html" in lower or b"<table" in lower or b"<!doctype" in lower:
        return "html"
    return "text"


def read_document(path: Path, data: bytes) -> Document:
    fmt = sniff_format(path, data[:8192])
    if not data.strip():
        raise UnreadableInput("empty", "the file is empty or holds only whitespace")
    if fmt == "pdf":
        return read_pdf(data)
    if fmt == "docx":
        return read_docx(data)
    if fmt == "html" or (fmt == "text" and _holds_html_table(data)):
        return read_html(data)
    if fmt in ("binary", "zip", "ole"):
        raise UnreadableInput("unsupported_format", f"{fmt} data is not a report format gongkai reads")
    return read_text(data)


def _holds_html_table(data: bytes) -> bool:
    """Text holding an HTML table further down (Markdown from a converter writes a table with merged cells as
    HTML): read as a page, whose text outside the table is read as text."""
    return b"<" in data and (b"<table" in data or b"<TABLE" in data) and (b"<td" in data or b"<TD" in data)
