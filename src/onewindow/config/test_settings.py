"""Settings for the test suite: same as production settings with fast, hermetic parts."""

import tempfile
from pathlib import Path

from .settings import *  # noqa: F403
from .settings import STORAGES

# Uploaded files written by tests go to a throw-away folder, not ./var/media.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="onewindow-test-media-"))

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SMS_BACKEND = "onewindow.notifications.backends.MemorySmsBackend"
WHITENOISE_AUTOREFRESH = True
