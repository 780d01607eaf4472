"""The reader's comment form: the messages readers see, and the size limits read at call time."""

from __future__ import annotations

from django import forms

from dateline import conf

BODY_REQUIRED = "Please enter your comment!"
NAME_REQUIRED = "Please enter your name here"
EMAIL_REQUIRED = "Please enter your email address (it is never shown)."
EMAIL_INVALID = "That email address does not look right; please check it (for example name@example.com)."
URL_INVALID = "Please enter a full web address such as https://example.com, or leave the website empty."


class CommentForm(forms.Form):
    article = forms.IntegerField(widget=forms.HiddenInput)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    token = forms.CharField(required=False, max_length=300, widget=forms.HiddenInput)
    body = forms.CharField(
        label="Comment",
        strip=True,
        error_messages={"required": BODY_REQUIRED},
        widget=forms.Textarea(attrs={"rows": 7, "cols": 45}),
    )
    name = forms.CharField(label="Name", max_length=80, error_messages={"required": NAME_REQUIRED})
    email = forms.EmailField(
        label="Email",
        max_length=254,
        help_text="Never shown.",
        error_messages={"required": EMAIL_REQUIRED, "invalid": EMAIL_INVALID},
    )
    url = forms.URLField(
        label="Website",
        required=False,
        max_length=300,
        assume_scheme="https",
        error_messages={"invalid": URL_INVALID},
    )
    save_details = forms.BooleanField(label="Save my name and email in this browser for the next time I comment.", required=False)
    notify = forms.BooleanField(label="Email me when someone replies to my comment.", required=False)
    # The honeypot: hidden from people (and from screen readers), filled by bots.
    homepage = forms.CharField(required=False, label="Leave this field empty")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = conf.get("COMMENTS_MAX_LENGTH")
        self.fields["body"].max_length = limit
        self.fields["body"].widget.attrs["maxlength"] = str(limit)
        self.fields["name"].error_messages["max_length"] = "Please keep your name under 80 characters."

    def clean_body(self):
        body = self.cleaned_data["body"]
        limit = conf.get("COMMENTS_MAX_LENGTH")
        if len(body) > limit:
            raise forms.ValidationError(
                f"Your comment is {len(body)} characters long; the limit is {limit}. Please shorten it."
            )
        return body

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(NAME_REQUIRED)
        return name

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("homepage"))
