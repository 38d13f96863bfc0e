"""The network's cities, meetings, projects and press releases as open data: plain, JSON-ready
structures for the downloads and a meeting's own `.json`."""


def network(network):
    return {
        "name": network.name,
        "short_name": network.short_name,
        "founded_year": network.founded_year,
        "description": network.description,
    }


def city(city, absolute_url):
    """A city and its standing; reads the memberships `City.objects.with_standing()` loads."""
    return {
        "name": city.name,
        "slug": city.slug,
        "country": city.country,
        "url": absolute_url(city.get_absolute_url()),
        "memberships": [
            {"standing": m.status, "since": m.since_year, "until": m.until_year}
            for m in city.memberships.all()
        ],
    }


def meeting(meeting, absolute_url):
    """A meeting with its participants, outcomes and events, as `with_parts()` loads them."""
    return {
        "number": meeting.number,
        "title": str(meeting.title),
        "host_city": meeting.host_city.slug,
        "year": meeting.year,
        "start_date": meeting.start_date,
        "end_date": meeting.end_date,
        "venue": meeting.venue,
        "summary": meeting.summary,
        "url": absolute_url(meeting.get_absolute_url()),
        "participants": [
            {"city": p.city.slug, "role": p.role, "first_time": p.first_time}
            for p in meeting.participations.all()
        ],
        "outcomes": [
            {
                "kind": outcome.kind,
                "text": outcome.text,
                "points": [child.text for child in outcome.children.all()],
            }
            for outcome in meeting.top_outcomes
        ],
        "related_events": [event(item) for item in meeting.top_events],
    }


def event(item, *, top=True):
    """A related event with its parts, nested as on the meeting page: one level deep (the
    model refuses deeper nesting), so a part's own `parts` is always empty."""
    return {
        "name": item.name,
        "kind": item.kind,
        "start_date": item.start_date,
        "end_date": item.end_date,
        "place": item.place,
        "for": item.audience,
        "description": item.description,
        "first_time": item.first_time,
        "parts": [event(part, top=False) for part in item.children.all()] if top else [],
    }


def project(project, absolute_url):
    return {
        "name": project.name,
        "slug": project.slug,
        "area": project.area,
        "description": project.description,
        "url": absolute_url(project.get_absolute_url()),
        "cities": [city.slug for city in project.cities.all()],
        "reported_at_meetings": [meeting.number for meeting in project.meetings.all()],
    }


def press_release(release):
    return {
        "title": release.title,
        "date": release.date,
        "issued_by": release.issued_by.name,
        "meeting": release.meeting.number if release.meeting else None,
        "body": release.body,
        "inquiry_contacts": [contact.person for contact in release.contacts.all()],
    }
