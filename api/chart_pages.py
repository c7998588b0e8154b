"""The chart pages (timelines, analytics) from ``templates/charts_*.html``; what they draw
comes from :mod:`rightsgraph.graph.views_charts`."""

from __future__ import annotations

import datetime as dt

from rightsgraph.api.rendering import render
from rightsgraph.graph.network import RightsNetwork
from rightsgraph.graph.views import LinkMaker, page_url
from rightsgraph.graph.views_charts import analytics_tables, communications_timeline, ratification_timeline

__all__ = ["analytics_page", "communications_timeline_page", "ratification_timeline_page"]


def communications_timeline_page(network: RightsNetwork, today: dt.date | None = None,
                                 link: LinkMaker | None = page_url) -> str:
    return render("charts_communications.html", title="Communications and replies",
                  timeline=communications_timeline(network, today, link))


def ratification_timeline_page(network: RightsNetwork, instrument: str, link: LinkMaker | None = page_url) -> str:
    timeline = ratification_timeline(network, instrument, link)
    return render("charts_ratifications.html", title=f"Ratifications: {timeline['label']}", timeline=timeline)


def analytics_page(network: RightsNetwork, link: LinkMaker | None = page_url) -> str:
    return render("charts_analytics.html", title="Analytics", tables=analytics_tables(network, link))
