"""The `onewindow` command.

onewindow demo [--reset] [--port N] [--host H]   demo data on SQLite, web server + worker
onewindow serve [--host H] [--port N] [--workers N]  production web server (settings from env)
onewindow worker                                  task worker + periodic jobs
onewindow setup-demo                              load demo data without serving (idempotent)
onewindow audit verify                            check the audit hash chain
onewindow manage <django command> ...             any Django management command
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

SETTINGS = "onewindow.config.settings"


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    import django

    try:
        django.setup()
    except Exception as exc:
        from onewindow.config.env import ConfigError

        if isinstance(exc, ConfigError):
            sys.exit(f"配置错误：{exc}")
        raise


def _manage(*argv: str) -> None:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["onewindow manage", *argv])


def _serve_wsgi(host: str, port: int, threads: int, workers: int = 1) -> None:
    """waitress on host:port. With `workers` > 1 (POSIX), the parent binds the socket and
    forks that many server processes sharing it (the kernel hands each new connection to
    one of them), so Python runs on every CPU; a process that dies is started again."""
    from waitress import serve  # type: ignore[import-untyped,unused-ignore]

    from onewindow.config.wsgi import application

    try:
        if workers <= 1 or not hasattr(os, "fork"):
            serve(application, host=host, port=port, threads=threads, ident="onewindow")
            return
        sock = socket.create_server((host, port), backlog=1024)
    except OSError as exc:
        sys.exit(
            f"无法在 {host}:{port} 上提供服务（{exc.strerror}）："
            "端口可能已被占用，请用 --port 指定其他端口"
        )
    except KeyboardInterrupt:
        print("已停止。")
        return
    _prefork(
        workers,
        lambda: serve(application, sockets=[sock], threads=threads, ident="onewindow"),
    )
    print("已停止。")


def _prefork(workers: int, run: Callable[[], None]) -> None:
    """Run `run()` in `workers` forked processes until SIGTERM or SIGINT; restart any that
    exits meanwhile (after a pause if it died within a second of starting)."""
    from django.db import connections

    connections.close_all()  # each process opens its own
    children: dict[int, float] = {}
    stopping = False

    def spawn() -> None:
        pid = os.fork()
        if pid == 0:  # the server process
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            code = 0
            try:
                run()
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        children[pid] = time.monotonic()

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for _ in range(workers):
        spawn()
    while children:
        try:
            pid, _status = os.wait()
        except ChildProcessError:
            break
        started = children.pop(pid, None)
        if started is None or stopping:
            continue
        print(f"网站进程 {pid} 已退出，正在重新启动", file=sys.stderr, flush=True)
        if time.monotonic() - started < 1:
            time.sleep(1)
        if not stopping:
            spawn()


def _default_workers() -> int:
    raw = os.environ.get("ONEWINDOW_WEB_WORKERS", "")
    if raw.strip():
        try:
            return max(1, int(raw))
        except ValueError:
            sys.exit(f"配置错误：ONEWINDOW_WEB_WORKERS 应为正整数，现为“{raw}”")
    return max(1, min(os.cpu_count() or 1, 8))


def cmd_manage(args: argparse.Namespace, rest: list[str]) -> int:
    _django()
    _manage(*rest)
    return 0


def cmd_setup_demo(args: argparse.Namespace, rest: list[str]) -> int:
    _django()
    _manage("migrate", "--no-input", "-v", "0")
    _manage("setup_demo")
    return 0


def cmd_audit(args: argparse.Namespace, rest: list[str]) -> int:
    _django()
    from onewindow.core import audit

    result = audit.verify()
    print(result)
    return 0 if result.ok else 1


def cmd_worker(args: argparse.Namespace, rest: list[str]) -> int:
    _django()
    _manage("run_worker", *rest)
    return 0


def _production_problems() -> list[str]:
    from django.conf import settings

    problems = []
    if settings.DEBUG:
        problems.append("ONEWINDOW_DEBUG 已开启：生产环境必须关闭调试模式")
    if settings.SECRET_KEY == settings.DEV_SECRET_KEY:
        problems.append("未设置 ONEWINDOW_SECRET_KEY：不能使用默认密钥")
    if bytes.fromhex(settings.DEV_FIELD_KEY) == settings.FIELD_ENCRYPTION_KEY:
        problems.append("未设置 ONEWINDOW_FIELD_KEY：不能使用默认的个人信息加密密钥")
    return problems


def cmd_serve(args: argparse.Namespace, rest: list[str]) -> int:
    _django()
    problems = _production_problems()
    if problems:
        print("拒绝启动：\n  - " + "\n  - ".join(problems), file=sys.stderr)
        return 2
    _manage("collectstatic", "--no-input", "-v", "0")
    print(f"onewindow 正在 http://{args.host}:{args.port} 提供服务", flush=True)
    _serve_wsgi(args.host, args.port, args.threads, args.workers)
    return 0


def cmd_demo(args: argparse.Namespace, rest: list[str]) -> int:
    var_dir = Path(os.environ.get("ONEWINDOW_VAR_DIR", Path.cwd() / "var")).resolve()
    os.environ["ONEWINDOW_VAR_DIR"] = str(var_dir)
    if "DATABASE_URL" in os.environ:
        print("演示模式使用内嵌 SQLite 数据库，已忽略 DATABASE_URL", file=sys.stderr)
        del os.environ["DATABASE_URL"]
    var_dir.mkdir(parents=True, exist_ok=True)
    db = var_dir / "onewindow.sqlite3"
    if args.reset:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        print(f"已清空演示数据库 {db}")
    _django()
    _manage("migrate", "--no-input", "-v", "0")
    from onewindow import demo

    result = demo.load_all()
    _manage("collectstatic", "--no-input", "-v", "0")
    worker = None
    if not args.no_worker:
        worker = subprocess.Popen(
            [sys.executable, "-m", "onewindow.cli", "worker"], env=os.environ.copy()
        )
    url = f"http://{args.host}:{args.port}"
    print(demo.banner(url=url, db=str(db), created=result.created), flush=True)
    try:
        _serve_wsgi(args.host, args.port, threads=8)
    finally:
        if worker is not None:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="onewindow", description="眉县一体化政务服务平台")
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="演示：内嵌 SQLite + 演示数据 + 网站 + 后台任务")
    demo.add_argument("--reset", action="store_true", help="清空演示数据库后重新载入")
    demo.add_argument("--port", type=int, default=8000)
    demo.add_argument("--host", default="127.0.0.1", help="默认只在本机回环地址上服务")
    demo.add_argument("--no-worker", action="store_true", help="不启动后台任务进程")
    demo.set_defaults(func=cmd_demo)

    serve = sub.add_parser("serve", help="生产环境网站（配置全部来自环境变量）")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--threads", type=int, default=16, help="每个网站进程的线程数")
    serve.add_argument(
        "--workers",
        type=int,
        default=_default_workers(),
        help="网站进程数（默认为 ONEWINDOW_WEB_WORKERS，未设置时为 CPU 核数）",
    )
    serve.set_defaults(func=cmd_serve)

    sub.add_parser("worker", help="后台任务与定时作业").set_defaults(func=cmd_worker)
    sub.add_parser("setup-demo", help="只载入演示数据（可重复执行）").set_defaults(
        func=cmd_setup_demo
    )
    sub.add_parser("manage", help="Django 管理命令", add_help=False).set_defaults(func=cmd_manage)
    audit = sub.add_parser("audit", help="审计链")
    audit.add_argument("action", choices=["verify"])
    audit.set_defaults(func=cmd_audit)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    if argv and argv[0] == "manage":
        args, rest = parser.parse_args(["manage"]), argv[1:]
    elif argv and argv[0] == "worker":
        args, rest = parser.parse_args(["worker"]), argv[1:]
    else:
        args, rest = parser.parse_args(argv), []
    return int(args.func(args, rest) or 0)


if __name__ == "__main__":
    sys.exit(main())
