"""ASGI entry point; production servers import `application` from here."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anmc21.settings.production")

application = get_asgi_application()
