"""Staff entry of declarations, clause by clause."""

from django.contrib import admin
from django.db.models import Prefetch
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.admin import (
    PublishableAdminMixin,
    RecordAdmin,
    RowAutocompleteInlineMixin,
    VersionedInlineMixin,
)
from plenaries.admin import CitationInline
from plenaries.models import ParticipationRole, PlenaryMeeting

from .forms import DeclarationAdminForm, split_clauses
from .models import SIGNING_ATTENDANCE, Clause, Declaration, adoption_day


class ClauseInline(VersionedInlineMixin, RowAutocompleteInlineMixin, admin.StackedInline):
    """Clauses in order; a clause added on the page is numbered after the last one."""

    model = Clause
    extra = 0
    fields = ("number", "text", "joint_projects", "topics", "meetings_named")
    autocomplete_fields = ("joint_projects", "topics", "meetings_named")

    class Media:
        js = ("js/admin/next-number.js",)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("declaration")
            .prefetch_related(
                "joint_projects",
                "topics",
                Prefetch(
                    "meetings_named", queryset=PlenaryMeeting.objects.select_related("host_city")
                ),
            )
        )


@admin.register(Declaration)
class DeclarationAdmin(PublishableAdminMixin, RecordAdmin):
    form = DeclarationAdminForm
    list_display = ("title", "meeting", "adopted", "adopted_in", "status")
    list_filter = (
        "status",
        "meeting__year",
        ("meeting__host_city", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("meeting", "meeting__host_city", "adopted_in")
    search_fields = ("title", "preamble", "clauses__text")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("meeting", "adopted_in", "signatories")
    save_as = True
    inlines = (ClauseInline, CitationInline)
    fieldsets = (
        (None, {"fields": ("title", "slug", "meeting", ("adopted", "adopted_in"))}),
        (None, {"fields": ("preamble", "signatories")}),
        (_("Clauses as one text"), {"fields": ("clauses_text",)}),
    )

    def get_changeform_initial_data(self, request):
        """Started from its meeting (`?meeting=`): its title, place and day, and as signatories
        the member cities that attended (attended, represented or by proxy)."""
        initial = super().get_changeform_initial_data(request)
        meeting = (
            PlenaryMeeting.objects.select_related("host_city")
            .filter(
                pk=request.GET.get("meeting")
                if str(request.GET.get("meeting", "")).isdigit()
                else None
            )
            .first()
        )
        if meeting is None:
            return initial
        title = _("%(city)s Declaration") % {"city": meeting.host_city.name}
        slug = slugify(title)
        if Declaration.objects.filter(slug=slug).exists():
            slug = f"{slug}-{meeting.year}"
        initial.update(
            meeting=meeting.pk,
            title=title,
            slug=slug,
            adopted_in=meeting.host_city_id,
            adopted=adoption_day(meeting.dates),
            signatories=list(
                meeting.participations.filter(
                    role__in=(ParticipationRole.HOST, ParticipationRole.MEMBER),
                    attendance__in=SIGNING_ATTENDANCE,
                ).values_list("city_id", flat=True)
            ),
        )
        return initial

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and "_split_clauses" in request.POST:
            request.POST = self._with_split_clauses(request.POST)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _with_split_clauses(self, data):
        """The form as sent, with the pasted clauses as rows after those already there, to
        show (the form then says to check them, and saves nothing)."""
        data = data.copy()
        clauses = split_clauses(data.get("clauses_text", ""))
        total = int(data.get("clauses-TOTAL_FORMS") or 0)
        numbers = [
            int(data[f"clauses-{i}-number"])
            for i in range(total)
            if str(data.get(f"clauses-{i}-number", "")).isdigit()
            and not data.get(f"clauses-{i}-DELETE")
        ]
        start = max(numbers, default=0)
        for offset, (number, text) in enumerate(clauses):
            index = total + offset
            data[f"clauses-{index}-number"] = str(number + start)
            data[f"clauses-{index}-text"] = text
        data["clauses-TOTAL_FORMS"] = str(total + len(clauses))
        data["clauses_text"] = ""
        data["_clauses_split"] = str(len(clauses))
        return data

    def save_related(self, request, form, formsets, change):
        """Clauses pasted and saved without splitting first are added as rows too."""
        super().save_related(request, form, formsets, change)
        declaration = form.instance
        pasted = split_clauses(form.cleaned_data.get("clauses_text", ""))
        if pasted:
            start = max(declaration.clauses.values_list("number", flat=True), default=0)
            for number, text in pasted:
                clause = Clause(declaration=declaration, number=number + start, text=text)
                clause.full_clean()
                clause.save()


@admin.register(Clause)
class ClauseAdmin(RecordAdmin):
    list_display = ("declaration", "number", "text")
    list_select_related = ("declaration",)
    search_fields = ("text", "declaration__title")
    autocomplete_fields = ("declaration", "joint_projects", "topics", "meetings_named")
