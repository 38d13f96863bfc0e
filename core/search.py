"""Full-text search shared by every searchable record.

Each searchable model stores its own search document, a generated column the database keeps
current on every write, bulk ones included (`search_document_field(*fields)`):
- on PostgreSQL a `tsvector` (English configuration), with a GIN index (`SearchIndex`);
- on other databases (SQLite on a developer's machine) the same fields as one lower-cased text,
  matched word by word (a crude stem) and ranked by how often the words occur.
A record whose document needs a related row's words (a meeting's host city, a contact's units)
adds that row's stored document at query time (`search_documents`), so no document ever goes
stale when the related row changes.

The seam for other languages (issue 13, Japanese) is here: `SearchDocument` decides how text
becomes a document and `search_query()` how a query becomes one; a tokeniser for Japanese (a
PostgreSQL text search configuration, or words segmented before indexing) plugs in at those
two points without touching the models' read paths or the search page.
"""

import re
from functools import reduce
from operator import add, and_

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection, models
from django.db.backends.ddl_references import Statement
from django.db.models import F, Func, Value
from django.db.models.functions import Coalesce, Length, Replace

# The record is in English; one configuration for the documents and the queries alike.
SEARCH_CONFIG = "english"
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12


class SearchDocumentField(SearchVectorField):
    """A stored search document: `tsvector` on PostgreSQL, lower-cased text elsewhere."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"


class SearchDocument(Func):
    """The document of these text fields: `to_tsvector` on PostgreSQL, lower-cased text joined
    by spaces elsewhere. Immutable on both, so the database can store it as a generated column."""

    output_field = SearchDocumentField()

    def __init__(self, *fields):
        super().__init__(*(Coalesce(F(field), Value("")) for field in fields))

    def _joined(self, compiler, connection):
        parts = [compiler.compile(expression) for expression in self.get_source_expressions()]
        sql = " || ' ' || ".join(part_sql for part_sql, _params in parts)
        params = [param for _sql, part_params in parts for param in part_params]
        return sql, params

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = self._joined(compiler, connection)
        return f"to_tsvector('{SEARCH_CONFIG}'::regconfig, {sql})", params

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = self._joined(compiler, connection)
        return f"LOWER({sql})", params


def search_document_field(*fields):
    """The stored search document of a model over its own `fields`, kept by the database."""
    return models.GeneratedField(
        expression=SearchDocument(*fields),
        output_field=SearchDocumentField(),
        db_persist=True,
        editable=False,
    )


class SearchIndex(GinIndex):
    """A GIN index on a stored search document; a no-op on databases without GIN (SQLite).

    Other databases still rebuild tables from the migration state (SQLite does on many schema
    changes), so the index must be skippable there rather than only left out of one migration.
    """

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return Statement("")
        return super().create_sql(model, schema_editor, using=using, **kwargs)

    def remove_sql(self, model, schema_editor, **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return Statement("")
        return super().remove_sql(model, schema_editor, **kwargs)


def clean_query(text):
    """The query as searched: control characters (NUL...) removed, spaces collapsed, capped."""
    text = re.sub(r"[\x00-\x1f\x7f]+", " ", text or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def query_terms(text):
    """The words of a query, without punctuation (quotes, %, operators): what is searched for."""
    return re.findall(r"\w+", clean_query(text))[:MAX_TERMS]


def stem(term):
    """A crude stem for the fallback search and for highlighting: "technology" and
    "technologies" share "technolo", as PostgreSQL's stemmer would match them."""
    term = term.lower()
    return term if len(term) <= 4 else term[: len(term) - 2]


def uses_full_text_search():
    return connection.vendor == "postgresql"


def search_query(terms):
    """The terms as PostgreSQL's query: every one of them, stemmed by the configuration."""
    return SearchQuery(" ".join(terms), config=SEARCH_CONFIG, search_type="plain")


class Concat(Func):
    """Stored documents joined: `||` of tsvectors or of texts (a missing one counts as empty)."""

    arg_joiner = " || "
    template = "%(expressions)s"
    output_field = SearchDocumentField()

    def __init__(self, *documents):
        super().__init__(*(Coalesce(F(d), Value("")) for d in documents))

    def as_sql(self, compiler, connection, **extra_context):
        # Texts joined with a space, so the last word of one is not glued to the next's first.
        if connection.vendor != "postgresql":
            extra_context["arg_joiner"] = " || ' ' || "
        return super().as_sql(compiler, connection, **extra_context)


def _occurrences(document, term):
    """How many times `term` occurs in the text `document` (the fallback's rank)."""
    return (Length(document) - Length(Replace(document, Value(term), Value("")))) / len(term)


class SearchableQuerySet(models.QuerySet):
    """`search(terms)`: the rows matching every term, annotated with `rank`, best first.

    `search_documents` names the stored documents searched: the model's own
    (`search_document`) and those of related rows it is found by (`host_city__search_document`).
    """

    search_documents = ("search_document",)

    def document(self):
        documents = self.search_documents
        return F(documents[0]) if len(documents) == 1 else Concat(*documents)

    def search(self, terms):
        if not terms:
            return self.none()
        document = self.document()
        if uses_full_text_search():
            query = search_query(terms)
            return (
                self.annotate(document=document)
                .filter(document=query)
                .annotate(rank=SearchRank(F("document"), query))
                .order_by("-rank", "pk")
            )
        stems = [stem(term) for term in terms]
        matches = reduce(and_, (models.Q(document__contains=s) for s in stems))
        return (
            self.annotate(document=document)
            .filter(matches)
            .annotate(rank=reduce(add, (_occurrences(F("document"), s) for s in stems)))
            .order_by("-rank", "pk")
        )

    def best(self, limit):
        """The first `limit` rows of a search, each with `total`, the number of all its
        matches: one query (a window count, taken before the LIMIT)."""
        return list(self.annotate(total=models.Window(models.Count("pk")))[:limit])
