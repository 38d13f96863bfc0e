"""Full-text search shared by every searchable record, in English and in Japanese.

Each searchable model stores its own search document, a generated column the database keeps
current on every write (the ORM's, bulk inserts, imports, the admin, a revert from history,
raw SQL alike), declared once per model: `search_document_field(*titles, body=(...))`, so a
translation's column (`title_ja`) is one more name in that line.
- On PostgreSQL a `tsvector` with a GIN index (`SearchIndex`): the English words stemmed
  (`english` configuration), and every run of Japanese characters (kana, kanji) as its
  overlapping two-character pieces ("東京都" → 東京, 京都, and its last character 都 alone), since
  Japanese is written without spaces and PostgreSQL's parser would keep a whole sentence as one
  word. A query's Japanese word must have all its pieces, so 東京 finds 東京都 and 宣言 finds
  東京宣言 (measured against SudachiPy and pg_trgm: see docs/search.md). Title fields weigh A,
  body fields D, so a title match ranks above a body match.
- On other databases (SQLite on a developer's machine) the same fields as one lower-cased text,
  its titles before a `|`, matched word by word (a crude stem for English; Japanese as written,
  inside other text) and ranked by how often the words occur, title occurrences ten times over.
A record whose document needs a related row's words (a meeting's host city, a contact's units)
adds that row's stored document at query time (`search_documents`), so no document ever goes
stale when the related row changes.

`search_kinds()` searches several kinds of record in one query, a UNION ALL in which each kind
reads only the first COUNTED + 1 matches its index gives (not every match of a common word),
counts them (estimated past COUNTED) and ranks them.
"""

import json
import re
from dataclasses import dataclass
from functools import reduce
from operator import add, and_, or_

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection, connections, migrations, models, router
from django.db.backends.ddl_references import Statement
from django.db.models import F, Func, Value
from django.db.models.functions import Coalesce, Length, Replace, StrIndex, Substr
from django.db.models.lookups import GreaterThan

# English documents and queries are stemmed by this configuration; Japanese pieces are kept
# as they are (`simple`).
SEARCH_CONFIG = "english"
PIECES_CONFIG = "simple"
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
# How many matches of one kind are read, counted and ranked (the first its index gives; more
# on a page past the tenth): past that a count would read every matching row of a common
# word (100,000 clauses at 1000x), so PostgreSQL's estimate is given instead, and said to be
# one ("about").
COUNTED = 100
# A title occurrence counts this many body occurrences in the fallback's rank.
TITLE_WEIGHT = 10

# Japanese characters: kana, the CJK ideographs and their extensions, the iteration marks,
# half-width katakana. Written for Python's and PostgreSQL's regular expressions alike.
JAPANESE = "\u3005-\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
JAPANESE_CLASS = f"[{JAPANESE}]"
JAPANESE_RUN = re.compile(f"{JAPANESE_CLASS}+")


class SearchDocumentField(SearchVectorField):
    """A stored search document: `tsvector` on PostgreSQL, lower-cased text elsewhere."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"


def _pg_pieces(sql):
    """SQL for the two-character pieces of each Japanese run in `sql`, separated by spaces:
    the pairs from each run's first character, then those from its second (PostgreSQL's
    regular expressions cannot capture inside a lookahead, so overlapping pairs take two
    passes). A run's last character is left alone by one of the passes, so it is a piece too.
    Built-in, immutable functions only, so a generated column can hold it."""
    runs = f"regexp_replace({sql}, '[^{JAPANESE_CLASS[1:]}+', ' ', 'g')"
    shifted = f"regexp_replace({runs}, '(^| ){JAPANESE_CLASS}', '\\1', 'g')"
    pairs = f"'({JAPANESE_CLASS}{JAPANESE_CLASS})', '\\1 ', 'g'"
    return f"regexp_replace({runs}, {pairs}) || ' ' || regexp_replace({shifted}, {pairs})"


class SearchDocument(Func):
    """The document of a model's text fields: `titles` (weight A) and `body` (weight D).

    On PostgreSQL a `tsvector`: the English words of each field (Japanese taken out) and the
    Japanese pieces (`_pg_pieces`). Elsewhere the lower-cased text, titles first, then `|`,
    then the body. Immutable on both, so the database can store it as a generated column.
    """

    output_field = SearchDocumentField()

    def __init__(self, *titles, body=()):
        self.weights = ["A"] * len(titles) + ["D"] * len(body)
        self.title_count = len(titles)
        super().__init__(*(Coalesce(F(field), Value("")) for field in (*titles, *body)))

    def as_postgresql(self, compiler, connection, **extra_context):
        documents, params = [], []
        for expression, weight in zip(self.get_source_expressions(), self.weights, strict=True):
            sql, field_params = compiler.compile(expression)
            english = f"regexp_replace({sql}, '{JAPANESE_CLASS}+', ' ', 'g')"
            documents.append(
                f"setweight(to_tsvector('{SEARCH_CONFIG}'::regconfig, {english}) || "
                f"to_tsvector('{PIECES_CONFIG}'::regconfig, {_pg_pieces(sql)}), '{weight}')"
            )
            # Each field's SQL appears three times above: once for English, twice in the pieces.
            params += list(field_params) * 3
        return " || ".join(documents), params

    def as_sql(self, compiler, connection, **extra_context):
        parts = [compiler.compile(expression) for expression in self.get_source_expressions()]
        sqls = [part_sql for part_sql, _params in parts]
        sqls.insert(self.title_count, "'|'")
        params = [param for _sql, part_params in parts for param in part_params]
        joined = " || ' ' || ".join(sqls)
        return f"LOWER({joined})", params


def search_document_field(*titles, body=()):
    """The stored search document of a model over its own fields, kept by the database:
    `titles` (a name, a title: ranked first) and `body` (longer text)."""
    return models.GeneratedField(
        expression=SearchDocument(*titles, body=body),
        output_field=SearchDocumentField(),
        db_persist=True,
        editable=False,
    )


class SearchIndex(GinIndex):
    """A GIN index on a stored search document; a no-op on databases without GIN (SQLite).

    Without `fastupdate`: a new row's words go into the index at once, not into a pending
    list that every search would then read through, row by row, until a vacuum merged it (after
    a bulk load, every row of a table: the planner then scans the table instead). The record
    is written seldom and searched often.

    Other databases still rebuild tables from the migration state (SQLite does on many schema
    changes), so the index must be skippable there rather than only left out of one migration.
    """

    def __init__(self, *args, fastupdate=False, **kwargs):
        super().__init__(*args, fastupdate=fastupdate, **kwargs)

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return Statement("")
        return super().create_sql(model, schema_editor, using=using, **kwargs)

    def remove_sql(self, model, schema_editor, **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return Statement("")
        return super().remove_sql(model, schema_editor, **kwargs)


def search_indexes_without_pending_list(*names):
    """A migration's operation turning `fastupdate` off on these existing search indexes
    (SearchIndex), their pending lists merged into them; nothing on other databases."""

    def switch(on):
        def run(apps, schema_editor):
            if schema_editor.connection.vendor != "postgresql":
                return
            for name in names:
                schema_editor.execute(
                    f"ALTER INDEX {schema_editor.quote_name(name)} SET (fastupdate = {on})"
                )
                if on == "off":
                    schema_editor.execute("SELECT gin_clean_pending_list(%s::regclass)", [name])

        return run

    return migrations.RunPython(switch("off"), switch("on"), elidable=True)


def clean_query(text):
    """The query as searched: control characters (NUL...) removed, spaces collapsed, capped."""
    text = re.sub(r"[\x00-\x1f\x7f]+", " ", text or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def query_terms(text):
    """The words of a query, without punctuation (quotes, %, operators): what is searched for."""
    return re.findall(r"\w+", clean_query(text))[:MAX_TERMS]


def is_japanese(term):
    return bool(JAPANESE_RUN.search(term))


def stem(term):
    """A crude stem for the fallback search and for highlighting: "technology" and
    "technologies" share "technolo", as PostgreSQL's stemmer would match them. Japanese is
    not inflected that way: it is kept whole."""
    term = term.lower()
    return term if len(term) <= 4 or is_japanese(term) else term[: len(term) - 2]


def uses_full_text_search():
    return connection.vendor == "postgresql"


def pieces(run):
    """A Japanese run as the pieces a document holds: its overlapping pairs, or a single
    character as a prefix (it starts a pair, or ends a run)."""
    if len(run) == 1:
        return [f"{run}:*"]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def query_texts(terms):
    """The terms as the texts of PostgreSQL's query: the English words (stemmed by the
    configuration, as a `plainto_tsquery`) and the Japanese pieces (a raw query); None for a
    language the terms do not have."""
    english = [word for term in terms for word in JAPANESE_RUN.sub(" ", term).split()]
    runs = [run for term in terms for run in JAPANESE_RUN.findall(term)]
    japanese = [piece for run in runs for piece in pieces(run)]
    # Pieces are word characters only (query_terms), so no tsquery operator gets in.
    return (" ".join(english) or None), (" & ".join(japanese) or None)


def search_query(terms):
    """The terms as PostgreSQL's query: every English word, stemmed by the configuration,
    and every piece of every Japanese word."""
    english, japanese = query_texts(terms)
    queries = []
    if english:
        queries.append(SearchQuery(english, config=SEARCH_CONFIG, search_type="plain"))
    if japanese:
        queries.append(SearchQuery(japanese, config=PIECES_CONFIG, search_type="raw"))
    return reduce(and_, queries)


class NumNode(Func):
    """The number of words and operators in a query (`numnode`)."""

    function = "numnode"
    output_field = models.IntegerField()


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
    Each model's queryset says,
    in `searchable()`, which of its rows the public may find and what a result shows of them.

    `search_documents` names the stored documents searched: the model's own
    (`search_document`) and those of related rows it is found by (`host_city__search_document`).
    """

    search_documents = ("search_document",)

    def document(self):
        documents = self.search_documents
        return F(documents[0]) if len(documents) == 1 else Concat(*documents)

    def matching(self, terms):
        """The rows matching every term, not ranked."""
        if not terms:
            return self.none()
        document = self.document()
        if uses_full_text_search():
            query = search_query(terms)
            matches = self.annotate(document=document)
            if len(self.search_documents) == 1:
                return matches.filter(document=query)
            # A query of one word (one lexeme) matches where one of the documents does:
            # testing each costs far less than joining them, row by row, which a longer query
            # needs. numnode() of a query written out is worked out once, when it is planned.
            return matches.filter(
                reduce(or_, (models.Q(**{name: query}) for name in self.search_documents))
                | models.Q(GreaterThan(NumNode(query), 1), document=query)
            )
        stems = [stem(term) for term in terms]
        return self.annotate(document=document).filter(
            reduce(and_, (models.Q(document__contains=s) for s in stems))
        )

    def search(self, terms):
        matches = self.matching(terms)
        if not terms:
            return matches
        if uses_full_text_search():
            rank = SearchRank(F("document"), search_query(terms))
        else:
            document = F("document")
            titles = Substr(document, 1, StrIndex(document, Value("|")))
            rank = reduce(
                add,
                (
                    _occurrences(document, s) + TITLE_WEIGHT * _occurrences(titles, s)
                    for s in (stem(term) for term in terms)
                ),
            )
        return matches.annotate(rank=rank).order_by("-rank", "pk")


def _sql(queryset):
    sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    return sql, list(params)


# Terms standing for any query of their shape (English words, Japanese words, both) while
# its SQL is compiled; their texts in the compiled parameters are then swapped for the query's.
PLACEHOLDER_TERMS = {
    (True, False): ["placeholderenglishword"],
    (False, True): ["〆〆"],
    (True, True): ["placeholderenglishword", "〆〆"],
}
_compiled = {}


def compiled(key, build, terms):
    """The SQL and parameters of `build(terms)` (a function of the terms only), compiled once
    per process for every query of the same shape: building and compiling a queryset costs
    more than PostgreSQL takes to run a search. Elsewhere (SQLite, whose SQL depends on each
    term) compiled each time."""
    if not uses_full_text_search():
        return build(terms)
    texts = query_texts(terms)
    shape = tuple(text is not None for text in texts)
    if (key, shape) not in _compiled:
        _compiled[key, shape] = build(PLACEHOLDER_TERMS[shape])
    sql, params = _compiled[key, shape]
    placeholders = dict(zip(query_texts(PLACEHOLDER_TERMS[shape]), texts, strict=True))
    return sql, [placeholders.get(p, p) if isinstance(p, str) else p for p in params]


@dataclass(frozen=True)
class Found:
    """What a search found: the number of matches of each kind (`counts`), whether a kind
    has more than COUNTED (`more`: then its count is PostgreSQL's estimate where `estimated`,
    else COUNTED), and the page's rows as (kind's index, pk, rank), best first."""

    counts: list
    more: list
    page: list
    estimated: list


def _kind_sql(model, index, terms, *, candidates, limit, ranked):
    """One kind's part of `search_kinds()`'s query: its first `candidates` matches (as the
    index gives them, each row read once), counted in `matches`; where `ranked`, the best
    `limit` of them by rank, each with that count, else one row with the count alone."""
    queryset = model.objects.searchable()
    if not ranked:
        sql, params = _sql(queryset.matching(terms).order_by().values("pk")[:candidates])
        return (
            # Typed, as a UNION ALL of these alone could not tell the columns' types.
            f'SELECT {index} AS "found_kind", CAST(NULL AS bigint) AS "found_key", '
            f'CAST(NULL AS real) AS "rank", '
            f'COUNT(*) AS "matches" FROM ({sql}) AS matches{index}'
        ), params
    found = queryset.search(terms).order_by().annotate(found_key=F("pk"))
    sql, params = _sql(found.values("found_key", "rank")[:candidates])
    # The count is taken over every candidate before the LIMIT keeps the best.
    return (
        f'SELECT * FROM (SELECT {index} AS "found_kind", "found_key", "rank", '
        f'COUNT(*) OVER () AS "matches" FROM ({sql}) AS candidates{index} '
        f'ORDER BY "rank" DESC, "found_key" LIMIT {int(limit)}) AS kind{index}'
    ), params


def search_kinds(models, terms, *, offset, size, shown=None):
    """Search these models (one a kind, each with a SearchableQuerySet whose `searchable()`
    is the rows the public may find, the same for every request) for every term, in one
    query whatever the number of kinds (two when a kind has more than COUNTED matches). Each
    kind reads only its first matches, as its index gives them: COUNTED + 1, or
    `offset + size + 1` on a deeper page. It counts them (a kind with more is estimated by the
    planner: `estimate`) and, for the kinds `shown` (by index; all if None), ranks them and
    keeps its best `offset + size`; rows `offset` to `offset + size` of those, across the
    kinds, are the page. So a common word costs no more than a rare one, and no row is read
    twice. Ranks of different kinds compare: every document is weighted the same way."""
    models = list(models)
    if not terms or not models:
        return Found([0] * len(models), [False] * len(models), [], [False] * len(models))
    using = router.db_for_read(models[0])
    candidates = max(COUNTED, offset + size) + 1
    parts, params = [], []
    for index, model in enumerate(models):
        ranked = shown is None or index in shown
        options = {"candidates": candidates, "limit": offset + size, "ranked": ranked}
        sql, part = compiled(
            ("kind", model, index, *options.values()),
            lambda terms, model=model, index=index, options=options: _kind_sql(
                model, index, terms, **options
            ),
            terms,
        )
        parts.append(sql)
        params += part
    with connections[using].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    counted = [0] * len(models)
    for index, _key, _rank, matches in rows:
        counted[index] = matches
    more = [count > COUNTED for count in counted]
    counts = [min(count, COUNTED) for count in counted]
    estimated = [False] * len(models)
    estimates = estimate([m for m, over in zip(models, more, strict=True) if over], terms)
    for index in (i for i, over in enumerate(more) if over and estimates):
        # An estimate under what was counted says only that there are more.
        counts[index] = max(estimates.pop(0), COUNTED)
        estimated[index] = counts[index] > COUNTED
    ranked = sorted(
        ((index, key, rank) for index, key, rank, _matches in rows if key is not None),
        key=lambda row: (-row[2], row[0], row[1]),
    )
    return Found(counts, more, ranked[offset : offset + size], estimated)


def _matches_sql(models, terms):
    parts, params = [], []
    for model in models:
        sql, part = _sql(model.objects.searchable().matching(terms).order_by().values("pk"))
        parts.append(f"SELECT * FROM ({sql}) AS matches")
        params += part
    return " UNION ALL ".join(parts), params


def estimate(models, terms):
    """PostgreSQL's estimates of the searchable matches of each of these models (from the
    statistics of the search documents' words: one EXPLAIN, nothing read), rounded to two
    significant figures, as they are only estimates; [] elsewhere, or for none."""
    if not models or not uses_full_text_search():
        return []
    sql, params = compiled(("estimate", *models), lambda terms: _matches_sql(models, terms), terms)
    with connections[router.db_for_read(models[0])].cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    plan = (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]
    plans = plan["Plans"] if len(models) > 1 else [plan]
    if len(plans) != len(models):
        return []
    return [two_figures(int(child["Plan Rows"])) for child in plans]


def two_figures(number):
    """An estimate as it is said: 81,493 is "about 81,000"."""
    if number < 100:
        return number
    scale = 10 ** (len(str(number)) - 2)
    return round(number / scale) * scale
