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
    assert cli.main(["serve", "--port", "8123"]) == 0
    assert served == [("127.0.0.1", 8123, 16)]


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
