"""`orggraph schema|validate|load` as a user runs them: from any directory, on the file being
edited, with the repository's own sources, and with wording that says what happened."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

from neo4j import Driver

from loaders.validate import json_schema
from tests.support import DATA_DIR, ORGGRAPH


def cli(
    env: dict[str, str], *args: str, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [ORGGRAPH, *args],
        env={**env, "COLUMNS": "80"},
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_schema_from_any_directory_and_to_stdout(cli_env: dict[str, str], tmp_path: Path) -> None:
    dumped = cli(cli_env, "schema", "-o", "-", cwd=tmp_path)
    assert dumped.returncode == 0, dumped.stderr
    assert json.loads(dumped.stdout)["title"] == "orggraph dataset file"
    assert not (tmp_path / "-").exists()
    target = tmp_path / "sub" / "schema.json"
    written = cli(cli_env, "schema", "-o", str(target), cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    assert json.loads(target.read_text(encoding="utf-8")) == json_schema()


def test_validate_the_file_being_edited(cli_env: dict[str, str], tmp_path: Path) -> None:
    """A zone file alone references the vocabulary (domains, sources): those ids count as
    known, as they do for `load`, and its quotes are still checked."""
    ran = cli(cli_env, "validate", str(DATA_DIR / "zone-000.yaml"), cwd=tmp_path)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "unknown entity" not in ran.stderr
    assert ran.stdout.strip() == "1 file valid"
    assert "written" not in ran.stdout + ran.stderr

    # A copy in a data folder of one's own, with the vocabulary beside it.
    shutil.copytree(DATA_DIR / "vocab", tmp_path / "data" / "vocab")
    copy = tmp_path / "data" / "zone-000.yaml"
    text = (DATA_DIR / "zone-000.yaml").read_text(encoding="utf-8")
    changed, n = re.subn(r"(\n\s+quote: )(\S)", r"\1FABRICATED \2", text, count=1)
    assert n == 1
    copy.write_text(changed, encoding="utf-8")
    bad = cli(cli_env, "validate", str(copy), cwd=tmp_path)
    assert bad.returncode == 1
    problems = [line for line in bad.stderr.splitlines() if line.startswith(str(copy))]
    assert len(problems) == 1 and "quote not found in source" in problems[0], bad.stderr
    assert "1 problem in 1 file" in bad.stderr
    assert "written" not in bad.stderr  # validate never speaks of writing


def test_missing_sources_folder_is_one_message(cli_env: dict[str, str], tmp_path: Path) -> None:
    env = {**cli_env, "ORGGRAPH_SOURCES_DIR": str(tmp_path / "nowhere")}
    ran = cli(env, "validate", str(DATA_DIR))
    assert ran.returncode == 1
    problems = [line for line in ran.stderr.splitlines() if re.match(r"^.+:\d+:\d+: ", line)]
    assert len(problems) == 1, ran.stderr
    assert "sources folder" in problems[0] and "--no-quote-check" in problems[0]


def test_no_quote_check_warns_every_run(cli_env: dict[str, str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("sources"))
    zone = data / "zone-000.yaml"
    text = zone.read_text(encoding="utf-8")
    zone.write_text(re.sub(r"(\n\s+quote: )", r"\1FABRICATED ", text, count=1), "utf-8")
    env = {**cli_env, "ORGGRAPH_SOURCES_DIR": str(tmp_path / "nowhere")}
    for _ in range(2):
        ran = cli(env, "validate", str(data), "--no-quote-check")
        assert ran.returncode == 0, ran.stderr
        assert "warning: --no-quote-check: quotes are NOT checked" in ran.stderr


def test_load_dry_run_lists_old_and_new(
    db: Driver, cli_env: dict[str, str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    # The seeds only: data/examples cite texts beside them, left behind with "sources".
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("sources", "examples"))
    first = cli(cli_env, "load", str(data))
    assert first.returncode == 0, first.stderr
    last = first.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"\d+ changes", last), last  # "532 changes", not "change(s) changed"
    # Not a terminal: one line per phase with its timing, on stderr.
    for phase in ("validate", "plan", "write"):
        assert re.search(rf"^{phase}: \d+ \w+ in \d+\.\d\d s$", first.stderr, re.M), first.stderr
    zone = data / "zone-000.yaml"
    text = zone.read_text(encoding="utf-8")
    zone.write_text(
        text.replace("id: zone-000-dsi\n", "id: zone-000-dsi\n    description: nieuw\n", 1),
        encoding="utf-8",
    )
    dry = cli(cli_env, "load", str(data), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "1 change (dry run: nothing was written)" in dry.stdout
    assert '  zone-000: ~ Unit zone-000-dsi: description: (none) → "nieuw"' in dry.stdout
