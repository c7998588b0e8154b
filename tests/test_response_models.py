"""Typed answers (issue 20, item 5): every JSON answer validates against the Pydantic model
its route declares, and OpenAPI gives a schema for every 200 answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel

from backends import memory_store_with
from rightsgraph.api import models as m
from rightsgraph.api.app import create_app
from rightsgraph.api.settings import Settings


@pytest.fixture(scope="module")
def client(shared_dir: Path) -> TestClient:
    untc = shared_dir / "reference" / "untc"
    store = memory_store_with([shared_dir / "corpus" / "seeds", untc / "treaties_4-11.csv",
                               untc / "declarations_4-11.txt"])
    with TestClient(create_app(store, Settings())) as opened:
        yield opened
    store.close()


@pytest.mark.parametrize(
    ("url", "model"),
    [
        ("/health", m.Health),
        ("/?format=json", m.FrontDoor),
        ("/states/CHN/obligations?as_of=2021-03-30", m.ObligationsAnswer),
        ("/states/USA/obligations", m.ObligationsAnswer),
        ("/states/Argentina/obligations", m.ObligationsAnswer),
        ("/states/CHN/complaint-routes", m.ComplaintRoutesAnswer),
        ("/communications/AL%20CHN%203/2021", m.CommunicationPage),
        ("/communications/AL%20GBR%203/2021", m.CommunicationPage),
        ("/provisions/CRC/21", m.ProvisionPage),
        ("/instruments/CRC", m.InstrumentPage),
        ("/companies/TikTok", m.CompanyPage),
        ("/mandates/sale-of-children", m.MandatePage),
        ("/reports/A/79/122", m.ReportPage),
        ("/recommendations?addressee=business", m.RecommendationsAnswer),
        ("/search?q=TikTok", m.SearchAnswer),
        ("/analytics/summary", m.AnalyticsSummary),
    ],
)
def test_the_answer_has_the_shape_its_model_says(client: TestClient, url: str, model: type[BaseModel]) -> None:
    response = client.get(url)
    assert response.status_code == 200
    model.model_validate(response.json())  # raises on a missing, extra or mistyped field


def test_a_model_refuses_an_answer_of_another_shape(client: TestClient) -> None:
    answer = client.get("/states/CHN/obligations").json()
    answer["obligations"][0]["binds_state"] = "yes"
    with pytest.raises(ValueError, match="binds_state"):
        m.ObligationsAnswer.model_validate(answer)


def test_openapi_has_a_schema_for_every_json_200_answer(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    missing = []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            content = operation.get("responses", {}).get("200", {}).get("content", {})
            if "application/json" in content and not content["application/json"].get("schema"):
                missing.append(f"{method.upper()} {path}")
    assert missing == []
