"""Public pages of the plenary record."""

from django.db.models import Prefetch
from django.views.generic import DetailView

from backoffice.views import DraftPreviewMixin
from contacts.models import InquiryContact
from declarations.models import Declaration

from .models import ParticipationRole, PlenaryMeeting, PressRelease, ordinal


class MeetingDetail(DraftPreviewMixin, DetailView):
    """Everything the record holds about one plenary meeting."""

    template_name = "plenaries/meeting_detail.html"
    context_object_name = "meeting"
    slug_field = "number"
    slug_url_kwarg = "number"

    def get_queryset(self):
        return (
            PlenaryMeeting.objects.visible_to(self.request.user)
            .for_detail()
            .prefetch_related(
                Prefetch(
                    "declarations",
                    queryset=Declaration.objects.published().select_related("adopted_in"),
                ),
                Prefetch(
                    "press_releases",
                    queryset=PressRelease.objects.published()
                    .select_related("issued_by", "issued_by__parent")
                    .prefetch_related(
                        Prefetch(
                            "contacts",
                            queryset=InquiryContact.objects.public().with_unit_path(),
                        )
                    ),
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.object
        by_role = {role: [] for role in ParticipationRole}
        for participation in meeting.participations.all():
            by_role[participation.role].append(participation)
        context["participants_by_role"] = [
            (ParticipationRole(role).label, people) for role, people in by_role.items() if people
        ]
        published = PlenaryMeeting.objects.published().select_related("host_city")
        context["previous_meeting"] = (
            published.filter(number__lt=meeting.number).order_by("-number").first()
        )
        context["next_meeting"] = (
            published.filter(number__gt=meeting.number).order_by("number").first()
        )
        context["earlier_in_host_city"] = list(
            published.filter(host_city=meeting.host_city_id, number__lt=meeting.number)
            .order_by("number")
            .values_list("number", "year", named=True)
        )
        context["host_city_ordinal"] = ordinal(len(context["earlier_in_host_city"]) + 1)
        context["date_to_be_set"] = (
            meeting.is_announced_only and meeting.number > published.latest_dated_number()
        )
        context["breadcrumb_trail"] = [(meeting.title, None)]
        return context
