"""schema.org descriptions (JSON-LD) of the network, its meetings, cities and projects.

Plain dicts: the `json_ld` template filter serialises and escapes them.
"""

from django.urls import reverse

from core.dates import iso_span
from core.schema_org import organization


def city_organisation(city, absolute_url):
    """A (published) city as a schema.org Organization, linked to its page."""
    return organization(city.name, absolute_url(city.get_absolute_url()))


def organizer(network, absolute_url):
    return organization(
        network.name, absolute_url(reverse("home")), alternateName=network.short_name
    )


MEMBERS_LISTED = 30


def network(network, standing_groups, absolute_url):
    """The network as an Organization, its member cities as members."""
    data = {"@type": "WebSite", "name": "ANMC21 Records"}
    if network is None:
        return data
    # The first cities of each standing: the page stays small however many there are.
    members = [
        city_organisation(city, absolute_url)
        for group in standing_groups
        for city in group.cities[:MEMBERS_LISTED]
    ]
    return {
        **organizer(network, absolute_url),
        "foundingDate": str(network.founded_year),
        "description": network.description,
        "member": members,
    }


def place(meeting):
    city = meeting.host_city
    return {
        "@type": "Place",
        "name": meeting.venue or city.name,
        "address": {
            "@type": "PostalAddress",
            "addressLocality": city.name,
            "addressCountry": city.country,
        },
    }


def meeting_event(meeting, network, absolute_url):
    """A meeting as an Event: where, when, organised by the network, attended by cities."""
    data = {
        "@type": "Event",
        "name": f"ANMC21 {meeting.title}",
        "description": meeting.summary,
        "url": absolute_url(meeting.get_absolute_url()),
        "location": place(meeting),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled",
        "attendee": [
            city_organisation(participation.city, absolute_url)
            for participation in meeting.participations.all()
            if participation.took_part
        ],
    }
    start, end = iso_span(meeting.dates)
    data["startDate"] = start
    if end != start:
        data["endDate"] = end
    if network is not None:
        data["organizer"] = organizer(network, absolute_url)
    return data


def city(city):
    return {
        "@type": "City",
        "name": city.name,
        "description": city.description,
        "containedInPlace": {"@type": "Country", "name": city.country},
    }


def project(project, absolute_url):
    return {
        "@type": "Project",
        "name": project.name,
        "description": project.description,
        "member": [city_organisation(city, absolute_url) for city in project.cities.all()],
    }


def source(source, absolute_url):
    """A source as a schema.org CreativeWork (a NewsArticle for news items)."""
    data = {
        "@type": "NewsArticle" if source.kind == "news_item" else "CreativeWork",
        "name": source.title,
        "datePublished": iso_span(source.date)[0],
        "inLanguage": source.language,
        "publisher": organization(source.label.rsplit(",", 1)[0]),
    }
    if source.url:
        data["sameAs"] = source.url
    return data
