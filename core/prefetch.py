"""Related rows fetched together, handed to each record as if Django had prefetched them: a
tree of rows from one query, or the citations of records of several kinds from one query.
Templates and serializers go on reading `record.children.all()`, `record.citations.all()`."""

from collections import defaultdict


def set_prefetched(record, name, rows):
    """Make `getattr(record, name).all()` return `rows` without a query, as
    `prefetch_related(name)` does."""
    queryset = getattr(record, name).all()
    queryset._result_cache = list(rows)
    queryset._prefetch_done = True
    record.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset


def as_tree(rows, name="children", parent="parent_id"):
    """The top rows of a tree read in one query (in order), each row's `name` (its reverse
    relation to the rows below it) filled from the same rows."""
    below = defaultdict(list)
    for row in rows:
        below[getattr(row, parent)].append(row)
    for row in rows:
        set_prefetched(row, name, below.get(row.pk, ()))
    return below.get(None, [])
