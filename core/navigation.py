"""The site's main navigation, kept in one place: the header renders it, the sitemap lists its
pages, and the tests visit them."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    """One entry of the main navigation: pages that set `nav_section = key` mark it current."""

    key: str
    label: str | Promise
    url_name: str

    @property
    def url(self):
        return reverse(self.url_name)


NAVIGATION = (
    Section("home", _("Home"), "home"),
    Section("meetings", _("Meetings"), "plenaries:meeting_list"),
    Section("declarations", _("Declarations"), "declarations:declaration_list"),
    Section("cities", _("Cities"), "plenaries:city_list"),
    Section("projects", _("Projects"), "plenaries:project_list"),
    Section("contacts", _("Contacts"), "contacts:lookup"),
    Section("data", _("Open data"), "public:open_data"),
)
