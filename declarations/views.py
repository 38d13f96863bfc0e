"""Public pages of declarations and their clauses."""

from django.views.generic import DetailView

from backoffice.views import DraftPreviewMixin

from .models import Declaration


class DeclarationDetail(DraftPreviewMixin, DetailView):
    """A declaration with its preamble, signatories and numbered clauses."""

    template_name = "declarations/declaration_detail.html"
    context_object_name = "declaration"

    def get_queryset(self):
        return Declaration.objects.visible_to(self.request.user).for_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.object.meeting
        context["breadcrumb_trail"] = [
            (meeting.title, meeting.get_absolute_url()),
            (self.object.title, None),
        ]
        return context
