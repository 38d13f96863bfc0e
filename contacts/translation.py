"""Organisation units' names in English and Japanese (django-modeltranslation; see
plenaries/translation.py). A contact's person is one name as written, not translated."""

from modeltranslation.translator import TranslationOptions, translator
from simple_history.utils import get_history_model_for_model

from contacts.models import OrganisationUnit


class OrganisationUnitTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = {"en": ("name",)}
    empty_values = {"name": None}


translator.register(OrganisationUnit, OrganisationUnitTranslation)
translator.register(get_history_model_for_model(OrganisationUnit), OrganisationUnitTranslation)
