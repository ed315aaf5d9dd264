from __future__ import annotations

import pytest

from onewindow import cli
from onewindow.config.env import ConfigError


def test_serve_refuses_debug_and_default_secrets(settings, capsys, monkeypatch):
    monkeypatch.setattr(cli, "_django", lambda: None)
    served = []
    monkeypatch.setattr(cli, "_serve_wsgi", lambda *a: served.append(a))
    settings.DEBUG = True
    assert cli.main(["serve"]) == 2
    err = capsys.readouterr().err
    assert "ONEWINDOW_DEBUG" in err
    assert "ONEWINDOW_SECRET_KEY" in err
    assert "ONEWINDOW_FIELD_KEY" in err
    assert served == []


def test_serve_starts_with_production_settings(settings, monkeypatch):
    monkeypatch.setattr(cli, "_django", lambda: None)
    monkeypatch.setattr(cli, "_manage", lambda *a: None)
    served = []
    monkeypatch.setattr(cli, "_serve_wsgi", lambda *a: served.append(a))
    settings.DEBUG = False
    settings.SECRET_KEY = "x" * 50
    settings.FIELD_ENCRYPTION_KEY = bytes(range(16))
    monkeypatch.setenv("ONEWINDOW_WEB_WORKERS", "3")
    assert cli.main(["serve", "--port", "8123"]) == 0
    assert cli.main(["serve", "--port", "8124", "--workers", "1", "--threads", "4"]) == 0
    assert served == [("127.0.0.1", 8123, 16, 3), ("127.0.0.1", 8124, 4, 1)]


def test_serve_defaults_to_one_process_per_cpu(monkeypatch):
    monkeypatch.delenv("ONEWINDOW_WEB_WORKERS", raising=False)
    monkeypatch.setattr(cli.os, "cpu_count", lambda: 2)
    assert cli._default_workers() == 2
    monkeypatch.setenv("ONEWINDOW_WEB_WORKERS", "lots")
    with pytest.raises(SystemExit, match="ONEWINDOW_WEB_WORKERS"):
        cli._default_workers()


def test_prefork_serves_from_several_processes_and_stops_on_sigterm(tmp_path):
    """Two server processes answer on one port; SIGTERM to the parent stops them all."""
    import http.client
    import os
    import signal
    import subprocess
    import sys
    import time

    code = (
        "import socket, sys\n"
        "from onewindow import cli\n"
        "sock = socket.create_server(('127.0.0.1', 0))\n"
        "print(sock.getsockname()[1], flush=True)\n"
        "def run():\n"
        "    from waitress import serve\n"
        "    import os\n"
        "    def app(environ, start):\n"
        "        start('200 OK', [('Content-Type', 'text/plain')])\n"
        "        return [str(os.getpid()).encode()]\n"
        "    serve(app, sockets=[sock], threads=2, _quiet=True)\n"
        "cli._prefork(2, run)\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "onewindow.config.settings"}
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        port = int(proc.stdout.readline())
        pids = set()
        deadline = time.monotonic() + 20
        while len(pids) < 2 and time.monotonic() < deadline:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            try:
                conn.request("GET", "/")
                pids.add(conn.getresponse().read().decode())
            except OSError:
                time.sleep(0.05)
            finally:
                conn.close()
        assert len(pids) == 2, pids
        assert str(proc.pid) not in pids
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0


def test_settings_fail_fast_on_bad_environment(monkeypatch):
    import importlib

    import onewindow.config.settings as settings_module

    for name, value in [
        ("ONEWINDOW_DEBUG", "maybe"),
        ("DATABASE_URL", "mysql://x/y"),
        ("ONEWINDOW_SECRET_KEY", "short"),
        ("ONEWINDOW_FIELD_KEY", "zz"),
        ("ONEWINDOW_TASK_BACKEND", "celery"),
        ("ONEWINDOW_OFFICE_HOURS_END", "5pm"),
    ]:
        monkeypatch.setenv(name, value)
        with pytest.raises(ConfigError, match=name):
            importlib.reload(settings_module)
        monkeypatch.delenv(name)
    importlib.reload(settings_module)


def test_unknown_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["frobnicate"])
    assert exc.value.code == 2
