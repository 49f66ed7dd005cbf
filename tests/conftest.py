"""Shared fixtures: the repo's example article and ../shared (present in CI beside the clone)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = REPO / "examples" / "biden-putin-call.txt"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"../shared is missing (expected at {SHARED}); CI provides it beside the clone")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    from eventwire.nlp import load_nlp

    return load_nlp()


# A gazetteer of cities of 15,000+ builds in seconds and holds every town the place tests need.
SMALL_GAZETTEER = 15000


@pytest.fixture(scope="session")
def small_gazetteer_dir(tmp_path_factory) -> Path:
    from eventwire.extract.places import rebuild

    directory = tmp_path_factory.getbasetemp() / "gazetteer-small"
    if not any(directory.glob("*.sqlite")):
        rebuild(directory, SMALL_GAZETTEER)
    return directory


@pytest.fixture
def small_gazetteer(monkeypatch, small_gazetteer_dir) -> Path:
    """Point the places stage at the small gazetteer (modules opt in with usefixtures)."""
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(small_gazetteer_dir))
    monkeypatch.setenv("EVENTWIRE_GAZETTEER_MIN_POPULATION", str(SMALL_GAZETTEER))
    return small_gazetteer_dir
