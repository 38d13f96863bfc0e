"""Atom feeds to subscribe to: newly published meetings and declarations."""

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from core.licence import data_licence
from declarations.models import Declaration
from plenaries.models import PlenaryMeeting

FEED_LENGTH = 30


class RecordFeed(Feed):
    """Newest published first; an item's date is when it was published (a record published
    before publication dates were kept: its own date), and the feed's is its newest item's,
    never the time it is served."""

    feed_type = Atom1Feed

    def feed_copyright(self):
        licence = data_licence()
        return f"{licence['title']} ({licence['url']})"

    def item_pubdate(self, item):
        if item.published_at:
            return item.published_at
        day = self.item_day(item)
        return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC) if day else None

    def item_updateddate(self, item):
        return self.item_pubdate(item)

    def item_day(self, item):
        """The record's own date, where it has no publication date."""
        raise NotImplementedError

    def item_description(self, item):
        # Atom sends the summary as HTML; the record's text is plain text, so markup typed in a
        # record reaches feed readers as the characters typed, never as markup.
        return escape(self.item_text(item))

    def item_text(self, item):
        raise NotImplementedError


class MeetingFeed(RecordFeed):
    title = _("ANMC21 plenary meetings")
    subtitle = _("Plenary meetings of the Asian Network of Major Cities 21, as they are published.")
    link = reverse_lazy("plenaries:meeting_list")

    def items(self):
        return (
            PlenaryMeeting.objects.published()
            .select_related("host_city")
            .order_by("-published_at", "-number")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return str(item)

    def item_text(self, item):
        return item.summary

    def item_day(self, item):
        return item.dates_earliest


class DeclarationFeed(RecordFeed):
    title = _("ANMC21 declarations")
    subtitle = _("Declarations adopted at ANMC21 plenary meetings, as they are published.")
    link = reverse_lazy("declarations:declaration_list")

    def items(self):
        return (
            Declaration.objects.published()
            .select_related("meeting", "adopted_in")
            .with_display_titles()
            .order_by("-published_at", "-adopted_earliest")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.display_title

    def item_text(self, item):
        return item.citation()

    def item_day(self, item):
        return item.adopted_earliest
