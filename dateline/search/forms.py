"""The search form: what a reader may ask for, checked before any query runs."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone

from dateline.search.backends import SearchFilters


class SearchForm(forms.Form):
    q = forms.CharField(label="Search for", required=False, strip=True)
    section = forms.ChoiceField(label="Section", required=False)
    date_from = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, sections=(), max_length: int = 200, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = {s.slug: s for s in sections}
        self.max_length = max_length
        self.fields["section"].choices = [("", "All sections")] + [(s.slug, s.title) for s in sections]

    def clean_q(self):
        # Long queries are cut, not refused; NUL characters never reach the database.
        return self.cleaned_data["q"].replace("\x00", " ")[: self.max_length]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date is before the start date.")
        return cleaned

    def filters(self, *, section_ids: dict[str, int]) -> SearchFilters:
        data = self.cleaned_data if self.is_valid() else {}
        tz = timezone.get_current_timezone()

        def at_midnight(day):
            return datetime.datetime.combine(day, datetime.time.min, tzinfo=tz) if day else None

        end = data.get("date_to")
        return SearchFilters(
            section_id=section_ids.get(data.get("section") or ""),
            since=at_midnight(data.get("date_from")),
            until=at_midnight(end + datetime.timedelta(days=1)) if end else None,
        )
