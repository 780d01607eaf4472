"""The related list in an article's admin, with why each entry is there."""

from wagtail.admin.panels import Panel


class RelatedListPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "related/related_panel.html"

        def get_context_data(self, parent_context=None):
            from dateline import conf
            from dateline.related.selectors import related_explain, related_ids

            context = super().get_context_data(parent_context)
            if self.instance is not None and self.instance.pk:
                context["entries"] = related_explain(article=self.instance)
                context["shown"] = related_ids(article=self.instance, limit=conf.get("RELATED_COUNT"))
                context["threshold"] = conf.get("RELATED_MIN_SCORE")
            return context
