"""Grouping facts into deployments: years far apart split, other currencies are not conflicts."""
from __future__ import annotations

from counterwatch.resolve.deployments import FactPoint, cluster, place_key


def _p(fact_id, source, year, amount=None, currency="CNY", place="cell:1:1"):
    return FactPoint(fact_id, source, "hikvision", "video_surveillance", "CN", place, year, amount, currency)


def test_years_apart_are_separate_deployments_and_undated_reports_join_a_single_one():
    clusters = cluster([_p(1, 1, 2015), _p(2, 2, 2021), _p(3, 3, 2022)])
    assert sorted(len(c.facts) for c in clusters) == [1, 2]
    single = cluster([_p(1, 1, 2019), _p(2, 2, None)])
    assert len(single) == 1 and single[0].sources == 2


def test_amounts_conflict_only_within_a_currency_and_beyond_rounding():
    same = cluster([_p(1, 1, 2019, 45_000_000), _p(2, 2, 2019, 45_100_000), _p(3, 3, 2019, 6_300_000, "USD")])
    assert same[0].conflicts() == {}
    differ = cluster([_p(1, 1, 2019, 45_000_000), _p(2, 2, 2020, 52_000_000)])
    assert set(differ[0].conflicts()) == {"amount", "year"}


def test_places_compare_by_grid_cell_across_languages():
    assert place_key("Kashgar", 39.47046, 75.989741, None) == place_key("喀什市", 39.467685, 75.99379, None)
    assert place_key("Urumqi", 43.83, 87.62, None) != place_key("Kashgar", 39.47, 75.99, None)
    assert place_key(None, 39.9, 116.4, "country") == "country"
