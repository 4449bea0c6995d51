"""A small headless-Chromium driver over the DevTools protocol (no Playwright download needed).

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

    def load(self, url: str, wait_for: list[str], timeout: float = 60.0, screenshot: Path | None = None) -> PageResult:
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}/json/new?about:blank", method="PUT")
        target = json.loads(urllib.request.urlopen(req, timeout=10).read())
        return asyncio.run(self._load(target["webSocketDebuggerUrl"], url, wait_for, timeout, screenshot))

    async def _load(self, ws_url: str, url: str, wait_for: list[str], timeout: float, screenshot: Path | None) -> PageResult:
        result = PageResult(text="")
        ids = iter(range(1, 1_000_000))
        pending: dict[int, asyncio.Future] = {}
        urls: dict[str, str] = {}
        async with websockets.connect(ws_url, max_size=64 * 1024 * 1024) as ws:

            async def send(method: str, params: dict | None = None):
                i = next(ids)
                fut = asyncio.get_running_loop().create_future()
                pending[i] = fut
                await ws.send(json.dumps({"id": i, "method": method, "params": params or {}}))
                return await fut

            async def reader():
                async for raw in ws:
                    msg = json.loads(raw)
                    if "id" in msg and msg["id"] in pending:
                        pending.pop(msg["id"]).set_result(msg.get("result", {}))
                        continue
                    method, params = msg.get("method"), msg.get("params", {})
                    if method == "Network.requestWillBeSent":
                        urls[params["requestId"]] = params["request"]["url"]
                        result.requested.append(params["request"]["url"])
                    elif method == "Network.loadingFailed" and not params.get("canceled"):
                        result.failed.append(f"{urls.get(params['requestId'], '?')}: {params.get('errorText')}")
                    elif method == "Network.responseReceived" and params["response"]["status"] >= 400:
                        result.failed.append(f"{params['response']['url']}: HTTP {params['response']['status']}")

            task = asyncio.create_task(reader())
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
            task.cancel()
        return result
