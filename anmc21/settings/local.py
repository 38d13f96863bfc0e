"""Settings for a developer's machine (`make run`): debug on unless the environment says not."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="local-development-only-not-a-secret")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

# Static files come straight from the app folders (WhiteNoise uses the finders); no collectstatic.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
