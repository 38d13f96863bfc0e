"""A declaration's title, preamble and clause texts in English and Japanese
(django-modeltranslation; see plenaries/translation.py). Only the title has a Japanese text in
the shipped record (東京宣言); the clauses are recorded in English only."""

from modeltranslation.translator import TranslationOptions

from core.languages import register_translations
from declarations.models import Clause, Declaration


class DeclarationTranslation(TranslationOptions):
    fields = ("title", "preamble")
    empty_values = None
    required_languages = {"en": ("title", "preamble")}


class ClauseTranslation(TranslationOptions):
    fields = ("text",)
    empty_values = None
    required_languages = {"en": ("text",)}


for model, options in {Declaration: DeclarationTranslation, Clause: ClauseTranslation}.items():
    register_translations(model, options)
