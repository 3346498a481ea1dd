"""data/dataset.schema.json, which editors read, is what the validator generates today, byte for
byte: as `orggraph schema` writes it. Pure: no Neo4j."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from loaders.validate import SCHEMA_FILE_NAME, json_schema, write_json_schema
from tests.support import DATA_DIR, ORGGRAPH

COMMITTED = DATA_DIR / SCHEMA_FILE_NAME
FIX = "run `orggraph schema` and commit data/dataset.schema.json"


def test_committed_schema_is_the_generated_one(tmp_path: Path) -> None:
    generated = tmp_path / SCHEMA_FILE_NAME
    write_json_schema(generated)
    assert COMMITTED.read_bytes() == generated.read_bytes(), FIX
    assert json_schema()["title"] == "orggraph dataset file"


def test_orggraph_schema_prints_the_committed_file(tmp_path: Path) -> None:
    """The CLI's output too, run where no Neo4j is configured (the command needs none)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ORGGRAPH_")}
    ran = subprocess.run(
        [ORGGRAPH, "schema", "-o", "-"],
        env={**env, "ORGGRAPH_HOME": str(tmp_path / "home")},
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr.decode(errors="replace")
    assert ran.stdout == COMMITTED.read_bytes(), FIX
