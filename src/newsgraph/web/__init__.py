"""The web UI and JSON API over a newsgraph database: `create_app(db)` for any ASGI server, `serve(db)` to run it.

Read-only: the server opens the database for reading only, so it can run while `newsgraph ingest` adds to it.

>>> from newsgraph.web import create_app
>>> app = create_app("newsgraph.db")  # doctest: +SKIP
"""

from __future__ import annotations

import errno
import socket
from collections.abc import Callable
from pathlib import Path

from newsgraph.web.app import create_app

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "ServeError", "create_app", "listen", "serve"]


class ServeError(Exception):
    """The server cannot listen where asked (the port is in use, the address is not this machine's…); the message
    names the address and says why, in one line."""


def serve(
    db: str | Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    log_level: str = "info",
    on_listening: Callable[[str], None] | None = None,
) -> None:
    """Serve the UI and API over `db` until interrupted. Raises `StoreError` first when `db` cannot be read, and
    `ServeError` when `host:port` cannot be listened on; `on_listening(url)` is called once it is listening.

    Binds to 127.0.0.1 unless told otherwise: the corpus stays on this machine.
    """
    import uvicorn

    from newsgraph.store import connect_readonly

    connect_readonly(db).close()  # fail now, with the reason, rather than on the first request
    # The socket is bound here, not by uvicorn, so that a busy port is an error before anything says "serving"
    # (uvicorn would log it and exit); and what is announced is then true: connections queue from now on.
    with listen(host, port) as sock:
        if on_listening is not None:
            on_listening(url(host, port))
        config = uvicorn.Config(create_app(db), host=host, port=port, log_level=log_level, server_header=False)
        uvicorn.Server(config).run(sockets=[sock])


def listen(host: str, port: int) -> socket.socket:
    """A TCP socket bound to `host:port` and listening; `ServeError` when it cannot be.

    >>> with listen("127.0.0.1", 0) as sock:
    ...     sock.getsockname()[0]
    '127.0.0.1'
    """
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except OSError as e:  # socket.gaierror: no such host
        raise ServeError(f"{host}: cannot listen there ({e.strerror or e})") from None
    sock = socket.socket(family, kind, proto)
    try:
        # As uvicorn does: a port left in TIME_WAIT by a server just stopped can be reused; one in use cannot.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError as e:
        sock.close()
        if e.errno == errno.EADDRINUSE:
            why = f"port {port} is in use by another program; choose another with --port"
        else:
            why = f"cannot listen there ({e.strerror or e})"
        raise ServeError(f"{url(host, port)}: {why}") from None
    return sock


def url(host: str, port: int) -> str:
    """The address of the server, as a browser takes it.

    >>> url("::1", 8000)
    'http://[::1]:8000/'
    """
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"
