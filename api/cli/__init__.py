"""The `orggraph` command line (Typer + rich): main.py builds the app and attaches each area's
commands by name (data, query, viz, export); driver.py opens the one Neo4j a command uses;
output.py is the one place it prints. `main` is the console entry point (pyproject.toml)."""

from api.cli.main import app, main

__all__ = ["app", "main"]
