"""Files that hold personal data: private to their owner, written whole or not at all.

Every file the program writes with register data in it (the database and its backups,
exports, PDFs, error reports) is created owner-only (POSIX 0600; folders it creates 0700;
nothing to do on Windows, where the user's profile folders are private already).

Outputs are written under a temporary name beside the final one (``NAME.<pid>.part``) and
renamed into place only when complete (:class:`Outputs`), so a kill, a crash or a full disk
never leaves a truncated file under the real name. Each process notes the temporary files
it is writing in a small journal in the user's data folder; :func:`clear_leftovers`, run at
every start, removes what a process that died left behind, and the stray ``.tmp`` / ``.part``
files of a backup folder.

Qt-free and storage-free on purpose: the sheet writers (io), the services and the storage
layer all use it.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
PART = ".part"
LEFTOVER_SUFFIXES = (".part", ".tmp")
_POSIX = os.name == "posix"


def private_dir(path: Path | str, *, tighten: bool = False) -> Path:
    """Make the folder (and missing parents) owner-only; ``tighten`` also narrows an existing
    one (the program's own folders: backups, its data folder; never a folder the user chose)."""
    path = Path(path)
    if not path.is_dir():
        path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
        tighten = True
    if tighten and _POSIX:
        with contextlib.suppress(OSError):  # not ours to change: leave it as it is
            os.chmod(path, PRIVATE_DIR)
    return path


def make_private(path: Path | str) -> None:
    """Narrow an existing file to its owner (the register made by an older version)."""
    if _POSIX:
        with contextlib.suppress(OSError):
            if os.stat(path).st_mode & 0o077:
                os.chmod(path, PRIVATE_FILE)


def create_private(path: Path | str) -> Path:
    """Create an empty owner-only file (it must not exist), for a writer that opens it by name."""
    path = Path(path)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), PRIVATE_FILE)
    os.close(fd)
    return path


def fsync_file(path: Path | str) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path | str) -> None:
    if not _POSIX:  # directories cannot be opened on Windows; NTFS journals renames
        return
    fsync_file(path)


# -- outputs written whole ----------------------------------------------------------------


def journal_dir() -> Path:
    from gridkeeper.settings import data_dir

    return private_dir(data_dir() / "pending", tighten=True)


class Outputs:
    """Files being written: each under a temporary name until :meth:`publish` renames them.

    Use through :func:`written_whole`, which removes the temporary files when the work fails.
    """

    def __init__(self) -> None:
        self.pending: list[tuple[Path, Path]] = []  # (temporary, final)
        self.published: list[Path] = []

    def path_for(self, final: Path | str) -> Path:
        """An empty owner-only temporary file beside ``final``, for a writer to fill."""
        final = Path(final)
        if final.is_dir():
            raise IsADirectoryError(21, os.strerror(21), str(final))
        private_dir(final.parent)
        temporary = final.with_name(f"{final.name}.{os.getpid()}{PART}")
        _note(temporary)
        temporary.unlink(missing_ok=True)
        create_private(temporary)
        self.pending.append((temporary, final))
        return temporary

    def write(self, final: Path | str, data: bytes) -> Path:
        temporary = self.path_for(final)
        with open(temporary, "wb") as out:
            out.write(data)
        return temporary

    def publish(self) -> tuple[Path, ...]:
        """Flush every file to disk and rename it to its final name."""
        for temporary, _final in self.pending:
            fsync_file(temporary)
        folders = set()
        while self.pending:
            temporary, final = self.pending.pop(0)
            os.replace(temporary, final)
            self.published.append(final)
            folders.add(final.parent)
            _forget(temporary)
        for folder in folders:
            fsync_dir(folder)
        return tuple(self.published)

    def discard(self) -> None:
        for temporary, _final in self.pending:
            temporary.unlink(missing_ok=True)
            _forget(temporary)
        self.pending.clear()


@contextlib.contextmanager
def written_whole() -> Iterator[Outputs]:
    """Outputs that appear under their names only when :meth:`Outputs.publish` is reached.

    The caller writes the temporary files, records what it did (the audit row) and commits,
    then publishes: a failure anywhere before leaves neither a file nor a record, and every
    byte that reaches disk under a real name was recorded first.
    """
    outputs = Outputs()
    try:
        yield outputs
    finally:
        outputs.discard()


def _journal() -> Path:
    return journal_dir() / f"{os.getpid()}.txt"


def _note(temporary: Path) -> None:
    try:
        with open(_journal(), "a", encoding="utf-8") as out:
            out.write(str(temporary.resolve()) + "\n")
    except OSError:  # the data folder is not writable: the file is still written whole
        pass


def _forget(temporary: Path) -> None:
    journal = _journal()
    try:
        lines = [line for line in journal.read_text(encoding="utf-8").splitlines()
                 if line != str(temporary.resolve())]
        if lines:
            journal.write_text("\n".join(lines) + "\n", encoding="utf-8")
        else:
            journal.unlink()
    except OSError:
        pass


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        from gridkeeper.storage.lock import _alive as alive_on_windows

        return alive_on_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clear_leftovers(*places: tuple[Path, str]) -> list[Path]:
    """Remove what killed writers left: the temporary files their journals name, and stray
    ``.tmp`` / ``.part`` files starting with ``prefix`` in each ``(folder, prefix)`` (a
    database's own backups in a backup folder) whose writer is gone."""
    removed: list[Path] = []
    try:
        journals = list(journal_dir().glob("*.txt"))
    except OSError:
        journals = []
    for journal in journals:
        try:
            pid = int(journal.stem)
        except ValueError:
            continue
        if _alive(pid):
            continue
        try:
            names = journal.read_text(encoding="utf-8").splitlines()
        except OSError:
            continue
        for name in names:
            path = Path(name)
            if name and path.name.endswith(PART) and path.is_file():
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed.append(path)
        journal.unlink(missing_ok=True)
    for folder, prefix in places:
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            if (path.name.startswith(prefix) and path.suffix in LEFTOVER_SUFFIXES and path.is_file()
                    and not _being_written(path)):
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed.append(path)
    return removed


def _being_written(path: Path) -> bool:
    """A ``NAME.<pid>.part`` of a process still running is someone's work in progress."""
    parts = path.name.split(".")
    if len(parts) >= 3 and parts[-2].isdigit():
        return _alive(int(parts[-2]))
    return False
