"""Fixtures shared across the suite."""

import pytest

from plenaries.seed import load_record

from .factories import StaffFactory


@pytest.fixture
def record(db):
    """The shipped record (Tokyo 2010), loaded as `make run` loads it."""
    load_record()


@pytest.fixture
def staff_user(db):
    return StaffFactory(username="secretariat")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client
