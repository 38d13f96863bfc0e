"""Read replicas (core.db): anonymous reads go to a replica, staff and writes to the primary.
The replica here is the test database itself (Django's TEST MIRROR): it holds the shipped
record, committed before the tests, and none of a test's own uncommitted rows."""

import pytest
from django.db import connection, connections
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from plenaries.models import City

both_databases = pytest.mark.django_db(databases=["default", "replica"])
pytestmark = pytest.mark.usefixtures("with_replica")
# A second connection to SQLite's in-memory test database waits on the first one's
# transaction; PostgreSQL (CI runs the suite on it) serves both.
needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a mirror connection needs PostgreSQL"
)


@pytest.fixture
def with_replica():
    with override_settings(DATABASE_REPLICAS=["replica"]):
        yield


def queries_on(alias, client, path):
    with CaptureQueriesContext(connections[alias]) as queries:
        response = client.get(path)
    return response, len(queries)


@needs_postgresql
@both_databases
def test_an_anonymous_reader_reads_from_the_replica(client):
    with CaptureQueriesContext(connections["default"]) as primary:
        response, on_replica = queries_on("replica", client, "/plenaries/9/")
    assert response.status_code == 200
    assert "Tokyo" in response.content.decode()
    assert on_replica > 0
    assert len(primary) == 0


@needs_postgresql
@both_databases
def test_staff_read_from_the_primary(staff_client):
    with CaptureQueriesContext(connections["replica"]) as replica:
        response, on_primary = queries_on("default", staff_client, "/plenaries/9/")
    assert response.status_code == 200
    assert on_primary > 0
    assert len(replica) == 0


@needs_postgresql
@both_databases
def test_a_request_reads_from_the_primary_after_it_writes(staff_client):
    with CaptureQueriesContext(connections["replica"]) as replica:
        staff_client.post("/admin/logout/")
    assert len(replica) == 0


@pytest.mark.django_db
def test_writes_go_to_the_primary_and_later_reads_in_that_request_too():
    from core.db import ReplicaRouter, _replica

    router = ReplicaRouter()
    token = _replica.set("replica")
    try:
        assert router.db_for_read(City) == "replica"
        assert router.db_for_write(City) is None  # Django's choice: the primary
        assert router.db_for_read(City) is None  # the primary
    finally:
        _replica.reset(token)


@needs_postgresql
@both_databases
@override_settings(DATABASE_REPLICAS=[])
def test_without_replicas_everything_uses_the_primary(client):
    with CaptureQueriesContext(connections["replica"]) as replica:
        assert client.get("/cities/").status_code == 200
    assert len(replica) == 0


@pytest.fixture(scope="module", autouse=True)
def close_the_replica_connection():
    """So that the test database can be dropped after the suite."""
    yield
    connections["replica"].close()
