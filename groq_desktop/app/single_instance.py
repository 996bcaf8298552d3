"""One Groq Desktop per data folder: a lock file says who owns the folder, a local socket carries a
later launch's files to the owner (which comes to the front and queues them as if dropped).

Two instances on one folder would purge each other's undo, mark each other's live replies
incomplete, resume the same transcription twice and run two limiters against one quota.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import time
from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QByteArray, QLockFile, QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

LOCK_FILE_NAME = "instance.lock"
_ACK = b"ok\n"

Receiver = Callable[[list[Path]], None]


class Ownership(Enum):
    OWNER = "owner"
    TAKEN = "taken"  # another live instance holds the folder
    NO_ACCESS = "no access"  # the lock file cannot be written (read-only folder)


def server_name(data_dir: Path) -> str:
    """Per user and per data folder, so portable homes (and tests) never meet each other."""
    digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid
        user = "user"
    return f"groq-desktop-{user}-{digest}"


class InstanceGuard(QObject):
    """Held by the running instance for its whole life; ``release()`` at exit."""

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.name = server_name(data_dir)
        self._lock = QLockFile(str(data_dir / LOCK_FILE_NAME))
        self._lock.setStaleLockTime(0)  # only a dead owner's lock is stale, however old a live one is
        self._server: QLocalServer | None = None
        self._receiver: Receiver | None = None
        self._pending: list[list[Path]] = []
        self._buffers: dict[QLocalSocket, QByteArray] = {}

    def acquire(self, wait_ms: int = 0) -> Ownership:
        """Take the folder (waiting up to ``wait_ms`` for an owner that is quitting) and listen."""
        if not self._lock.tryLock(wait_ms):
            if self._lock.error() == QLockFile.LockError.LockFailedError:
                return Ownership.TAKEN
            return Ownership.NO_ACCESS
        # We hold the lock, so a socket of this name can only be left by an owner that crashed.
        QLocalServer.removeServer(self.name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if server.listen(self.name):
            server.newConnection.connect(self._accept)
            self._server = server
            log.info("owning %s; later launches hand their files over on %s", self.data_dir, self.name)
        else:  # still the owner; a later launch will say it cannot reach us
            log.warning("cannot listen on %s: %s", self.name, server.errorString())
        return Ownership.OWNER

    def set_receiver(self, receiver: Receiver) -> None:
        """Where handed-over files go; what arrived before (during start-up) is delivered now."""
        self._receiver = receiver
        pending, self._pending = self._pending, []
        for files in pending:
            receiver(files)

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    def _accept(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            self._buffers[socket] = QByteArray()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._drop(s))

    def _read(self, socket: QLocalSocket) -> None:
        buffer = self._buffers.get(socket)
        if buffer is None:
            return
        buffer.append(socket.readAll())
        if not bytes(buffer.data()).endswith(b"\n"):
            return
        try:
            message = json.loads(bytes(buffer.data()).decode("utf-8"))
            files = [Path(str(f)) for f in message.get("files", [])]
        except (ValueError, AttributeError):
            log.warning("ignoring a malformed message from another launch")
            socket.disconnectFromServer()
            return
        socket.write(_ACK)
        socket.flush()
        log.info("another launch handed over %d file(s): %s", len(files), ", ".join(f.name for f in files) or "-")
        if self._receiver is None:
            self._pending.append(files)
        else:
            self._receiver(files)

    def _drop(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()


def hand_over(name: str, files: Sequence[Path], timeout: float = 10.0) -> bool:
    """From a second launch: give the owner our files (absolute paths); True once it acknowledged.

    Retries for ``timeout`` seconds, since an owner that has just taken the lock may not listen yet.
    """
    payload = json.dumps({"files": [str(Path(f).resolve()) for f in files]}).encode("utf-8") + b"\n"
    deadline = time.monotonic() + timeout
    while True:
        socket = QLocalSocket()
        socket.connectToServer(name)
        if socket.waitForConnected(1000):
            socket.write(payload)
            socket.waitForBytesWritten(2000)
            reply = b""
            while not reply.endswith(b"\n") and socket.waitForReadyRead(5000):
                reply += bytes(socket.readAll().data())
            socket.disconnectFromServer()
            if reply == _ACK:
                return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)
