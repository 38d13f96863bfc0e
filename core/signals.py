"""Signals of the ground floor, for the domain apps to hook into without being imported."""

from django.dispatch import Signal

# Sent before an approved change is applied, with `owner` (the record whose page shows it):
# a receiver returns what it needs to compare afterwards (e.g. the clause texts).
public_change_starting = Signal()
# Sent after a change to the public record is logged, with `owner`, `entry` (the PublicChange)
# and `before` (the responses to public_change_starting, as (receiver, value) pairs; empty for
# a publication).
public_change_logged = Signal()
