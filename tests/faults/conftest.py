import shutil
import uuid

import pytest

from tests.support.servers import require_postgresql_run, start_private_postgres


@pytest.fixture(scope="session")
def private_postgres():
    """A PostgreSQL cluster only these tests use (they stop and start it)."""
    require_postgresql_run()
    cluster = start_private_postgres()
    yield cluster
    cluster.remove()


@pytest.fixture
def workdir(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def database(private_postgres):
    """A new database in the private cluster: its name and URL."""
    name = f"hnp_faults_{uuid.uuid4().hex[:10]}"
    return name, private_postgres.create_database(name)
