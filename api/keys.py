"""Demo API keys: `make demo` must work without configuration yet never run keyless."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from pathlib import Path

from pydantic import SecretStr

from graph.files import write_private
from graph.settings import Settings

KEYS_FILE_NAME = "api-keys"


def demo_keys_file(settings: Settings) -> Path:
    return settings.home / KEYS_FILE_NAME


def ensure_demo_keys(settings: Settings, *, echo: Callable[[str], None] = print) -> Settings:
    """Settings with API keys: configured keys win; else the keys of an earlier demo (stored in
    ``settings.home / "api-keys"``, mode 0600); else a fresh reader and analyst key, stored
    there and shown once through `echo` (the console, never a log)."""
    if settings.api_keys is not None and settings.api_keys.get_secret_value().strip():
        return settings
    path = demo_keys_file(settings)
    if path.is_file():
        stored = path.read_text(encoding="utf-8").strip()
        if stored:
            echo(f"API keys: using the demo keys stored in {path} (ORGGRAPH_API_KEYS format)")
            return settings.model_copy(update={"api_keys": SecretStr(stored)})
    reader, analyst = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
    line = f"reader:{reader},analyst:{analyst}"
    write_private(path, line + "\n")
    echo(f"API keys generated for this demo (shown once; stored with mode 0600 in {path}):")
    echo(f"  reader  key: {reader}")
    echo(f"  analyst key: {analyst}")
    echo("  send one as the X-API-Key header: curl -H 'X-API-Key: <key>' …/api/v1/search?q=drugs")
    return settings.model_copy(update={"api_keys": SecretStr(line)})
