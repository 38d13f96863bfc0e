"""The text fields people read, in English and Japanese (django-modeltranslation).

Each registered field gets a column per language (`name_en`, `name_ja`) on the same table; the
field itself reads the active language and falls back to English. English is the record's
language and required where the field is; Japanese is optional and never machine-translated.
Unique names stay unique in each language, an empty Japanese name being NULL.
Historical models (django-simple-history) are registered too, so history keeps both languages.
"""

from modeltranslation.translator import TranslationOptions

from core.languages import register_translations
from plenaries.models import (
    City,
    JointProject,
    Network,
    Outcome,
    PlenaryMeeting,
    RelatedEvent,
    Source,
    Topic,
)


class NetworkTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"en": ("name",)}
    empty_values = {"name": None}


class CityTranslation(TranslationOptions):
    fields = ("name", "country", "description")
    required_languages = {"en": ("name", "country")}
    empty_values = {"name": None}


class TopicTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = {"en": ("name",)}
    empty_values = {"name": None}


class PlenaryMeetingTranslation(TranslationOptions):
    fields = ("venue", "summary")


class OutcomeTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = {"en": ("text",)}


class RelatedEventTranslation(TranslationOptions):
    fields = ("name", "place", "audience", "description")
    required_languages = {"en": ("name",)}


class JointProjectTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"en": ("name",)}
    empty_values = {"name": None}


class SourceTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = {"en": ("title",)}


REGISTERED = {
    Network: NetworkTranslation,
    City: CityTranslation,
    Topic: TopicTranslation,
    PlenaryMeeting: PlenaryMeetingTranslation,
    Outcome: OutcomeTranslation,
    RelatedEvent: RelatedEventTranslation,
    JointProject: JointProjectTranslation,
    Source: SourceTranslation,
}

for model, options in REGISTERED.items():
    register_translations(model, options)
