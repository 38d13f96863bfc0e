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
