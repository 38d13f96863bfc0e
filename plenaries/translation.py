"""The text fields people read, in English and Japanese (django-modeltranslation).

Each registered field gets a column per language (`name_en`, `name_ja`) on the same table; the
field itself reads the active language and falls back to English. English is the record's
language and required where the field is; Japanese is optional and never machine-translated.
A Japanese text not recorded is NULL (so unique names stay unique in each language).
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
    empty_values = None
    required_languages = {"en": ("name",)}


class CityTranslation(TranslationOptions):
    fields = ("name", "country", "description")
    empty_values = None
    required_languages = {"en": ("name", "country")}


class TopicTranslation(TranslationOptions):
    fields = ("name",)
    empty_values = None
    required_languages = {"en": ("name",)}


class PlenaryMeetingTranslation(TranslationOptions):
    fields = ("venue", "summary")
    empty_values = None


class OutcomeTranslation(TranslationOptions):
    fields = ("text",)
    empty_values = None
    required_languages = {"en": ("text",)}


class RelatedEventTranslation(TranslationOptions):
    fields = ("name", "place", "audience", "description")
    empty_values = None
    required_languages = {"en": ("name",)}


class JointProjectTranslation(TranslationOptions):
    fields = ("name", "description")
    empty_values = None
    required_languages = {"en": ("name",)}


class SourceTranslation(TranslationOptions):
    fields = ("title",)
    empty_values = None
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
