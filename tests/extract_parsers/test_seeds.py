"""The finders on the shared seed articles, read at run time (skipped when ../shared is absent)."""
from pathlib import Path

import pytest

from counterwatch.extract.amounts import find_amounts
from counterwatch.extract.dates import find_years
from counterwatch.extract.quantities import find_quantities

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
UNITS = {"cameras": "camera", "camera": "camera", "surveillance cameras": "camera", "profiles": "profile"}


def seed(prefix: str) -> str:
    paths = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not paths:
        pytest.skip("shared seeds not available")
    return paths[0].read_text(encoding="utf-8")


def test_seed_quantities_and_no_people():
    text = seed("000")
    values = {(q.value, q.unit) for q in find_quantities(text, UNITS)}
    assert (415_000_000, "camera") in values
    assert not {v for v, _ in values} & {97_000_000, 1500}


def test_seed_profiles_and_no_percentages():
    text = seed("002")
    assert (110_000, "profile") in {(q.value, q.unit) for q in find_quantities(text, UNITS)}
    assert find_amounts(text) == []
    assert 3100 not in {y.value for y in find_years(text)}


def test_seed_years():
    assert {y.value for y in find_years(seed("001"))} == {2020}
    assert {2010, 2019} <= {y.value for y in find_years(seed("004"))}
