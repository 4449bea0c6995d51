"""A small headless-Chromium driver over the DevTools protocol (no Playwright download needed): the browser tests
load pages with it, the synthetic corpus prints its PDFs with it.

Loads a page, records every failed resource request (network errors and HTTP >= 400), and returns the
rendered text once it contains what the test waits for.
"""

import asyncio
import base64
import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import websockets

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-quic", "--window-size=2560,1600"]


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@dataclass
class PageResult:
    text: str
    failed: list[str] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)


class Browser:
    def __init__(self) -> None:
        self.profile = tempfile.mkdtemp(prefix="gongkai-chromium-")
        self.proc = subprocess.Popen([chromium_path(), *CHROMIUM_FLAGS, f"--user-data-dir={self.profile}",
                                      "--remote-debugging-port=0", "about:blank"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = Path(self.profile) / "DevToolsActivePort"
        deadline = time.time() + 30
        while not port_file.exists() or not port_file.read_text().strip():
            if time.time() > deadline:
                raise RuntimeError("chromium did not start")
            time.sleep(0.1)
        self.port = int(port_file.read_text().split()[0])

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)

    def _new_target(self) -> str:
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}/json/new?about:blank", method="PUT")
        return json.loads(urllib.request.urlopen(req, timeout=10).read())["webSocketDebuggerUrl"]

    def load(self, url: str, wait_for: list[str], timeout: float = 60.0, screenshot: Path | None = None) -> PageResult:
        return asyncio.run(self._load(self._new_target(), url, wait_for, timeout, screenshot))

    def print_pdfs(self, pages: list[Path], page_number: str | None = None) -> list[bytes]:
        """Each local HTML page printed to PDF (A4, with the text layer and fonts Chromium embeds). `page_number`
        "header" or "footer": each page's number printed alone at its top or foot, as many reports print it."""
        return asyncio.run(self._print(self._new_target(), pages, page_number))

    async def _print(self, ws_url: str, pages: list[Path], page_number: str | None = None) -> list[bytes]:
        out: list[bytes] = []
        options: dict = {"printBackground": False, "paperWidth": 8.27, "paperHeight": 11.69}
        if page_number is not None:
            number = '<div style="font-size:10px;width:100%;text-align:center"><span class="pageNumber"></span></div>'
            empty = "<span></span>"
            options.update(displayHeaderFooter=True, marginTop=0.6, marginBottom=0.6,
                           headerTemplate=number if page_number == "header" else empty,
                           footerTemplate=number if page_number == "footer" else empty)
        async with _Session(ws_url) as session:
            await session.send("Page.enable")
            for page in pages:
                await session.send("Page.navigate", {"url": page.resolve().as_uri()})
                while (await session.send("Runtime.evaluate", {"expression": "document.readyState", "returnByValue": True})
                       ).get("result", {}).get("value") != "complete":
                    await asyncio.sleep(0.02)
                pdf = await session.send("Page.printToPDF", options)
                out.append(base64.b64decode(pdf["data"]))
        return out

    async def _load(self, ws_url: str, url: str, wait_for: list[str], timeout: float, screenshot: Path | None) -> PageResult:
        result = PageResult(text="")
        urls: dict[str, str] = {}

        def on_event(method: str, params: dict) -> None:
            if method == "Network.requestWillBeSent":
                urls[params["requestId"]] = params["request"]["url"]
                result.requested.append(params["request"]["url"])
            elif method == "Network.loadingFailed" and not params.get("canceled"):
                result.failed.append(f"{urls.get(params['requestId'], '?')}: {params.get('errorText')}")
            elif method == "Network.responseReceived" and params["response"]["status"] >= 400:
                result.failed.append(f"{params['response']['url']}: HTTP {params['response']['status']}")

        async with _Session(ws_url, on_event) as session:
            send = session.send
            await send("Network.enable")
            await send("Page.enable")
            await send("Runtime.enable")
            await send("Page.navigate", {"url": url})
            deadline = time.time() + timeout
            while time.time() < deadline:
                await asyncio.sleep(0.5)
                res = await send("Runtime.evaluate", {"expression": "document.body ? document.body.innerText : ''",
                                                      "returnByValue": True})
                result.text = res.get("result", {}).get("value") or ""
                if all(w in result.text for w in wait_for):
                    break
            await asyncio.sleep(1.0)  # let late resource requests finish or fail
            if screenshot is not None:
                shot = await send("Page.captureScreenshot", {"format": "png"})
                screenshot.write_bytes(base64.b64decode(shot["data"]))
        return result


class _Session:
    """One DevTools websocket: `send` a command and await its result; events go to `on_event`."""

    def __init__(self, ws_url: str, on_event=None) -> None:
        self.ws_url, self.on_event = ws_url, on_event or (lambda method, params: None)
        self.ids = iter(range(1, 1_000_000_000))
        self.pending: dict[int, asyncio.Future] = {}

    async def __aenter__(self) -> "_Session":
        self.ws = await websockets.connect(self.ws_url, max_size=256 * 1024 * 1024)
        self.task = asyncio.create_task(self._read())
        return self

    async def __aexit__(self, *exc) -> None:
        self.task.cancel()
        await self.ws.close()

    async def send(self, method: str, params: dict | None = None) -> dict:
        i = next(self.ids)
        fut = asyncio.get_running_loop().create_future()
        self.pending[i] = fut
        await self.ws.send(json.dumps({"id": i, "method": method, "params": params or {}}))
        return await fut

    async def _read(self) -> None:
        async for raw in self.ws:
            msg = json.loads(raw)
            if "id" in msg and msg["id"] in self.pending:
                self.pending.pop(msg["id"]).set_result(msg.get("result", {}))
            elif "method" in msg:
                self.on_event(msg["method"], msg.get("params", {}))
