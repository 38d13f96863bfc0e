"""The public inquiry contact lookup."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from core.pages import FilterFormMixin, PagedListMixin, PageMixin
from plenaries.models import PlenaryMeeting, Topic

from .forms import ContactFilterForm
from .models import InquiryContact


class ContactLookup(PagedListMixin, FilterFormMixin, PageMixin, ListView):
    """Whom to ask: public inquiry contacts, by name, unit, meeting or topic."""

    nav_section = "contacts"
    template_name = "contacts/contact_list.html"
    context_object_name = "contacts"
    filter_form_class = ContactFilterForm
    paginate_by = 20
    # Public contacts only, the same for every reader: kept under the record's version.
    keeps_body = True
    title = _("Inquiry contacts")
    description = _(
        "Whom to ask about ANMC21: inquiry contacts by name, section, division, organisation, "
        "meeting or topic, with phone, email and the language they answer in."
    )

    def get_filter_form_kwargs(self):
        return {
            "meetings": PlenaryMeeting.objects.for_choices(),
            "topics": Topic.objects.order_by("name"),
        }

    def get_queryset(self):
        return InquiryContact.objects.for_lookup().filtered(**self.filters)
