"""The public change log: every publication, approved correction and withdrawal, newest
first, as pages and as an Atom feed."""

from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from core.models import PublicChange
from core.pages import PagedListMixin, PageMixin

FEED_LENGTH = 50


class ChangeLogView(PagedListMixin, PageMixin, ListView):
    """Every approved change to the public record, newest first, fifty a page."""

    template_name = "public/change_log.html"
    context_object_name = "entries"
    keeps_body = True
    title = _("Changes to the record")
    description = _(
        "Every change to the public ANMC21 record, newest first: what was published, corrected "
        "or withdrawn, when, and the words removed and added."
    )

    def get_queryset(self):
        return PublicChange.objects.all()


class ChangeDetailView(PageMixin, DetailView):
    """One entry of the change log, with the words removed and added."""

    template_name = "public/change_detail.html"
    context_object_name = "entry"
    queryset = PublicChange.objects.all()
    description = _("One change to the public ANMC21 record.")

    def get_title(self):
        entry = self.object
        return _("%(kind)s: %(record)s, %(date)s") % {
            "kind": entry.get_kind_display(),
            "record": entry.record_label,
            "date": entry.made_at.date().isoformat(),
        }

    def get_breadcrumbs(self):
        return [(_("Changes to the record"), reverse("public:changes")), (self.get_title(), None)]


class ChangeFeed(Feed):
    """The change log as an Atom feed: each entry dated by the change itself."""

    feed_type = Atom1Feed
    title = _("Changes to the ANMC21 record")
    subtitle = _("Publications, corrections and withdrawals, as they are approved.")
    link = reverse_lazy("public:changes")

    def items(self):
        return PublicChange.objects.all()[:FEED_LENGTH]

    def item_title(self, item):
        return f"{item.get_kind_display()}: {item.record_label}"

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.made_at

    def item_updateddate(self, item):
        return item.made_at

    def item_description(self, item):
        # The summary and the words changed, as text made safe for the feed's HTML summary.
        lines = [escape(item.summary)]
        for change in item.changes:
            if change.get("words"):
                words = "".join(
                    f"<del>{escape(text)}</del>"
                    if op == "-"
                    else f"<ins>{escape(text)}</ins>"
                    if op == "+"
                    else escape(text)
                    for op, text in change["words"]
                )
                lines.append(f"{escape(change['what'])}, {escape(change['field'])}: {words}")
            elif change.get("kind") == "changed":
                lines.append(
                    f"{escape(change['what'])}, {escape(change['field'])}: "
                    f"<del>{escape(change['before'])}</del> <ins>{escape(change['after'])}</ins>"
                )
            else:
                label = _("added") if change.get("kind") == "added" else _("removed")
                lines.append(f"{escape(change['what'])} ({label})")
        return "<br>".join(lines)
