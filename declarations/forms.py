"""Form rules of the declaration admin."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.forms import VersionedForm

from .models import validate_signatories

# "1.", "1)", "(1)", "Article 1", "第1条" at the start of a pasted clause.
CLAUSE_NUMBER = re.compile(r"^\s*(?:\(?(\d+)[.)]|article\s+(\d+)[.:]?|第\s*(\d+)\s*条)\s*", re.I)


def split_clauses(text):
    """[(number, text)]: a pasted block of clauses split at blank lines, or at lines that start
    with a number; the numbers given are kept where they run 1, 2, 3…, else counted."""
    text = text.replace("\r\n", "\n").strip()
    if not text:
        return []
    lines = text.split("\n")
    numbered = [line for line in lines if CLAUSE_NUMBER.match(line)]
    if len(numbered) > 1:
        pieces, current = [], []
        for line in lines:
            if CLAUSE_NUMBER.match(line) and current:
                pieces.append("\n".join(current))
                current = []
            current.append(line)
        pieces.append("\n".join(current))
    else:
        pieces = re.split(r"\n\s*\n", text)
    clauses = []
    for piece in pieces:
        piece = " ".join(piece.split())
        if not piece:
            continue
        match = CLAUSE_NUMBER.match(piece)
        given = next((int(group) for group in match.groups() if group), None) if match else None
        clauses.append((given, piece[match.end() :] if match else piece))
    counted = [number for number, _text in clauses]
    if counted != list(range(1, len(clauses) + 1)):
        counted = list(range(1, len(clauses) + 1))
    return [(number, text) for number, (_given, text) in zip(counted, clauses, strict=True)]


class DeclarationAdminForm(VersionedForm):
    """Signatories are checked here: many-to-many links are saved after the declaration. The
    clauses may be pasted as one text and split into numbered rows, shown before they are saved.
    """

    clauses_text = forms.CharField(
        label=_("Or paste the clauses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "The whole text of the clauses, one per paragraph or each starting with its number "
            "(“1.”, “2.”…). “Split into clauses” shows them as rows below to check before saving."
        ),
    )

    def clean(self):
        cleaned_data = super().clean()
        meeting, signatories = cleaned_data.get("meeting"), cleaned_data.get("signatories")
        if meeting is not None and signatories:
            try:
                validate_signatories(meeting, signatories)
            except ValidationError as error:
                self.add_error("signatories", error)
        split = self.data.get("_clauses_split")
        if split:
            # The text was split into rows on the page: shown to check, not saved yet.
            count = int(split)
            raise ValidationError(
                ngettext(
                    "The text was split into %(count)d clause, below: check it, then save.",
                    "The text was split into %(count)d clauses, below: check them, then save.",
                    count,
                )
                % {"count": count},
                code="preview",
            )
        return cleaned_data
