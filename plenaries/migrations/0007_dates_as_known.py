"""Dates as known: EDTF text with its bounds, from the exact dates and years before; a meeting with no dates after the latest dated one was only announced; press releases become sources of that kind."""

from django.db import migrations

from core.dates import bounds

def _span(start, end):
    """The EDTF text of a known day or span of days."""
    if start is None:
        return ""
    if end is None or end == start:
        return start.isoformat()
    return f"{start.isoformat()}/{end.isoformat()}"


def _set(row, name, text):
    setattr(row, name, text)
    earliest, latest = bounds(text) if text else (None, None)
    setattr(row, f"{name}_earliest", earliest)
    setattr(row, f"{name}_latest", latest)


def dates_as_known(apps, schema_editor):
    """Dates become EDTF text with their bounds; a meeting with no dates after the latest dated
    one was only announced; press releases become sources of that kind."""
    db = schema_editor.connection.alias
    for label in ("PlenaryMeeting", "HistoricalPlenaryMeeting"):
        model = apps.get_model("plenaries", label)
        dated = [m.number for m in model.objects.using(db).filter(start_date__isnull=False)]
        latest_dated = max(dated, default=0)
        for meeting in model.objects.using(db):
            text = _span(meeting.start_date, meeting.end_date) or str(meeting.year)
            _set(meeting, "dates", text)
            meeting.held = meeting.start_date is not None or meeting.number <= latest_dated
            meeting.save(update_fields=["dates", "dates_earliest", "dates_latest", "held"])
    for label in ("RelatedEvent", "HistoricalRelatedEvent"):
        for event in apps.get_model("plenaries", label).objects.using(db):
            _set(event, "dates", _span(event.start_date, event.end_date))
            event.save(update_fields=["dates", "dates_earliest", "dates_latest"])
    for label in ("Membership", "HistoricalMembership"):
        for membership in apps.get_model("plenaries", label).objects.using(db):
            _set(membership, "since", str(membership.since_year or ""))
            _set(membership, "until", str(membership.until_year or ""))
            membership.save(
                update_fields=[
                    "since", "since_earliest", "since_latest",
                    "until", "until_earliest", "until_latest",
                ]
            )
    for label in ("Source", "HistoricalSource"):
        for source in apps.get_model("plenaries", label).objects.using(db):
            _set(source, "date", str(source.date))
            source.save(update_fields=["date", "date_earliest", "date_latest"])





class Migration(migrations.Migration):
    dependencies = [("plenaries", "0006_history_as_known")]

    operations = [
        migrations.RunPython(dates_as_known, migrations.RunPython.noop),
    ]
