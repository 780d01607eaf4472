"""The readership panel in an article's admin: views per day as an SVG chart, windows, referrers."""

from __future__ import annotations

from wagtail.admin.panels import Panel

CHART_WIDTH, CHART_HEIGHT = 600, 160


def chart_bars(daily: list[tuple]) -> dict:
    """Bar geometry for a server-rendered SVG chart of views per day."""
    peak = max((views for _, views in daily), default=0) or 1
    slot = CHART_WIDTH / max(len(daily), 1)
    bars = []
    for i, (day, views) in enumerate(daily):
        height = round(views / peak * (CHART_HEIGHT - 20), 1)
        bars.append({"day": day, "views": views, "x": round(i * slot + 1, 1), "width": round(max(slot - 2, 1), 1), "y": round(CHART_HEIGHT - height, 1), "height": height})
    return {"bars": bars, "peak": peak if peak != 1 or any(v for _, v in daily) else 0, "width": CHART_WIDTH, "height": CHART_HEIGHT}


class ReadershipPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "analytics/readership_panel.html"

        def get_context_data(self, parent_context=None):
            from dateline.analytics.selectors import article_readership

            context = super().get_context_data(parent_context)
            if self.instance is not None and self.instance.pk:
                readership = article_readership(article_id=self.instance.pk)
                context.update({"readership": readership, "chart": chart_bars(readership.daily)})
            return context
