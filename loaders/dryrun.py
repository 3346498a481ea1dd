"""What `--dry-run` shows: each change field by field, and what the real load would refuse.

Nothing here writes: the manifests and the stored facts are read outside any transaction.
"""

from __future__ import annotations

import json
from typing import Any, Final

from neo4j import Driver

from graph.errors import LoadConflict
from graph.placement import PLACEMENT_PROPS
from loaders.plan import Group, Plan
from loaders.write import PhaseReporter, Run, reader, refuse_takeover

# Bookkeeping that changes whenever anything else does: not worth a line of its own.
_UNLISTED: Final = frozenset({"content_hash", "search_text"}) | PLACEMENT_PROPS
_SHOWN_CHARS: Final = 60


def _plain(value: Any) -> Any:
    """Comparable plain data: driver dates and Python dates as ISO text, tuples as lists."""
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _shown(value: Any) -> str:
    if value is None:
        return "(none)"
    text = json.dumps(_plain(value), ensure_ascii=False, default=str)
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"


def field_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """`key: old → new` for every property that differs (absent and null are the same)."""
    changes = []
    for key in sorted((set(old) | set(new)) - _UNLISTED):
        before, after = _plain(old.get(key)), _plain(new.get(key))
        if before != after:
            changes.append(f"{key}: {_shown(before)} → {_shown(after)}")
    return changes


def _explain_changes(run: Run, plan: Plan) -> None:
    """Append to each `~` detail line what the write would change, field by field."""
    extra: dict[str, list[str]] = {}
    base, name = plan.base, plan.dataset
    ids = [r.id for r in plan.changed_entities]
    old_e = {r["id"]: r["props"] for r in run("entity_state", ids=ids)} if ids else {}
    for e in plan.changed_entities:
        extra[f"~ {e.kind} {e.id}"] = field_changes(old_e.get(e.id, {}), e.stored(name, base))
    keys = [r.identity(start) for r, start in plan.changed_relations]
    old_r = {(o["type"], o["id"]): o for o in run("relation_state", rows=keys)} if keys else {}
    for r, _ in plan.changed_relations:
        stored = old_r.get((r.type, r.id))
        old = (
            {**stored["props"], "from": stored["from_id"], "to": stored["to_id"]} if stored else {}
        )
        extra[f"~ {r.type} {r.id}"] = field_changes(old, r.stored(name, base))
    ids = [f.id for f in plan.changed_staffing]
    old_s = {r["id"]: r["props"] for r in run("staffing_state", ids=ids)} if ids else {}
    for f in plan.changed_staffing:
        extra[f"~ Staffing {f.id}"] = field_changes(old_s.get(f.id, {}), f.stored(name))
    plan.change.details = [
        f"{line}: {'; '.join(extra[line])}" if extra.get(line) else line
        for line in plan.change.details
    ]


def _refused(run: Run, plan: Plan) -> None:
    """What the real load would refuse, reported by --dry-run too."""
    refuse_takeover(
        run,
        plan,
        plan.write_entities,
        plan.write_relations,
        hint="; the load would be refused",
    )
    if plan.drop_entities:
        refs = run("foreign_references", ids=plan.drop_entities, dataset=plan.dataset)
        if refs:
            raise LoadConflict(
                f"--prune would remove entities of {plan.dataset} that other datasets still "
                f"reference ({len(refs)} relation(s)); the load would be refused"
            )


def dry_run(
    driver: Driver,
    groups: list[Group],
    *,
    database: str,
    prune: bool,
    phases: PhaseReporter | None,
) -> None:
    """Diff every plan against its manifest as the load would, writing nothing."""
    run = reader(driver, database=database)
    for n, group in enumerate(groups, 1):
        if phases is not None:
            phases.advance("write", n - 1, len(groups))
        for plan in group.plans:
            plan.build()
            plan.diff(run("read_manifest", dataset=plan.dataset)[0], prune=prune)
            _explain_changes(run, plan)
            _refused(run, plan)
