"""Import and export of cities and participations (django-import-export).

Publication fields are exported but never imported: publishing goes through the workflow.
"""

from import_export import fields

from core.imports import CachedForeignKeyWidget, RecordResource

from .models import City, Participation, PlenaryMeeting


class CityResource(RecordResource):
    status = fields.Field(attribute="status", column_name="status", readonly=True)

    class Meta:
        model = City
        # Each text in English, its Japanese in the next column (empty where not recorded).
        fields = (
            "name", "name_ja", "slug", "country", "country_ja", "description", "description_ja",
            "status",
        )  # fmt: skip
        import_id_fields = ("slug",)


class ParticipationResource(RecordResource):
    """A city at a meeting: the meeting by its number, the city by its name."""

    meeting = fields.Field(
        attribute="meeting",
        column_name="meeting",
        widget=CachedForeignKeyWidget(PlenaryMeeting, "number"),
    )
    city = fields.Field(
        attribute="city", column_name="city", widget=CachedForeignKeyWidget(City, "name")
    )

    class Meta:
        model = Participation
        fields = ("meeting", "city", "role", "first_time", "note")
        import_id_fields = ("meeting", "city")
