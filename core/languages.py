"""The languages the record's people and documents use: what an inquiry line answers in, what
a source is written in."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LanguageChoice(models.TextChoices):
    JAPANESE = "ja", _("Japanese")
    ENGLISH = "en", _("English")
    KOREAN = "ko", _("Korean")
    CHINESE = "zh", _("Chinese")
    THAI = "th", _("Thai")
    VIETNAMESE = "vi", _("Vietnamese")
    INDONESIAN = "id", _("Indonesian")
    MALAY = "ms", _("Malay")
    FILIPINO = "fil", _("Filipino")
    HINDI = "hi", _("Hindi")
    BURMESE = "my", _("Burmese")
    RUSSIAN = "ru", _("Russian")


# The record's content in two languages (django-modeltranslation, settings
# MODELTRANSLATION_LANGUAGES): each translated field (`name`) keeps the English in its own column
# and in `name_en`, and the Japanese in `name_ja`.
RECORD_LANGUAGE = "en"
CONTENT_LANGUAGES = ("en", "ja")


def translated_fields(model):
    """The names of a model's fields held in each content language (`name`, `title`...)."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        return tuple(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return ()


def in_language(field, language):
    """The column of a translated field in one language: `name_ja`."""
    return f"{field}_{language}"


def other_language_fields(model):
    """The columns staff fill beside each translated field: its Japanese (`name_ja`)."""
    return {
        field: tuple(in_language(field, lang) for lang in CONTENT_LANGUAGES[1:])
        for field in translated_fields(model)
    }


def register_translations(model, options):
    """Register a model's translated fields (django-modeltranslation), its history's too, so
    the history records each language (simple-history, bulk writes included)."""
    from modeltranslation.translator import translator
    from simple_history.utils import get_history_model_for_model

    translator.register(model, options)
    history = get_history_model_for_model(model)
    translator.register(history, options)
    # simple-history listed the fields it tracks before these columns existed.
    columns = [
        model._meta.get_field(in_language(field, language))
        for field in options.fields
        for language in CONTENT_LANGUAGES
    ]
    history.tracked_fields = [*history.tracked_fields, *columns]
