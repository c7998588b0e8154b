"""Issue 15 item 5: a mandate's title as it stood on the document's date, from the dated title
history, checked against the seeds' own wording (each letter writes its day's titles)."""

from __future__ import annotations

from pathlib import Path

import pytest

from backends import memory_store_with
from rightsgraph.graph.pages import communication_page
from rightsgraph.graph.store import Store
from rightsgraph.loaders.facts import PartialDate
from rightsgraph.loaders.pipeline import load_file
from rightsgraph.loaders.reference.mandate_table import TITLE_HISTORY
from rightsgraph.loaders.reference.mandates import mandate_by_id, title_on


@pytest.fixture(scope="module")
def store(seed_paths: list[Path]) -> Store:
    return memory_store_with(seed_paths)


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("reference", ["AL CHN 3/2021", "AL USA 2/2021", "AL OTH 11/2023"])
def test_letter_shows_the_titles_of_its_day_as_it_writes_them(store, seed_paths, reference) -> None:
    page = communication_page(store, reference)
    text = _flat(next(load_file(p).text for p in seed_paths if load_file(p).reference == reference))
    dated = [m for m in page["mandates"] if m["mandate"] in TITLE_HISTORY]
    assert dated
    for mandate in dated:
        assert mandate["title_on_date"]["certain"] and mandate["title_on_date"]["basis"]
        assert mandate["title"] == mandate["title_on_date"]["title"]
        assert mandate["title"] in text, (reference, mandate["mandate"])
        assert mandate["current_title"] == mandate_by_id(mandate["mandate"]).title


def test_2021_letter_does_not_show_todays_sale_of_children_title(store) -> None:
    sale = next(m for m in communication_page(store, "AL CHN 3/2021")["mandates"] if m["mandate"] == "sale-of-children")
    assert sale["title"] != sale["current_title"]
    assert sale["title_on_date"]["basis"] == "Human Rights Council resolution 34/16"
    assert sale["title_as_written"]["source"]["document"].startswith("000_")


def test_report_of_2024_uses_the_title_of_resolution_52_26(seed_paths) -> None:
    report = next(load_file(p) for p in seed_paths if load_file(p).kind == "report")
    then = title_on("sale-of-children", report.date)
    assert then["basis"] == "Human Rights Council resolution 52/26" and then["title"] in _flat(report.text)


@pytest.mark.parametrize(("mandate", "date", "certain"), [
    ("sale-of-children", PartialDate(2023, 4, 2), False),  # resolution 52/26 known to the month
    ("sale-of-children", PartialDate(2023), False),
    ("sale-of-children", PartialDate(2023, 5, 1), True),
    ("torture", PartialDate(2021, 3, 30), False),  # earlier titles without dates
    ("education", PartialDate(2021, 3, 30), True),  # never renamed
])
def test_title_is_uncertain_where_the_history_is_not_precise(mandate, date, certain) -> None:
    result = title_on(mandate, date)
    assert result["certain"] is certain
    if result["dated"] and not certain:
        assert len(result["candidates"]) == 2
