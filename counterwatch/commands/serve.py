"""`counterwatch serve`: the web atlas."""
from __future__ import annotations

import click

from counterwatch.commands.common import DB_OPTION, open_database


@click.command()
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 for every interface; put a TLS proxy in front then).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
def serve(db: str | None, host: str, port: int) -> None:
    """Start the web atlas: search, map, timeline, network, evidence and analyst review."""
    import uvicorn

    from counterwatch.serve.web.app import create_app

    app = create_app(open_database(db))
    click.echo(f"Counterwatch atlas on http://{host}:{port}/", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False)
