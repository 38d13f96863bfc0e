"""Sitemap sections for meetings, cities, joint projects and sources: published records only."""

from django.contrib.sitemaps import Sitemap

from .models import City, JointProject, PlenaryMeeting, Source


class MeetingSitemap(Sitemap):
    def items(self):
        return PlenaryMeeting.objects.published().order_by("number")

    def lastmod(self, meeting):
        return meeting.published_at


class CitySitemap(Sitemap):
    def items(self):
        return City.objects.published().order_by("slug")

    def lastmod(self, city):
        return city.published_at


class JointProjectSitemap(Sitemap):
    def items(self):
        return JointProject.objects.published().order_by("slug")

    def lastmod(self, project):
        return project.published_at


class SourceSitemap(Sitemap):
    def items(self):
        return Source.objects.published().order_by("slug")

    def lastmod(self, source):
        return source.published_at
