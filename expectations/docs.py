"""Make the GX Data Docs work offline: copy vendored CSS/JS beside them and rewrite CDN links."""

import re
import shutil
from pathlib import Path

VENDOR = Path(__file__).with_name("vendor")

# CDN URL (as GX writes it) -> vendored file
CDN = {
    "https://cdn.jsdelivr.net/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/bootstrap-prefers-dark.css": "css/bootstrap-prefers-dark.css",
    "https://cdn.jsdelivr.net/npm/vega-embed@6": "js/vega-embed.min.js",
    "https://cdn.jsdelivr.net/npm/vega-lite@5": "js/vega-lite.min.js",
    "https://cdn.jsdelivr.net/npm/vega@5": "js/vega.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/bootstrap-datepicker.min.css": "css/bootstrap-datepicker.min.css",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/bootstrap-datepicker.min.js": "js/bootstrap-datepicker.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css": "css/all.min.css",
    "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js": "js/popper.min.js",
    "https://code.jquery.com/jquery-3.7.1.min.js": "js/jquery.min.js",
    "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css": "css/bootstrap.min.css",
    "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js": "js/bootstrap.min.js",
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.min.css":
        "css/bootstrap-table-filter-control.min.css",
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.css":
        "css/bootstrap-table-filter-control.min.css",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css": "css/bootstrap-table.min.css",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js": "js/bootstrap-table.min.js",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/extensions/filter-control/bootstrap-table-filter-control.min.js":
        "js/bootstrap-table-filter-control.min.js",
}
_LOGO = re.compile(r"https://great-expectations-web-assets\.s3\.[a-z0-9-]+\.amazonaws\.com/[A-Za-z_-]+\.png(\?[^\"')\s]*)?")
_ATTR_URL = re.compile(r"""(?:src|href)\s*=\s*["'](https?://[^"']+)["']""")
_INTEGRITY = re.compile(r'\s(?:integrity|crossorigin)="[^"]*"')


def make_offline(docs_dir: Path) -> list[str]:
    """Rewrite every HTML page under docs_dir; returns external resource URLs left (should be none)."""
    vendor_dir = docs_dir / "static" / "vendor"
    if vendor_dir.exists():
        shutil.rmtree(vendor_dir)
    shutil.copytree(VENDOR, vendor_dir, ignore=shutil.ignore_patterns("README.md"))
    left: set[str] = set()
    for page in docs_dir.rglob("*.html"):
        depth = len(page.relative_to(docs_dir).parts) - 1
        prefix = "../" * depth + "static/"
        html = page.read_text(encoding="utf-8")
        for url, local in CDN.items():
            html = html.replace(url, prefix + "vendor/" + local)
        html = _LOGO.sub(prefix + "images/logo-long-vector.svg", html)
        html = _INTEGRITY.sub("", html)
        page.write_text(html, encoding="utf-8")
        for m in _ATTR_URL.finditer(html):
            tag_start = html.rfind("<", 0, m.start())
            tag = html[tag_start:tag_start + 8].lower()
            if tag.startswith(("<script", "<link", "<img")):
                left.add(m.group(1))
    return sorted(left)
