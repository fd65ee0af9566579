"""Database fixtures: real SQLite files and, for service-level tests, a real PostgreSQL.

``db`` is parametrised over both backends (ids ``sqlite`` and ``postgresql``); GUI tests
pin it to SQLite in tests/ui/conftest.py. PostgreSQL comes from FACTURIER_TEST_PG_URL
(``.ci/run`` starts a cluster and sets it) or from a cluster started here; when neither
can be had, the PostgreSQL cases are skipped with the reason.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.db.database import Database, open_database
from tests import pg_server

BACKENDS = ["sqlite", "postgresql"]
# One template per pytest-xdist worker: a worker making its own must never drop the one
# another worker is copying from.
TEMPLATE = "facturier_template_" + os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "facturier.db"


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """The maintenance URL of a PostgreSQL server (database "postgres")."""
    given = os.environ.get("FACTURIER_TEST_PG_URL")
    if given:
        yield given
        return
    folder = Path(tempfile.mkdtemp(prefix="facturier-pg-"))
    try:
        url = pg_server.start(folder)
    except Exception as exc:  # not installed, cannot run initdb...
        pg_server.stop(folder)
        pytest.skip(f"no PostgreSQL server could be started here: {exc}")
    try:
        yield url
    finally:
        pg_server.stop(folder)


def _admin(server_url: str, statement: str) -> None:
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(statement))
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def pg_template(pg_server_url: str) -> str:
    """A migrated database that each test's database is copied from (fast)."""
    _admin(pg_server_url, f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)")
    _admin(pg_server_url, f"CREATE DATABASE {TEMPLATE}")
    url = make_url(pg_server_url).set(database=TEMPLATE).render_as_string(hide_password=False)
    open_database(url).dispose()
    return TEMPLATE


@pytest.fixture
def pg_url(pg_server_url: str, pg_template: str) -> Iterator[str]:
    """A fresh, migrated, empty PostgreSQL database for one test."""
    name = f"test_{uuid.uuid4().hex[:12]}"
    _admin(pg_server_url, f"CREATE DATABASE {name} TEMPLATE {pg_template}")
    yield make_url(pg_server_url).set(database=name).render_as_string(hide_password=False)
    _admin(pg_server_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, db_path: Path) -> str:
    """What ``--db`` would be given: a SQLite file, or a PostgreSQL URL."""
    if request.param == "postgresql":
        return str(request.getfixturevalue("pg_url"))
    return str(db_path)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url, timeout=5)
    try:
        yield database
    finally:
        database.dispose()
