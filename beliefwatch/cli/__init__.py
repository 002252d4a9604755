"""The command line: ``beliefwatch COMMAND FILES...``; no command (or only files): the window.

Each module in ``COMMAND_MODULES`` adds its subcommands with ``register(sub)``, which returns
``{name: handler}``; a handler takes the parsed arguments and returns the exit code.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from pathlib import Path

COMMAND_MODULES = (
    "beliefwatch.cli.basic",
    "beliefwatch.cli.training",
    "beliefwatch.cli.analysis",
    "beliefwatch.cli.pool",
)


def _parser() -> tuple[argparse.ArgumentParser, dict]:
    p = argparse.ArgumentParser(
        prog="beliefwatch",
        description="Bayesian credences for competing hypotheses. "
        "With no command, opens the window (on FILES, or on the bundled example; "
        "--engine pymc FILES: PyMC for every full update in it).",
        epilog="beliefwatch --self-test checks this installation end to end, offline.",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    handlers: dict = {}
    for name in COMMAND_MODULES:
        handlers.update(importlib.import_module(name).register(sub))
    return p, handlers


def _is_file_argument(arg: str) -> bool:
    """Files open the window; anything else is a command (a typo gets argparse's error)."""
    return arg.lower().endswith(".toml") or os.sep in arg or Path(arg).exists()


def _window_engine(argv: list[str]) -> str | None:
    """``beliefwatch --engine pymc [FILES]``: the window with PyMC forced for every update."""
    if argv[:1] != ["--engine"] or not all(_is_file_argument(a) for a in argv[2:]):
        return None
    engine = argv[1] if len(argv) > 1 else ""
    if engine not in ("auto", "pymc"):
        from beliefwatch.core.errors import CaseError

        raise CaseError(f"--engine {engine!r}: the window takes auto or pymc")
    return engine


def open_window(files: list[Path], engine: str = "auto") -> int:
    try:
        from beliefwatch.gui.app import main as gui_main
    except ImportError as e:
        if "beliefwatch.gui" not in str(e) and "PySide6" not in str(e):
            raise
        print("the window is not available in this build; use 'beliefwatch update'",
              file=sys.stderr)  # fmt: skip
        return 2
    return gui_main([str(f) for f in files], engine=engine)


class _Escaping:
    """A terminal's stream that shows control characters from the input as escapes (an ESC
    sequence in a hypothesis name must not retitle the window or move the cursor)."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        from beliefwatch.core.errors import printable

        return self._stream.write(printable(text, keep="\n\t"))

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def _safe_streams() -> None:
    """Unencodable text (a file name that is not UTF-8) is escaped rather than a traceback;
    a terminal gets no raw control characters; SIGTERM ends like Ctrl+C, so a write in
    progress removes its temporary file."""
    import signal

    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None or isinstance(stream, _Escaping):
            continue
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")
        try:
            tty = stream.isatty()
        except (ValueError, OSError):
            tty = False
        if tty:
            setattr(sys, name, _Escaping(stream))
    with contextlib.suppress(ValueError):  # not the main thread (in tests): leave it
        signal.signal(signal.SIGTERM, _terminated)


def _terminated(signum, frame) -> None:
    raise KeyboardInterrupt


def _os_error(e: OSError) -> str:
    from beliefwatch.core.errors import CaseError

    name = e.filename if isinstance(e.filename, str) else None
    return str(CaseError(e.strerror or str(e), file=name))


def main(argv: list[str] | None = None) -> int:
    from beliefwatch.core.errors import CaseError

    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv[:1] == ["--self-test"]:
            from beliefwatch.cli.selftest import run

            return run()
        if not argv or all(_is_file_argument(a) for a in argv):
            return open_window([Path(a) for a in argv])
        window_engine = _window_engine(argv)
        if window_engine is not None:
            return open_window([Path(a) for a in argv[2:]], engine=window_engine)
        _safe_streams()
        parser, handlers = _parser()
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_usage(sys.stderr)
            return 2
        return handlers[args.command](args)
    except CaseError as e:
        print(f"beliefwatch: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # Output piped into `head` and the like: the reader has what it wanted. Point stdout
        # at nothing so that the interpreter's final flush does not complain again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as e:
        print(f"beliefwatch: error: {_os_error(e)}", file=sys.stderr)
        return 2
    except MemoryError:
        print("beliefwatch: error: out of memory: the case is too big for this machine "
              "(fewer items, hypotheses or --draws)", file=sys.stderr)  # fmt: skip
        return 2
    except KeyboardInterrupt:
        print("beliefwatch: interrupted", file=sys.stderr)
        return 130
