"""The record's version, and the page cache it keys."""


def record_changed():
    """Something the public sees has changed."""
