"""Writing a file the analyst trusts: atomically, never over an input, never over a read-only
file or a colleague's edit, through a symlink to its target, in the file's own line endings.

What this process last read or wrote at each path is remembered (modification time, size and a
SHA-256 of the bytes); a write to a path whose file no longer matches is refused with one line,
so that an edit made on disk in between (a colleague, another editor) is never lost.

A write goes to a hidden temporary file beside the target, ``.NAME.PID.RANDOM.tmp``, which
replaces the target only when complete. A failed or interrupted write removes it; one left by a
kill (nothing runs after ``kill -9``) is removed by the next write of the same file once the
process that made it is gone, or once it is an hour old. The loader never reads hidden files.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from beliefwatch.core.errors import CaseError

STALE_TEMP_SECONDS = 3600
_stamps: dict[str, tuple[int, int, str]] = {}


def _key(path: Path) -> str:
    return os.path.realpath(path)


def _stamp(st: os.stat_result, data: bytes) -> tuple[int, int, str]:
    return st.st_mtime_ns, st.st_size, hashlib.sha256(data).hexdigest()


def read_bytes(path: Path) -> bytes:
    """The file's bytes, remembered as read (a later write checks the file is still these)."""
    with open(path, "rb") as fh:
        data = fh.read()
        st = os.fstat(fh.fileno())
    _stamps[_key(path)] = _stamp(st, data)
    return data


def remember(path: Path, data: bytes) -> None:
    """Note ``data`` as what is now at ``path`` (read by another route, or just written)."""
    with contextlib.suppress(OSError):
        _stamps[_key(path)] = _stamp(os.stat(path), data)


def check_unchanged(path: Path) -> None:
    """Refuse when the file changed on disk since this process read or wrote it."""
    known = _stamps.get(_key(path))
    if known is None:
        return
    try:
        st = os.stat(path)
    except FileNotFoundError:
        # Removed since (a cleared recovery file, a folder tidied up): nothing to overwrite.
        _stamps.pop(_key(path), None)
        return
    if (st.st_mtime_ns, st.st_size) == known[:2]:
        return
    data = Path(path).read_bytes()
    if hashlib.sha256(data).hexdigest() == known[2]:
        return  # touched, not changed
    raise CaseError(
        "changed on disk since it was read (another program or a colleague edited it); "
        "not written, so that edit is kept: open it again, or save under another name",
        file=path,
    )


def check_not_input(output: Path, inputs: Iterable[Path]) -> None:
    """Refuse to write over a file the command reads."""
    for p in inputs:
        if _same_file(output, Path(p)):
            raise CaseError(
                f"is an input of this command ({Path(p).name}); not overwritten: "
                "write to another file",
                file=output,
            )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def check_writable(path: Path) -> None:
    """Refuse a file that is itself read-only: replacing it would need only the folder's
    permission, and would undo the owner's choice. (Root may write anything: the mode bits
    say what the owner meant.)"""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return
    if stat.S_ISDIR(st.st_mode):
        raise CaseError("is a folder, not a file", file=path)
    if not st.st_mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        raise CaseError("is read-only; not written (make it writable, or save under another name)",
                        file=path)  # fmt: skip


def resolved_target(path: Path) -> Path:
    """Where writing ``path`` lands: a symlink's final target, so the link stays a link."""
    path = Path(path)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def line_ending(path: Path) -> str:
    """The existing file's line ending (CRLF when its first line ends so), else LF."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(65536)
    except OSError:
        return "\n"
    first = head.find(b"\n")
    return "\r\n" if first > 0 and head[first - 1 : first] == b"\r" else "\n"


def atomic_write(path: str | Path, text: str | bytes, *, inputs: Iterable[Path] = ()) -> Path:
    """Write ``text`` to ``path`` (its symlink target), replacing the file only once complete.

    Refused, with one line naming the file: an input of the command, a read-only file, a file
    changed on disk since it was read. Text keeps the existing file's line endings.
    """
    target = resolved_target(Path(path))
    check_not_input(target, inputs)
    check_writable(target)
    check_unchanged(target)
    if isinstance(text, str):
        nl = line_ending(target)
        text = text.replace("\r\n", "\n")
        try:
            data = (text.replace("\n", nl) if nl != "\n" else text).encode("utf-8")
        except UnicodeEncodeError as e:  # a lone surrogate: a file name that was not UTF-8
            raise CaseError(f"not written: it would hold {e.object[e.start:e.end]!r}, which is "
                            "not Unicode text (a name read from a file name that is not UTF-8?)",
                            file=target) from None  # fmt: skip
    else:
        data = text
    tmp: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(target)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp",
                                   dir=target.parent)  # fmt: skip
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except OSError as e:
        # Name the case file, not the temporary file the error was raised on.
        raise CaseError(f"cannot write: {e.strerror or e}", file=target) from None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    remember(target, data)
    return target


def remove_stale_temps(target: Path) -> list[Path]:
    """Remove the temporary files a killed write of ``target`` left behind."""
    pattern = re.compile(r"^\." + re.escape(target.name) + r"\.(?:(\d+)\.)?[^.]+\.tmp$")
    removed = []
    try:
        names = os.listdir(target.parent)
    except OSError:
        return removed
    for name in names:
        m = pattern.match(name)
        if not m:
            continue
        p = target.parent / name
        try:
            old = time.time() - p.stat().st_mtime > STALE_TEMP_SECONDS
            if old or (m.group(1) and not _alive(int(m.group(1)))):
                p.unlink()
                removed.append(p)
        except OSError:
            continue
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True


def _mode_for(path: Path) -> int:
    """An existing file keeps its mode; a new one gets what any editor gives (0666 - umask).

    mkstemp creates its file 0600, which would hide a shared case from colleagues.
    """
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
