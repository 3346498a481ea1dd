"""Settings errors name the variable to fix, pure: no Neo4j."""

from __future__ import annotations

import pytest

from graph.errors import ConfigError
from graph.settings import Settings, get_settings


def test_backend_is_one_of_three_and_a_bad_one_names_its_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert Settings(backend="jars").backend == "jars"
    monkeypatch.setenv("ORGGRAPH_BACKEND", "dockr")
    get_settings.cache_clear()
    try:
        with pytest.raises(ConfigError) as e:
            get_settings()
    finally:
        get_settings.cache_clear()
    assert str(e.value) == (
        "invalid setting ORGGRAPH_BACKEND='dockr': Input should be 'auto', 'docker' or 'jars'"
    )
