"""Full-text search shared by every searchable record: PostgreSQL's text search, or a plain
`icontains` fallback on other databases (SQLite on a developer's machine)."""

import re
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, models
from django.db.backends.ddl_references import Statement

# The record is in English; one configuration for the indexes and the queries alike, so that
# PostgreSQL can use the index (the indexed expression must equal the queried one).
SEARCH_CONFIG = "english"
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12


def search_vector(*fields):
    """The text-search document over these fields, as indexed and as queried."""
    return SearchVector(*fields, config=SEARCH_CONFIG)


class SearchIndex(GinIndex):
    """A GIN index on a text-search document; a no-op on databases without GIN (SQLite).

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


class SearchableQuerySet(models.QuerySet):
    """`search(terms)`: the rows matching every term, annotated with `rank`, best first.

    Subclasses name the `search_fields` of the document; a model whose fields are all its own
    declares `SearchIndex(search_vector(*search_fields))` in its Meta so PostgreSQL uses it.
    """

    search_fields = ()

    def search(self, terms):
        if not terms:
            return self.none()
        fields = self.search_fields
        if uses_full_text_search():
            vector = search_vector(*fields)
            query = SearchQuery(" ".join(terms), config=SEARCH_CONFIG, search_type="plain")
            return (
                self.annotate(document=vector)
                .filter(document=query)
                .annotate(rank=SearchRank(vector, query))
                .order_by("-rank", "pk")
            )
        # Fallback: every term (stemmed) in at least one field; ranked by how many fields match.
        terms = [stem(term) for term in terms]
        matches = [reduce(or_, (models.Q(**{f"{f}__icontains": t}) for f in fields)) for t in terms]
        hits = [
            models.Case(models.When(models.Q(**{f"{f}__icontains": t}), then=1), default=0)
            for t in terms
            for f in fields
        ]
        return (
            self.filter(reduce(and_, matches))
            .annotate(rank=reduce(lambda a, b: a + b, hits))
            .order_by("-rank", "pk")
        )


def refresh_search_documents():
    """Bring every stored search document up to date (after bulk writes)."""
