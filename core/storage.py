"""Storage for files the site builds itself (downloads): all or nothing.

Django's FileSystemStorage writes a file in place, so a reader could open it half written.
This one writes beside it under a temporary name and renames it into place once complete (an
atomic rename on one file system), and a second copy of the same name replaces the first
rather than being saved under another name. Object storages (S3 and the like, through
django-storages) behave so already: an object appears only once uploaded.
"""

import os
import tempfile

from django.core.files.storage import FileSystemStorage


class AtomicFileSystemStorage(FileSystemStorage):
    """A file system storage whose files appear only complete, and are replaced, not renamed."""

    def get_available_name(self, name, max_length=None):
        return name

    def _save(self, name, content):
        path = self.path(name)
        directory = os.path.dirname(path)
        os.makedirs(directory, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".partial-")
        try:
            with os.fdopen(handle, "wb") as out:
                for chunk in content.chunks():
                    out.write(chunk)
            # mkstemp makes the file private to its owner; give it the mode a saved file gets.
            os.chmod(temporary, self.file_permissions_mode or 0o644)
            os.replace(temporary, path)
        except BaseException:
            if os.path.exists(temporary):
                os.remove(temporary)
            raise
        return name
