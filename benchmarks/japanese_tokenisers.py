"""Japanese search, two ways, measured on the scale data's Japanese text (issue 13): the
character pieces the site stores (core.search: every Japanese run as overlapping two-character
pieces in the tsvector, made by the database) against SudachiPy (sudachidict-core, split mode
A, tokens made in Python and stored as a tsvector) and pg_trgm (a trigram GIN index on the
text, queried with LIKE). For each: build time, index size, query p50/p95 (a count of the
matches, twenty times over a list of words) and what each finds for the words that matter.

    .venv/bin/pip install sudachipy sudachidict-core   # for this measurement only
    DATABASE_URL=postgres://.../wt_search_scale .venv/bin/python benchmarks/japanese_tokenisers.py

The database must hold `make_scale_data` records (every tenth clause has Japanese). The
tables are made in a schema of their own, dropped at the end.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anmc21.settings.local")

import django

django.setup()

from django.db import connection  # noqa: E402

from core.search import JAPANESE_CLASS, _pg_pieces, pieces  # noqa: E402

WORDS = ["東京", "宣言", "ソウル", "東京都", "協力", "環境", "会議", "危機管理", "都市", "台北"]
# What each must find (東京 inside 東京都, 宣言 inside 東京宣言), and must not (京都, Kyoto,
# is not in 東京都, Tokyo Metropolis).
CHECKS = [("東京", "東京都"), ("宣言", "東京宣言"), ("都", "東京都"), ("京都", "東京都")]
SCHEMA = "tokeniser_bench"


def run(sql, params=None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else None


def timed(sql, params=None):
    started = time.perf_counter()
    rows = run(sql, params)
    return time.perf_counter() - started, rows


def size(name):
    return run("SELECT pg_relation_size(%s)", [f"{SCHEMA}.{name}"])[0][0] / 1e6


def sudachi():
    from sudachipy import dictionary, tokenizer

    split = tokenizer.Tokenizer.SplitMode.A
    tokeniser = dictionary.Dictionary(dict="core").create(split)

    def tokens(text):
        return [
            m.surface() for m in tokeniser.tokenize(text) if m.part_of_speech()[0] != "補助記号"
        ]

    return tokens


def latency(query_for):
    times = []
    for _ in range(20):
        for word in WORDS:
            sql, params = query_for(word)
            times.append(timed(sql, params)[0] * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main():
    run(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
    run(f"CREATE SCHEMA {SCHEMA}")
    run("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    try:
        run(
            f"CREATE TABLE {SCHEMA}.texts AS SELECT id, text FROM declarations_clause "
            f"WHERE text ~ '{JAPANESE_CLASS}'"
        )
        count = run(f"SELECT count(*) FROM {SCHEMA}.texts")[0][0]
        print(f"{count:,} clauses with Japanese text\n")
        results = {}
        tokens = sudachi()
        matches = {
            "pieces (the site's)": lambda word, text: run(
                f"SELECT to_tsvector('simple', {_pg_pieces('%s')}) @@ to_tsquery('simple', %s)",
                [text, text, " & ".join(pieces(word))],
            )[0][0],
            "SudachiPy (mode A)": lambda word, text: run(
                "SELECT to_tsvector('simple', %s) @@ to_tsquery('simple', %s)",
                [" ".join(tokens(text)), " & ".join(tokens(word))],
            )[0][0],
            "pg_trgm (LIKE)": lambda word, text: run("SELECT %s LIKE %s", [text, f"%{word}%"])[0][
                0
            ],
        }

        # 1. Pieces, made by the database as the site's generated columns are.
        built, _ = timed(
            f"CREATE TABLE {SCHEMA}.pieces AS SELECT id, "
            f"to_tsvector('simple', {_pg_pieces('text')}) AS document FROM {SCHEMA}.texts"
        )
        indexed, _ = timed(f"CREATE INDEX pieces_gin ON {SCHEMA}.pieces USING gin (document)")
        run(f"ANALYZE {SCHEMA}.pieces")

        def pieces_query(word):
            query = " & ".join(pieces(word))
            return (
                f"SELECT count(*) FROM {SCHEMA}.pieces WHERE document @@ to_tsquery('simple', %s)",
                [query],
            )

        results["pieces (the site's)"] = (built, indexed, size("pieces_gin"), pieces_query)

        # 2. SudachiPy tokens, made in Python and written as the ORM would.
        started = time.perf_counter()
        rows = run(f"SELECT id, text FROM {SCHEMA}.texts")
        tokenised = [(pk, " ".join(tokens(text))) for pk, text in rows]
        tokenise_time = time.perf_counter() - started
        run(f"CREATE TABLE {SCHEMA}.sudachi (id bigint, document tsvector)")
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {SCHEMA}.sudachi VALUES (%s, to_tsvector('simple', %s))", tokenised
            )
        built = time.perf_counter() - started
        indexed, _ = timed(f"CREATE INDEX sudachi_gin ON {SCHEMA}.sudachi USING gin (document)")
        run(f"ANALYZE {SCHEMA}.sudachi")

        def sudachi_query(word):
            query = " & ".join(tokens(word))
            return (
                f"SELECT count(*) FROM {SCHEMA}.sudachi WHERE document @@ to_tsquery('simple', %s)",
                [query],
            )

        results["SudachiPy (mode A)"] = (built, indexed, size("sudachi_gin"), sudachi_query)
        print(f"SudachiPy tokenised {count:,} texts in {tokenise_time:.1f} s\n")

        # 3. pg_trgm on the text itself.
        built, _ = timed(f"CREATE TABLE {SCHEMA}.trgm AS SELECT id, text FROM {SCHEMA}.texts")
        indexed, _ = timed(f"CREATE INDEX trgm_gin ON {SCHEMA}.trgm USING gin (text gin_trgm_ops)")
        run(f"ANALYZE {SCHEMA}.trgm")

        def trgm_query(word):
            return f"SELECT count(*) FROM {SCHEMA}.trgm WHERE text LIKE %s", [f"%{word}%"]

        results["pg_trgm (LIKE)"] = (built, indexed, size("trgm_gin"), trgm_query)

        print(
            f"{'approach':<22} {'build s':>8} {'index s':>8} {'index MB':>9} "
            f"{'p50 ms':>7} {'p95 ms':>7}   " + "   ".join(f"{w} in {t}?" for w, t in CHECKS)
        )
        for name, (built, indexed, megabytes, query_for) in results.items():
            p50, p95 = latency(query_for)
            found = ["yes" if matches[name](word, text) else "no" for word, text in CHECKS]
            print(
                f"{name:<22} {built:>8.2f} {indexed:>8.2f} {megabytes:>9.2f} {p50:>7.1f} "
                f"{p95:>7.1f}   "
                + "   ".join(
                    f"{f:>{len(w) * 2 + len(t) * 2 + 5}}"
                    for f, (w, t) in zip(found, CHECKS, strict=True)
                )
            )
    finally:
        run(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")


if __name__ == "__main__":
    main()
