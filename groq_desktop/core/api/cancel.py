"""Cancelling a request from another thread without waiting for it.

A thread blocked in a socket read holds the reader's lock, so closing the response from another
thread waits until the read returns (up to the read timeout). ``CancelToken.set()`` instead shuts
the socket down, which wakes the blocked read at once; the reading thread then cleans up itself.

The token reaches the connection through a thread-local: the request runs on the thread that sent
it, and the pool hands that thread its connection (``_CancellablePool._get_conn``).
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from typing import Any

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

_current = threading.local()


class CancelToken(threading.Event):
    """An ``Event`` whose ``set()`` also aborts the HTTP connection of the request it was given to."""

    def __init__(self) -> None:
        super().__init__()
        self._guard = threading.Lock()
        self._connections: set[HTTPConnection] = set()

    def set(self) -> None:
        super().set()
        with self._guard:  # held while shutting down, so a connection just handed back is never touched
            for connection in self._connections:
                _shutdown(connection)

    def attach(self, connection: HTTPConnection) -> None:
        with self._guard:
            self._connections.add(connection)
            connection._groq_cancel = self  # type: ignore[attr-defined]
            if self.is_set():
                _shutdown(connection)

    def detach(self, connection: HTTPConnection) -> None:
        with self._guard:
            self._connections.discard(connection)
            connection._groq_cancel = None  # type: ignore[attr-defined]


@contextlib.contextmanager
def cancellable(token: CancelToken) -> Iterator[None]:
    """Connections taken from the pool on this thread inside the block answer to ``token``."""
    previous = getattr(_current, "token", None)
    _current.token = token
    try:
        yield
    finally:
        _current.token = previous


def _shutdown(connection: HTTPConnection) -> None:
    # After a "Connection: close" response http.client drops conn.sock and the response reads on alone.
    sock = connection.sock or getattr(connection, "_groq_sock", None)
    if sock is not None:
        with contextlib.suppress(OSError):
            # The plain socket's shutdown: SSLSocket.shutdown would also drop its TLS object under the reader.
            socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _CancelOnConnect:
    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        self._groq_sock = self.sock  # type: ignore[attr-defined]
        token = getattr(self, "_groq_cancel", None)
        if token is not None and token.is_set():  # cancelled while connecting: the socket was not there yet
            self.close()  # type: ignore[attr-defined]
            raise ConnectionAbortedError("the request was cancelled")


class _HTTPConnection(_CancelOnConnect, HTTPConnection):
    pass


class _HTTPSConnection(_CancelOnConnect, HTTPSConnection):
    pass


class _CancellablePool:
    def _get_conn(self, timeout: float | None = None) -> Any:
        connection = super()._get_conn(timeout)  # type: ignore[misc]
        token = getattr(_current, "token", None)
        if token is not None:
            token.attach(connection)
        return connection

    def _put_conn(self, connection: Any) -> None:
        token = getattr(connection, "_groq_cancel", None)
        if token is not None:
            token.detach(connection)
        super()._put_conn(connection)  # type: ignore[misc]


class _HTTPPool(_CancellablePool, HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(_CancellablePool, HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


_POOLS = {"http": _HTTPPool, "https": _HTTPSPool}


class CancellableAdapter(HTTPAdapter):
    """An ``HTTPAdapter`` whose connections a ``CancelToken`` can abort."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _POOLS

    def proxy_manager_for(self, proxy: str, **kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **kwargs)
        if not proxy.lower().startswith("socks"):  # SOCKS needs its own pool classes
            manager.pool_classes_by_scheme = _POOLS
        return manager
