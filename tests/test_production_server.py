"""The production server (docs/operations.md, "The production server"): gunicorn.conf.py's
values, and gunicorn started with it serving the sign-in page on a loopback port with the
production settings, logging no query string.
"""

from __future__ import annotations

import multiprocessing
import os
import runpy
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CONFIG = REPO / "gunicorn.conf.py"


def load_config(monkeypatch: pytest.MonkeyPatch, **environ: str) -> dict[str, object]:
    for name in (
        "WEB_CONCURRENCY",
        "GUNICORN_TIMEOUT",
        "THROUGHCARE_BIND",
        "GUNICORN_MAX_REQUESTS",
    ):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONFIG))


def test_the_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    config = load_config(monkeypatch)
    assert config["wsgi_app"] == "throughcare.wsgi:application"
    assert config["workers"] == multiprocessing.cpu_count() * 2 + 1
    assert config["worker_class"] == "sync"
    assert config["timeout"] == 30
    assert config["preload_app"] is True
    assert (config["max_requests"], config["max_requests_jitter"]) == (10000, 1000)
    assert config["bind"] == ["127.0.0.1:8000"]
    log_format = str(config["access_log_format"])
    assert "%(U)s" in log_format
    for atom in ("%(r)s", "%(q)s", "%(h)s", "%(a)s", "%(f)s"):  # request line, query, client
        assert atom not in log_format


def test_the_environment_changes_workers_timeout_and_address(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = load_config(
        monkeypatch,
        WEB_CONCURRENCY="3",
        GUNICORN_TIMEOUT="45",
        THROUGHCARE_BIND="unix:/run/t",
        GUNICORN_MAX_REQUESTS="2000",
    )
    assert (config["workers"], config["timeout"], config["bind"]) == (3, 45, ["unix:/run/t"])
    assert (config["max_requests"], config["max_requests_jitter"]) == (2000, 200)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str, deadline: float) -> tuple[int, str]:
    # The header the proxy would add; the URL is always http://127.0.0.1.
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})  # noqa: S310
    while True:
        try:
            with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_gunicorn_serves_the_sign_in_page(tmp_path: Path) -> None:
    port = free_port()
    environ = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "throughcare.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "THROUGHCARE_AUDIT_KEYS": f"server-test:{secrets.token_urlsafe(32)}",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "THROUGHCARE_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
    }
    log = tmp_path / "gunicorn.log"
    with log.open("wb") as output:
        server = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "gunicorn", "-c", str(CONFIG)],
            cwd=REPO,
            env=environ,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            status, page = fetch(
                f"http://127.0.0.1:{port}/sign-in/?next=/search/%3Fq%3DSecretname",
                time.monotonic() + 60,
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
    written = log.read_text()
    assert status == 200, written
    assert "<h1" in page and "Sign in" in page
    assert '"GET /sign-in/" 200' in written
    assert "Secretname" not in written and "next=" not in written
