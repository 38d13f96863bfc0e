"""Public pages of declarations and their clauses."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from core.models import PublicationStatus
from core.pages import (
    PagedListMixin,
    PageMixin,
    RecordCitation,
    RecordDownload,
    RecordJson,
    RecordPage,
    RecordText,
)
from core.schema_org import item_list

from . import akn, opendata, schema_org
from .models import Clause, Declaration


class DeclarationList(PagedListMixin, PageMixin, ListView):
    """Every published declaration, newest first."""

    nav_section = "declarations"
    template_name = "declarations/declaration_list.html"
    context_object_name = "declarations"
    title = _("Declarations")
    description = _("The declarations adopted at ANMC21 plenary meetings, clause by clause.")
    keeps_body = True

    def get_queryset(self):
        return Declaration.objects.for_list()

    def get_structured_data(self):
        return item_list(self.get_title(), self.shown, self.absolute_url)


class DeclarationDetail(RecordPage):
    """A declaration with its preamble, signatories and numbered clauses."""

    model = Declaration
    nav_section = "declarations"
    template_name = "declarations/declaration_detail.html"
    context_object_name = "declaration"
    # Every clause with what it names: many rows to read and render.
    keeps_body = True

    def get_queryset(self):
        return super().get_queryset().for_detail()

    def get_title(self):
        return self.object.display_title

    def get_description(self):
        declaration = self.object
        return gettext(
            "%(title)s, adopted at the ANMC21 %(meeting)s in %(place)s on %(date)s, "
            "clause by clause."
        ) % {
            "title": declaration.title,
            "meeting": declaration.meeting.title,
            "place": declaration.adopted_in.name,
            "date": declaration.adopted_in_words,
        }

    def get_breadcrumbs(self):
        meeting = self.object.meeting
        return [
            (_("Declarations"), reverse("declarations:declaration_list")),
            (meeting.title, meeting.get_absolute_url()),
            (self.object.title, None),
        ]

    def get_structured_data(self):
        return schema_org.declaration(self.object, self.absolute_url)

    def get_context_data(self, **kwargs):
        if self.body_is_kept():
            return super().get_context_data(**kwargs)
        return super().get_context_data(citation=self.object.citation(), **kwargs)


class DeclarationText(RecordText):
    """The whole declaration as plain text, to download, quote or archive."""

    model = Declaration
    template_name = "declarations/declaration.txt"
    context_object_name = "declaration"

    def get_queryset(self):
        return super().get_queryset().for_text()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            citation=self.object.citation(),
            url=self.request.build_absolute_uri(self.object.get_absolute_url()),
            **kwargs,
        )


class DeclarationJson(RecordJson):
    """The whole declaration as JSON: as in the open data download, on its own."""

    model = Declaration

    def get_queryset(self):
        return super().get_queryset().for_detail()

    def get_data(self):
        return opendata.declaration(self.object, self.request.build_absolute_uri)


class ClauseDetail(RecordPage):
    """One clause: its text, a ready citation, and what it names."""

    model = Clause
    nav_section = "declarations"
    template_name = "declarations/clause_detail.html"
    context_object_name = "clause"
    slug_field = "declaration__slug"
    # Its wordings, neighbours and what it names: a dozen queries to read.
    keeps_body = True

    def get_queryset(self):
        return super().get_queryset().filter(number=self.kwargs["number"]).for_detail()

    def get_object(self, queryset=None):
        try:
            return super().get_object(queryset)
        except Http404 as exc:
            raise Http404(gettext("No such clause.")) from exc

    def get_title(self):
        return str(self.object)

    def get_description(self):
        return self.object.citation()

    def get_breadcrumbs(self):
        declaration = self.object.declaration
        return [
            (_("Declarations"), reverse("declarations:declaration_list")),
            (declaration.title, declaration.get_absolute_url()),
            (gettext("Clause %(number)s") % {"number": self.object.number}, None),
        ]

    def get_structured_data(self):
        return schema_org.clause(self.object, self.absolute_url)

    def withdrawn_queryset(self):
        # A clause is withdrawn with its declaration.
        return Clause.objects.filter(
            declaration__status=PublicationStatus.WITHDRAWN, number=self.kwargs["number"]
        )

    def get_context_data(self, **kwargs):
        if self.body_is_kept():
            return super().get_context_data(**kwargs)
        clause = self.object
        previous_clause, next_clause = Clause.objects.neighbours(clause)
        wordings = list(clause.wordings.select_related("change"))
        return super().get_context_data(
            declaration=clause.declaration,
            citation=clause.citation(),
            previous_clause=previous_clause,
            next_clause=next_clause,
            wordings=wordings,
            shown_wording=self.shown_wording(wordings),
            **kwargs,
        )

    def shown_wording(self, wordings):
        """The earlier wording asked for (`?version=N`), so that a citation made before a
        correction still finds the words it cited; None for the current one. 404 for a version
        the clause never had."""
        asked = self.request.GET.get("version")
        if asked is None:
            return None
        current = wordings[-1].version if wordings else 1
        if not asked.isdigit() or not 1 <= int(asked) <= current:
            raise Http404(gettext("This clause has no such version."))
        if int(asked) == current:
            return None
        wording = wordings[int(asked) - 1]
        wording.until = wordings[int(asked)]
        return wording


class DeclarationAkn(RecordDownload):
    """The declaration as Akoma Ntoso XML, each clause a paragraph named by its anchor."""

    model = Declaration

    def get_queryset(self):
        return super().get_queryset().for_detail()

    def get_file(self):
        body = akn.to_xml(self.object, self.request.build_absolute_uri)
        return body, akn.CONTENT_TYPE, f"{self.object.slug}.akn.xml"


class DeclarationCitation(RecordCitation):
    """How to cite a declaration, in BibTeX, RIS or CSL-JSON."""

    model = Declaration

    def get_queryset(self):
        return super().get_queryset().select_related("meeting", "adopted_in")

    def get_work(self):
        return opendata.declaration_work(self.object, self.request.build_absolute_uri)


class ClauseCitation(RecordCitation):
    """How to cite one clause, in BibTeX, RIS or CSL-JSON."""

    model = Clause
    slug_field = "declaration__slug"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(number=self.kwargs["number"])
            .select_related("declaration", "declaration__meeting", "declaration__adopted_in")
        )

    def get_work(self):
        return opendata.clause_work(self.object, self.request.build_absolute_uri)
