"""Errors from ad-hoc Cypher speak of the analyst's own text: the EXPLAIN that checks the plan
first is never shown, and positions and the caret point into the text as it was sent."""

from __future__ import annotations

import re

import pytest
from neo4j import Driver

from graph.errors import QueryError
from queries.adhoc import run_readonly, without_explain
from tests.support import DATABASE

pytestmark = pytest.mark.reliability("unauthorised successes")

POSITION = re.compile(r"line (\d+), column (\d+) \(offset: (\d+)\)")


def error_of(driver: Driver, statement: str) -> str:
    with pytest.raises(QueryError) as e:
        run_readonly(driver, statement, database=DATABASE, timeout_s=10, row_limit=10)
    return str(e.value)


@pytest.mark.parametrize(
    ("statement", "bad"),
    [
        ("MTCH (n) RETURN n", "MTCH"),
        ("MATCH (n RETURN n", "RETURN"),
        ("MATCH (n) WHERE n.name = 'EXPLAIN ' RETURN nn", "nn"),
        ("MATCH (n)\nRETURN m", "m"),
    ],
)
def test_syntax_errors_point_into_the_statement(driver: Driver, statement: str, bad: str) -> None:
    message = error_of(driver, statement)
    assert "EXPLAIN MATCH" not in message and "EXPLAIN MTCH" not in message
    if "'EXPLAIN '" not in statement:
        assert "EXPLAIN" not in message
    line, column, offset = (int(g) for g in POSITION.search(message).groups())  # type: ignore[union-attr]
    assert statement[offset : offset + len(bad)] == bad, message
    text_line = statement.split("\n")[line - 1]
    assert text_line[column - 1 : column - 1 + len(bad)] == bad, message
    # The echoed line and its caret: the caret stands under the offending token.
    lines = message.split("\n")
    echo = next(i for i, x in enumerate(lines) if x.startswith('"'))
    assert lines[echo] == f'"{text_line}"'
    assert lines[echo + 1].index("^") == column  # one more for the opening quote


def test_errors_after_the_plan_check_are_left_alone(driver: Driver) -> None:
    message = error_of(driver, "RETURN toInteger('x') + $p")
    assert "EXPLAIN" not in message and "parameter" in message.lower()


def test_without_explain_on_a_neo4j_message() -> None:
    message = (
        "Invalid input 'x': expected an expression (line 1, column 16 (offset: 15))\n"
        '"EXPLAIN RETURN x +"\n'
        "                ^"
    )
    assert without_explain(message, "RETURN x +") == (
        "Invalid input 'x': expected an expression (line 1, column 8 (offset: 7))\n"
        '"RETURN x +"\n'
        "        ^"
    )
    later = (
        "Variable `m` not defined (line 3, column 8 (offset: 30))\n"
        + '"RETURN m"\n'
        + " " * 8
        + "^"
    )
    assert without_explain(later, "A\nB\nRETURN m") == later.replace("offset: 30", "offset: 22")
