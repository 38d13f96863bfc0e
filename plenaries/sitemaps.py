"""Sitemap sections for meetings, cities, joint projects and sources: published records only."""

from core.sitemaps import RecordSitemap

from .models import City, JointProject, PlenaryMeeting, Source


class MeetingSitemap(RecordSitemap):
    def items(self):
        return PlenaryMeeting.objects.published().order_by("number")


class CitySitemap(RecordSitemap):
    def items(self):
        return City.objects.published().order_by("slug")


class JointProjectSitemap(RecordSitemap):
    def items(self):
        return JointProject.objects.published().order_by("slug")


class SourceSitemap(RecordSitemap):
    def items(self):
        return Source.objects.published().order_by("slug")
