"""The web UI and JSON API over a newsgraph database: `create_app(db)` for any ASGI server, `serve(db)` to run it.

Read-only: the server opens the database for reading only, so it can run while `newsgraph ingest` adds to it.

>>> from newsgraph.web import create_app
>>> app = create_app("newsgraph.db")  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

from newsgraph.web.app import create_app

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "create_app", "serve"]


def serve(db: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, log_level: str = "info") -> None:
    """Serve the UI and API over `db` until interrupted. Raises `StoreError` first when `db` cannot be read.

    Binds to 127.0.0.1 unless told otherwise: the corpus stays on this machine.
    """
    import uvicorn

    from newsgraph.store import connect_readonly

    connect_readonly(db).close()  # fail now, with the reason, rather than on the first request
    uvicorn.run(create_app(db), host=host, port=port, log_level=log_level, server_header=False)
