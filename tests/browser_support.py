"""A running `streamlit run app.py` and a Debian Chromium driven by Playwright, for browser tests."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("BROWSER_PATH", "/usr/bin/chromium")
# As root Chromium refuses to start without --no-sandbox; the others stop it calling out to a network
# this machine does not have.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_or_skip() -> str:
    if shutil.which(CHROMIUM) or Path(CHROMIUM).exists():
        return CHROMIUM
    if os.environ.get("CI"):
        pytest.fail(f"Chromium not found at {CHROMIUM}; .ci/run installs Debian's chromium package")
    pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`streamlit run <app>` on a free loopback port, for tests and benchmarks alike.

    It runs from the project root, so .streamlit/config.toml applies; an entry point of another checkout
    (a benchmark's 'before') runs from its own folder instead.
    """

    def __init__(self, app: Path = ROOT / "app.py", port: int | None = None, log: Path | None = None,
                 flags: tuple[str, ...] = (), base_url_path: str = "", env: dict | None = None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        ARTIFACTS.mkdir(exist_ok=True)
        self.log = log or ARTIFACTS / f"streamlit-{self.port}.log"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(app), "--server.headless", "true",
             "--server.port", str(self.port), "--server.address", "127.0.0.1",
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
             "--server.baseUrlPath", base_url_path, *flags],
            cwd=app.parent if app.name == "app.py" else ROOT, stdout=self.log.open("w"), stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
        )
        self._health = f"{self.url}/{base_url_path + '/' if base_url_path else ''}_stcore/health"
        self._wait()

    @property
    def pid(self) -> int:
        return self.proc.pid

    def _wait(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited early; see {self.log}")
            try:
                with urllib.request.urlopen(self._health, timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise TimeoutError(f"streamlit did not become healthy in {timeout}s; see {self.log}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


TWO_PROCESSES = ROOT / "deploy" / "two_processes.sh"


@dataclass(frozen=True)
class Deployment:
    """Two processes behind nginx: its plain and TLS addresses, and the folder it runs in."""

    url: str
    tls_url: str
    run: Path


def http_url(port: int) -> str:
    return f"http://127.0.0.1:{port}"


@contextlib.contextmanager
def behind_nginx(http_port: int | None = None, **env):
    """deploy/two_processes.sh on free ports, in a folder of its own: two processes behind Debian's nginx,
    stopped afterwards. Keyword arguments go into the processes' environment (Streamlit reads its options
    from STREAMLIT_* variables)."""
    if not shutil.which("nginx"):
        if os.environ.get("CI"):
            pytest.fail("nginx not found; .ci/run installs Debian's nginx package")
        pytest.skip("nginx not found (apt-get install nginx)")
    http_port = http_port or free_port()
    https_port = free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    run = Path(tempfile.mkdtemp(prefix="nginx-", dir=ARTIFACTS))
    run.chmod(0o755)  # nginx's workers (not root) read the copied bundles from here
    env = {**os.environ, "PYTHON": sys.executable, "RUN": str(run), "HTTP_PORT": str(http_port),
           "HTTPS_PORT": str(https_port), "APP_PORTS": f"{free_port()} {free_port()}", **env}
    subprocess.run(["bash", str(TWO_PROCESSES), "start"], cwd=ROOT, env=env, check=True, timeout=180, capture_output=True)
    try:
        yield Deployment(http_url(http_port), f"https://127.0.0.1:{https_port}", run)
    finally:
        subprocess.run(["bash", str(TWO_PROCESSES), "stop"], cwd=ROOT, env=env, timeout=60, capture_output=True)


# --- Waiting for a state, and reading it -------------------------------------------------------------------------

AXE_RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}


def script_finished(page, timeout: int = 60_000):
    """Wait until the script's run has finished. The app's root says so; the status widget ("Running… Stop") is
    no sign, since Streamlit shows it only once a run has lasted a moment, and a heading can come before it."""
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stApp\"]')?.dataset.testScriptState === 'notRunning'",
        timeout=timeout)


def settle(page, timeout: int = 60_000):
    """Wait until the page has a heading, its script run has finished, and nothing on it is still fading."""
    page.wait_for_selector("h1", timeout=timeout)
    script_finished(page, timeout)
    # An element left from the run before is drawn faded until the run replaces it, then fades back in: read
    # mid-fade, its text would fail a contrast check that it passes once still.
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')", timeout=timeout)
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')", timeout=timeout)


def serious(page) -> list[tuple[str, str]]:
    """Each serious or critical WCAG violation that axe-core finds: its rule, and the element (to find it from a log)."""
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page, options=AXE_RULES).response["violations"]
    return [(v["id"], n["html"][:200]) for v in found if v["impact"] in ("serious", "critical") for n in v["nodes"]]
