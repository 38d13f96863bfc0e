"""Downloads built once per record version and kept in storage.

A download (the whole record as JSON, a tidy table as CSV, the calendar...) is the same bytes
for every reader of one version of the record, in one language, at one site address. The
first reader after a change gets it streamed as it is built, and a copy is written to the
downloads storage (`STORAGES["downloads"]`: files under DJANGO_MEDIA_ROOT by default, object
storage where several app servers share it) as it goes; every later reader is served that
copy: a file gunicorn sends without Python reading it (compressed as it was saved, to a reader
who accepts gzip, rather than compressed again on every request), or from a remote storage a
redirect to it. `manage.py build_downloads` builds them all before any reader asks (after a
deploy or a publish, from cron).

A copy is named `downloads/<version>/<site>/<language>/<name>`. Every committed write moves the
record's version on (core.cache), so a copy of an older record is never served again, and the
copies of older versions are removed once a newer one is saved. A copy is only ever saved whole
(a reader who stops reading, or a build that fails, leaves nothing; the storage writes all or
nothing: core.storage), and never from a replica that may not yet have replayed the change
that moved the version.
"""

import gzip
import logging
import re
import tempfile
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.cache import caches
from django.core.files import File
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, HttpResponseRedirect, StreamingHttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from .cache import record_version, replica_may_lag, request_version, version_etag

logger = logging.getLogger(__name__)

# The storage's alias in STORAGES, and the folder the copies are kept in.
DOWNLOADS = "downloads"
# Bytes sent at a time: a few large writes to the socket rather than one per record.
PIECE = 64 * 1024
# How long one process may take to build a copy before another may try (a build that dies
# holds it no longer than this).
BUILD_SECONDS = 120
# Each copy is saved with its gzip-compressed twin, under its name and this suffix.
GZIPPED = ".gz"
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


@dataclass(frozen=True)
class Download:
    """A file built from the published record. `name` is its copy's name in storage,
    `filename` the name a reader saves it under; `chunks(absolute_url)` yields its text (or
    bytes) piece by piece, in the active language, with `absolute_url(path)` making the site's
    addresses. One `in_every_language` is the same bytes in every language: one copy serves
    them all."""

    name: str
    filename: str
    content_type: str
    chunks: Callable
    attachment: bool = False
    in_every_language: bool = False

    def disposition(self):
        kind = "attachment" if self.attachment else "inline"
        return f'{kind}; filename="{self.filename}"'


def storage():
    return storages[DOWNLOADS]


def site_folder(base_url):
    """The site's address (scheme and host) as a folder name: `https-records.example.org`."""
    parts = urlsplit(base_url)
    return re.sub(r"[^a-z0-9.-]", "-", f"{parts.scheme}-{parts.netloc}".lower())


def copy_name(download, version, base_url, language):
    language = "all" if download.in_every_language else language
    return f"{DOWNLOADS}/{version}/{site_folder(base_url)}/{language}/{download.name}"


def serve(request, download):
    """The download for this request's version, language and site: its copy from storage,
    or built now, streamed to the reader and saved as it goes. Says which in `X-Download`
    (`stored` or `built`)."""
    version = request_version(request)
    base_url = f"{request.scheme}://{request.get_host()}"
    name = copy_name(download, version, base_url, get_language())
    response = _stored(name, request) if settings.DOWNLOAD_COPIES else None
    if response is None:
        chunks = in_pieces(download.chunks(request.build_absolute_uri))
        if settings.DOWNLOAD_COPIES and not replica_may_lag(request, version):
            chunks = _saved_as_built(chunks, name, version)
        response = StreamingHttpResponse(chunks)
        response["X-Download"] = "built"
    else:
        response["X-Download"] = "stored"
    response["Content-Type"] = download.content_type
    response["Content-Disposition"] = download.disposition()
    return response


def build(download, base_url, language):
    """Save the download's copy for the current version, site and language, unless it is
    there already. Returns its name and "built", "already there", or "not kept" (another
    process was building it, or it could not be saved)."""
    version = record_version()
    name = copy_name(download, version, base_url, language)
    if storage().exists(name):
        return name, "already there"
    with translation.override(language):
        chunks = in_pieces(download.chunks(lambda path: urljoin(base_url, path)))
        for _chunk in _saved_as_built(chunks, name, version):
            pass
    return name, "built" if storage().exists(name) else "not kept"


def in_pieces(chunks, size=PIECE):
    """The chunks (text as UTF-8, or bytes) gathered into pieces of about `size` bytes; the
    first goes out as it comes, so that the reader's download starts at once."""
    buffer, held = [], size
    for chunk in chunks:
        if isinstance(chunk, str):
            chunk = chunk.encode()
        buffer.append(chunk)
        held += len(chunk)
        if held >= size:
            yield b"".join(buffer)
            buffer, held = [], 0
    if buffer:
        yield b"".join(buffer)


def _stored(name, request):
    """A response serving the copy, or None where there is none (yet, or no longer): its
    gzipped twin to a reader who accepts it, as it was compressed once when saved."""
    store = storage()
    if not store.exists(name):
        return None
    if not isinstance(store, FileSystemStorage):
        # Storage elsewhere (object storage, a CDN in front of it): the reader fetches it there.
        return HttpResponseRedirect(store.url(name))
    gzipped = ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    try:
        if gzipped and store.exists(name + GZIPPED):
            response = FileResponse(store.open(name + GZIPPED, "rb"))
            response["Content-Encoding"] = "gzip"
            # Other bytes than the plain copy's: a weak validator, as GZipMiddleware's.
            response["ETag"] = f"W/{version_etag(request)}"
        else:
            response = FileResponse(store.open(name, "rb"))
    except FileNotFoundError:  # removed since: a newer version's copy was saved meanwhile
        return None
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


def _saved_as_built(chunks, name, version):
    """Yield the chunks, writing them to a local temporary file and its gzipped twin; once the
    last is out, save both to storage (whole, or not at all) and remove older versions'
    copies. A reader who stops reading closes this generator before the end: nothing is saved.
    Where another process is building the same copy, only yield them."""
    if not _claim(name):
        yield from chunks
        return
    try:
        with tempfile.TemporaryFile() as copy, tempfile.TemporaryFile() as packed:
            with gzip.GzipFile(fileobj=packed, mode="wb", compresslevel=6, mtime=0) as gzipped:
                for chunk in chunks:
                    copy.write(chunk)
                    gzipped.write(chunk)
                    yield chunk
            copy.seek(0)
            packed.seek(0)
            try:
                # The twin first: a copy is served once saved, its twin where there is one.
                storage().save(name + GZIPPED, File(packed, name=name + GZIPPED))
                storage().save(name, File(copy, name=name))
            except OSError:
                # The reader has had every byte; the next one will build it again.
                logger.exception("Could not keep a copy of %s", name)
                return
        remove_older_copies(version)
    finally:
        _release(name)


def remove_older_copies(version):
    """Remove the copies of every version of the record before this one."""
    store = storage()
    try:
        folders, _files = store.listdir(DOWNLOADS)
    except FileNotFoundError:
        return
    for folder in folders:
        if folder.isdigit() and int(folder) < version:
            _remove_tree(store, f"{DOWNLOADS}/{folder}")


def _remove_tree(store, folder):
    folders, files = store.listdir(folder)
    for name in files:
        store.delete(f"{folder}/{name}")
    for name in folders:
        _remove_tree(store, f"{folder}/{name}")
    # The empty folder itself, on a file system (object storages have no folders).
    with suppress(OSError, NotImplementedError):
        store.delete(folder)


def _build_key(name):
    return f"download-build:{name}"


def _claim(name):
    """Whether this process may build the copy: one builder at a time, across app servers
    (the shared cache); the others stream without saving."""
    return caches[settings.PAGE_CACHE_ALIAS].add(_build_key(name), 1, timeout=BUILD_SECONDS)


def _release(name):
    caches[settings.PAGE_CACHE_ALIAS].delete(_build_key(name))
