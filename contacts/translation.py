"""Organisation units' names in English and Japanese (django-modeltranslation; see
plenaries/translation.py). A contact's person is one name as written, not translated."""

from modeltranslation.translator import TranslationOptions

from contacts.models import OrganisationUnit
from core.languages import register_translations


class OrganisationUnitTranslation(TranslationOptions):
    fields = ("name",)
    empty_values = None
    required_languages = {"en": ("name",)}


register_translations(OrganisationUnit, OrganisationUnitTranslation)
