"""Benchmarks for onewindow: `uv run python -m bench --list` (see bench/README.md)."""
