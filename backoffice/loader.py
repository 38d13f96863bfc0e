"""The record loader: records written as YAML files (records/, format in records/README.md) into
the database, through the same validation and publishing service staff use.

Loading is idempotent and never overwrites what staff have changed: each record is looked up by
its natural key (a city's slug, a meeting's number...) and created only if missing; its parts
(participations, outcomes, events, clauses) and links are entered only when the record itself is
new. References (a city's slug, a meeting's number) are looked up in the database, so a file
for a later meeting can be loaded on its own onto the shipped record.

Text is English (`name`, `title`...); a Japanese text is written beside it (`name_ja`), only where
its source says so. A Japanese text added to the files later fills the Japanese field of a
record already loaded if that field is empty, never replacing what staff entered.
"""

from contextlib import contextmanager
from functools import partial
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.utils import translation

from contacts.models import InquiryContact, OrganisationUnit
from core.services import record_publish
from declarations.models import Clause, Declaration
from plenaries.models import (
    Citation,
    City,
    JointProject,
    Membership,
    Network,
    Outcome,
    Participation,
    PlenaryMeeting,
    RelatedEvent,
    Source,
    Topic,
)

RECORDS_DIR = settings.BASE_DIR / "records"
# The suffix of a field's Japanese text (django-modeltranslation: `name_ja` beside `name`).
JAPANESE = "_ja"

# Sections in the order they are loaded, whichever file holds them: a record comes after the
# records it refers to.
SECTIONS = (
    "network",
    "topics",
    "cities",
    "units",
    "projects",
    "meetings",
    "declarations",
    "sources",
)


class RecordFileError(Exception):
    """A record file that cannot be loaded; the message names the file, the place and why."""

    def __init__(self, message, *, located=True):
        super().__init__(message)
        self.located = located


def record_files(paths=None):
    """The YAML files to load: those named (a folder stands for every file below it), or the
    shipped record. Sorted, so a folder loads in the same order everywhere."""
    files = []
    for path in map(Path, paths or [RECORDS_DIR]):
        if path.is_dir():
            files.extend(sorted(path.rglob("*.yaml")))
        elif path.is_file():
            files.append(path)
        else:
            raise RecordFileError(f"{path}: no such file or folder.")
    return files


def load_records(paths=None):
    """Load record files (the shipped record by default); return the number of rows created.

    All or nothing: a file with an error leaves the database as it was.
    """
    loader = _Loader()
    documents = [(path, _read(path)) for path in record_files(paths)]
    # The files' text fields (`name`) are English, whichever language is active.
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        for section in SECTIONS:
            for path, document in documents:
                entries = document.get(section)
                if entries is None:
                    continue
                if section == "network":
                    entries = [entries]
                with loader.at(f"{path}: {section}"):
                    for index, entry in enumerate(entries):
                        with loader.at(f"[{index}]"):
                            getattr(loader, f"load_{section}")(entry)
            if section == "meetings":  # a standing may begin or end at a meeting
                loader.run_later("memberships")
        loader.run_later("citations")  # any record may cite a source
    return loader.created


def _read(path):
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise RecordFileError(f"{path}: cannot be read: {exc}") from exc
    if not isinstance(document, dict):
        raise RecordFileError(f"{path}: expected sections (network, cities, meetings...).")
    unknown = set(document) - set(SECTIONS)
    if unknown:
        raise RecordFileError(
            f"{path}: unknown sections {', '.join(sorted(unknown))}; known: {', '.join(SECTIONS)}."
        )
    return document


class _Loader:
    """Creates what is missing, counting the rows it creates; knows where it is for errors."""

    def __init__(self):
        self.created = 0
        self._place = []
        self._later = {"memberships": [], "citations": []}

    @contextmanager
    def at(self, place):
        self._place.append(place)
        try:
            yield
        except RecordFileError as exc:
            if exc.located:
                raise
            raise RecordFileError(f"{''.join(self._place)}: {exc}") from exc
        except (ValidationError, ObjectDoesNotExist, KeyError, TypeError, ValueError) as exc:
            raise RecordFileError(f"{''.join(self._place)}: {_message(exc)}") from exc
        finally:
            self._place.pop()

    def later(self, stage, action):
        """Do this once the records it refers to are loaded, reporting errors where it was
        written."""
        self._later[stage].append(("".join(self._place), action))

    def run_later(self, stage):
        for place, action in self._later[stage]:
            with self.at(place):
                action()
        self._later[stage] = []

    # Writing -----------------------------------------------------------------------------

    def existing_or_new(self, model, lookup, fields, *, publish=False, links=None):
        """The stored record with this natural key, or a new one from the fields (validated,
        published through the publishing service when asked, its links set); (record, is_new)."""
        record = model.objects.filter(**lookup).first()
        if record is not None:
            self.fill_japanese(record, fields)
            return record, False
        record = self.create(model, {**lookup, **fields}, publish=publish, links=links)
        return record, True

    def fill_japanese(self, record, fields):
        """Write the files' Japanese texts into a stored record's empty Japanese fields."""
        missing = {
            name: value
            for name, value in fields.items()
            if name.endswith(JAPANESE) and value and not getattr(record, name)
        }
        if not missing:
            return
        for name, value in missing.items():
            setattr(record, name, value)
        record.full_clean()
        record.save(update_fields=missing)

    def create(self, model, fields, *, publish=False, links=None):
        record = model(**fields)
        if publish:
            record_publish(record=record, by=None, with_drafts=False)
        else:
            record.full_clean()
            record.save()
        for name, values in (links or {}).items():
            getattr(record, name).set(values)
        self.created += 1
        return record

    # References --------------------------------------------------------------------------

    def city(self, slug):
        return _get(City, slug=slug)

    def cities(self, slugs):
        return [self.city(slug) for slug in slugs or []]

    def topics(self, slugs):
        return [_get(Topic, slug=slug) for slug in slugs or []]

    def projects(self, slugs):
        return [_get(JointProject, slug=slug) for slug in slugs or []]

    def meeting(self, number):
        return _get(PlenaryMeeting, number=number)

    def source(self, slug):
        return _get(Source, slug=slug)

    def cite(self, record, citations):
        """Queue the record's citations of sources, loaded last: sources come after records."""
        for index, citation in enumerate(citations or []):
            with self.at(f".citations[{index}]"):
                self.later("citations", partial(self._citation, record, dict(citation)))

    def _citation(self, record, entry):
        entry["source"] = self.source(entry["source"])
        self.create(Citation, {"record": record, **entry})

    def unit(self, path):
        """A unit by its path of names from the top of the hierarchy."""
        unit = None
        for name in path:
            unit = _get(OrganisationUnit, name=name, parent=unit)
        return unit

    # Sections ----------------------------------------------------------------------------

    def load_network(self, entry):
        entry = dict(entry)
        citations = entry.pop("citations", [])
        network, is_new = self.existing_or_new(
            Network, {"short_name": entry.pop("short_name")}, entry
        )
        if is_new:
            self.cite(network, citations)

    def load_topics(self, entry):
        self.existing_or_new(Topic, {"slug": entry["slug"]}, {"name": entry["name"]})

    def load_cities(self, entry):
        entry = dict(entry)
        memberships = entry.pop("memberships", [])
        citations = entry.pop("citations", [])
        publish = entry.pop("published", False)
        city, is_new = self.existing_or_new(
            City, {"slug": entry.pop("slug")}, entry, publish=publish
        )
        if not is_new:
            return
        self.cite(city, citations)
        for index, membership in enumerate(memberships):
            with self.at(f".memberships[{index}]"):
                self.later("memberships", partial(self._membership, city, dict(membership)))

    def _membership(self, city, entry):
        citations = entry.pop("citations", [])
        for name in ("since_meeting", "until_meeting"):
            if name in entry:
                entry[name] = self.meeting(entry[name])
        membership = self.create(
            Membership, {"network": Network.objects.main(), "city": city, **entry}
        )
        self.cite(membership, citations)

    def load_units(self, entry, parent=None):
        entry = dict(entry)
        children = entry.pop("units", [])
        contacts = entry.pop("contacts", [])
        if "city" in entry:
            entry["city"] = self.city(entry["city"])
        unit, _is_new = self.existing_or_new(
            OrganisationUnit, {"name": entry.pop("name"), "parent": parent}, entry
        )
        for index, contact in enumerate(contacts):
            with self.at(f".contacts[{index}]"):
                contact = dict(contact)
                topics = self.topics(contact.pop("topics", []))
                self.existing_or_new(
                    InquiryContact,
                    {"person": contact.pop("person"), "unit": unit},
                    contact,
                    links={"topics": topics},
                )
        for index, child in enumerate(children):
            with self.at(f".units[{index}]"):
                self.load_units(child, parent=unit)

    def load_projects(self, entry):
        entry = dict(entry)
        links = {
            "cities": self.cities(entry.pop("cities", [])),
            "topics": self.topics(entry.pop("topics", [])),
        }
        publish = entry.pop("published", False)
        self.existing_or_new(
            JointProject, {"slug": entry.pop("slug")}, entry, publish=publish, links=links
        )

    def load_meetings(self, entry):
        entry = dict(entry)
        parts = {
            name: entry.pop(name, [])
            for name in ("participations", "events", "outcomes", "projects_reported")
        }
        citations = entry.pop("citations", [])
        publish = entry.pop("published", False)
        entry["host_city"] = self.city(entry["host_city"])
        if "announced_at" in entry:
            entry["announced_at"] = self.meeting(entry["announced_at"])
        meeting, is_new = self.existing_or_new(
            PlenaryMeeting, {"number": entry.pop("number")}, entry, publish=publish
        )
        if not is_new:
            return
        self.cite(meeting, citations)
        for index, participation in enumerate(parts["participations"]):
            with self.at(f".participations[{index}]"):
                participation = dict(participation)
                cited = participation.pop("citations", [])
                participation["city"] = self.city(participation["city"])
                row = self.create(Participation, {"meeting": meeting, **participation})
                self.cite(row, cited)
        events = {}
        for order, event in enumerate(parts["events"], start=1):
            with self.at(f".events[{order - 1}]"):
                self._load_event(meeting, event, order, events)
        for order, outcome in enumerate(parts["outcomes"], start=1):
            with self.at(f".outcomes[{order - 1}]"):
                self._load_outcome(meeting, outcome, order, events)
        for project in self.projects(parts["projects_reported"]):
            project.meetings.add(meeting)

    def _load_event(self, meeting, entry, order, events, parent=None):
        entry = dict(entry)
        key = entry.pop("key", None)
        parts = entry.pop("parts", [])
        event = self.create(
            RelatedEvent, {"meeting": meeting, "parent": parent, "order": order, **entry}
        )
        if key:
            events[key] = event
        for sub_order, part in enumerate(parts, start=1):
            with self.at(f".parts[{sub_order - 1}]"):
                self._load_event(meeting, part, sub_order, events, parent=event)

    def _load_outcome(self, meeting, entry, order, events, parent=None):
        entry = dict(entry)
        points = entry.pop("points", [])
        projects = self.projects(entry.pop("projects", []))
        event = events[entry.pop("event")] if "event" in entry else None
        if parent is not None:
            entry.setdefault("kind", parent.kind)
        outcome = self.create(
            Outcome,
            {"meeting": meeting, "parent": parent, "order": order, "related_event": event, **entry},
            links={"joint_projects": projects},
        )
        for sub_order, point in enumerate(points, start=1):
            with self.at(f".points[{sub_order - 1}]"):
                self._load_outcome(meeting, point, sub_order, events, parent=outcome)

    def load_declarations(self, entry):
        entry = dict(entry)
        clauses = entry.pop("clauses", [])
        signatories = self.cities(entry.pop("signatories", []))
        citations = entry.pop("citations", [])
        publish = entry.pop("published", False)
        entry["meeting"] = self.meeting(entry["meeting"])
        entry["adopted_in"] = self.city(entry["adopted_in"])
        declaration, is_new = self.existing_or_new(
            Declaration,
            {"slug": entry.pop("slug")},
            entry,
            publish=publish,
            links={"signatories": signatories},
        )
        if not is_new:
            return
        self.cite(declaration, citations)
        for index, clause in enumerate(clauses):
            with self.at(f".clauses[{index}]"):
                clause = dict(clause)
                links = {
                    "joint_projects": self.projects(clause.pop("projects", [])),
                    "topics": self.topics(clause.pop("topics", [])),
                    "meetings_named": [self.meeting(n) for n in clause.pop("meetings_named", [])],
                }
                self.create(Clause, {"declaration": declaration, **clause}, links=links)

    def load_sources(self, entry):
        entry = dict(entry)
        contacts = [_get(InquiryContact, person=person) for person in entry.pop("contacts", [])]
        publish = entry.pop("published", False)
        if "issued_by" in entry:
            entry["issued_by"] = self.unit(entry["issued_by"])
        if entry.get("meeting") is not None:
            entry["meeting"] = self.meeting(entry["meeting"])
        self.existing_or_new(
            Source,
            {"slug": entry.pop("slug")},
            entry,
            publish=publish,
            links={"contacts": contacts},
        )


def _get(model, **lookup):
    try:
        return model.objects.get(**lookup)
    except model.DoesNotExist as exc:
        what = ", ".join(f"{key} {value!r}" for key, value in lookup.items() if value is not None)
        raise RecordFileError(f"no {model._meta.verbose_name} with {what}.", located=False) from exc
    except model.MultipleObjectsReturned as exc:
        raise RecordFileError(
            f"more than one {model._meta.verbose_name} with {lookup}; name it more precisely.",
            located=False,
        ) from exc


def _message(exc):
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            return "; ".join(
                f"{field}: {' '.join(messages)}" for field, messages in exc.message_dict.items()
            )
        return " ".join(exc.messages)
    if isinstance(exc, KeyError):
        return f"missing {exc.args[0]!r}."
    return str(exc)
