"""Settings for the test suite: fast, isolated, deterministic."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY", default="test-only-not-a-secret")
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Test clients log in without a request; the lockout test turns django-axes on itself.
AXES_ENABLED = False

# Static files come straight from the app folders (WhiteNoise uses the finders); no collectstatic.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
