"""A government site's 政府信息公开年报 column, served on 127.0.0.1 by the tests themselves, built from real pages
(data/reports/pingtan's published pages and crawled texts, the sample PDF): two list pages with paging, report
pages with and without an attachment, a GBK page, a redirect, a 404, a slow page, a robots.txt that forbids a
path, and pages the test may change between two crawls. Every request is recorded (time, path, headers)."""

import hashlib
import html
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.conftest import ROOT

REAL = ROOT / "data" / "reports" / "pingtan"
PDF = ROOT / "data" / "reports" / "sample" / "jiangsu_huaian_hongze_2023.pdf"
SLOW_SECONDS = 1.5


def _text_page(path: Path, charset: str = "utf-8") -> bytes:
    """A crawled text as the page it was crawled from: its title, its body in <p>s."""
    text = path.read_text(encoding="utf-8").split("==================== 正文 ====================", 1)[-1]
    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    return (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>年报</title></head>'
            f'<body><div class="nav">首页 &gt; 政务公开</div>{body}</body></html>').encode(charset, "replace")


class Site:
    """The column. `pages`: path -> (content type, bytes); `redirects`: path -> location. Start with `start()`."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[str, bytes]] = {}
        self.redirects: dict[str, str] = {"/nb/old/2023.html": "/nb/202401/shsyj_2023.html"}
        self.requests: list[tuple[float, str, dict[str, str]]] = []
        self.lock = threading.Lock()
        page = "text/html; charset=utf-8"
        self.pages["/robots.txt"] = ("text/plain", b"User-agent: *\nDisallow: /private/\n")
        reports = {  # path -> (link text, content)
            "/nb/202501/gaj_2024.html": ("平潭综合实验区公安局2024年政府信息公开工作年度报告",
                                         (REAL / "pingtan_gaj_2024.html").read_bytes()),
            "/nb/202101/junshan_2020.html": ("君山片区管理局2020年政府信息公开工作年度报告",
                                             (REAL / "pingtan_junshan_2020.html").read_bytes()),
            "/nb/202401/gwhbgs_2023.html": ("管委会办公室2023年度政府信息公开工作年度报告",
                                            _text_page(REAL / "pingtan_gwhbgs_2023.txt")),
        }
        for path, (_text, content) in reports.items():
            self.pages[path] = (page, content)
        # a report page in GBK, as many sites still serve them (declared in its header and its meta)
        self.pages["/nb/202001/gzj_2019.html"] = ("text/html; charset=gbk",
                                                  _text_page(REAL / "pingtan_gzj_2019.txt", "gbk"))
        # a report page whose report is its PDF attachment
        self.pages["/nb/202401/hongze_2023.html"] = (page, (
            '<html><head><meta charset="utf-8"></head><body><p>洪泽区人民政府2023年政府信息公开工作年度报告</p>'
            '<p>附件：<a href="/files/hongze_2023.pdf">洪泽区2023年报.pdf</a></p></body></html>').encode())
        self.pages["/files/hongze_2023.pdf"] = ("application/pdf", PDF.read_bytes())
        self.pages["/nb/202401/shsyj_2023.html"] = (page, (REAL / "pingtan_shsyj_2023.html").read_bytes())
        self.pages["/nb/slow.html"] = (page, _text_page(REAL / "pingtan_suping_2021.txt"))
        # unlinked pages a test asks for by URL: a body cut short of its Content-Length, a charset declared wrongly
        self.pages["/odd/truncated.html"] = (page, _text_page(REAL / "pingtan_tzcjj_2024.txt"))
        self.pages["/odd/wrong_charset.html"] = ("text/html; charset=utf-8",
                                                 _text_page(REAL / "pingtan_jinjing_2024.txt", "gbk"))
        self.pages["/private/draft.html"] = (page, "<html><body>2025年度报告 draft</body></html>".encode())
        links1 = [(p, t) for p, (t, _c) in reports.items()] + [
            ("/nb/202001/gzj_2019.html", "国有资产管理局2019年政府信息公开工作年度报告"),
            ("/nb/202401/hongze_2023.html", "洪泽区2023年政府信息公开工作年度报告"),
            ("/private/draft.html", "2025年度报告（草稿）"), ("/index.html", "首页")]
        links2 = [("/nb/old/2023.html", "社会事业局2023年政府信息公开工作年度报告"),
                  ("/nb/missing.html", "某局2019年度政府信息公开工作年度报告"),
                  ("/nb/slow.html", "苏平片区管理局2021年政府信息公开年度报告")]
        self.pages["/nb/index.html"] = (page, self._list(links1, "/nb/index_1.html"))
        self.pages["/nb/index_1.html"] = (page, self._list(links2, None))
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @staticmethod
    def _list(links: list[tuple[str, str]], next_page: str | None) -> bytes:
        items = "".join(f'<li><a href="{p}">{html.escape(t)}</a><span>2025-01-20</span></li>' for p, t in links)
        paging = f'<a href="{next_page}">下一页</a>' if next_page else "<span>下一页</span>"
        return (f'<html><head><meta charset="utf-8"><title>政府信息公开年报</title></head><body><ul>{items}</ul>'
                f'<div class="page"><a href="/nb/index.html">首页</a>{paging}</div></body></html>').encode()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> "Site":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def change(self, path: str, content: bytes) -> None:
        with self.lock:
            kind, _old = self.pages[path]
            self.pages[path] = (kind, content)

    def paths_requested(self) -> list[str]:
        return [path for _t, path, _h in self.requests]

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                with site.lock:
                    site.requests.append((time.monotonic(), self.path, dict(self.headers)))
                    found = site.pages.get(self.path)
                if self.path in site.redirects:
                    self.send_response(301)
                    self.send_header("Location", site.redirects[self.path])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if found is None:
                    body = b"<html><body>404</body></html>"
                    self.send_response(404)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                if self.path == "/nb/slow.html":
                    time.sleep(SLOW_SECONDS)
                kind, body = found
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", kind)
                if self.path == "/odd/truncated.html":  # promises more than it sends, then hangs up
                    self.send_header("Content-Length", str(len(body)))
                    self.send_header("Connection", "close")
                    self.end_headers()
                    self.wfile.write(body[: len(body) // 2])
                    self.close_connection = True
                    return
                self.send_header("Content-Length", str(len(body)))
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", formatdate(usegmt=True))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (the slow page): what a real server sees too

        return Handler
