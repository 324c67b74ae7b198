"""The same project on PostgreSQL (Debian's server, started here on 127.0.0.1), proven equal to DuckDB.

The raw exports reach PostgreSQL through the project's loader (coordination-finops-load), then
`dbt build --target postgres` runs every seed, model, data test and unit test there. Every mart
must equal the DuckDB build's, row for row and to the cent, and the data tests must report the
same findings.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import PROJECT_ROOT, run_dbt

import engines
from coordination_finops.local_postgres import PostgresUnavailable, local_postgres


def load(server_env: dict, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "coordination_finops.load", "--target", "postgres", *extra],
        cwd=PROJECT_ROOT, env=dict(os.environ, DBT_PROFILES_DIR=str(PROJECT_ROOT), **server_env),
        capture_output=True, text=True, timeout=600,
    )


@pytest.fixture(scope="module")
def postgres(tmp_path_factory):
    try:
        with local_postgres() as server:
            yield server
    except PostgresUnavailable as error:
        if os.environ.get("CI"):
            pytest.fail(str(error))
        pytest.skip(str(error))


@pytest.fixture(scope="module")
def postgres_build(postgres, tmp_path_factory):
    loaded = load(postgres.env())
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    run = run_dbt(["build", "--target", "postgres"], tmp_path_factory.mktemp("postgres"), env=postgres.env())
    assert run.returncode == 0, run.output[-6000:]
    return run


def settings(server) -> dict:
    return {"host": server.host, "port": server.port, "user": server.user, "database": server.database}


def test_loader_copies_every_row_of_the_exports(postgres, postgres_build):
    import psycopg2

    with psycopg2.connect(host=postgres.host, port=postgres.port, user=postgres.user,
                          dbname=postgres.database) as connection, connection.cursor() as cursor:
        cursor.execute("select count(*), count(distinct filename) from billing.focus_billing")
        billing_rows, billing_files = cursor.fetchone()
        cursor.execute("select count(*) from payroll.payroll_register")
        payroll_rows = cursor.fetchone()[0]
    csv_rows = sum(len(path.read_text().splitlines()) - 1 for path in (PROJECT_ROOT / "data/sample/billing").glob("*.csv"))
    assert billing_rows == csv_rows
    assert billing_files == len(list((PROJECT_ROOT / "data/sample/billing").glob("*.csv")))
    assert payroll_rows == sum(len(p.read_text().splitlines()) - 1 for p in (PROJECT_ROOT / "data/sample/payroll").glob("*.csv"))


def test_postgres_runs_every_test_with_the_same_findings(sample_build, postgres_build):
    duckdb_results = engines.test_results(sample_build.output)
    postgres_results = engines.test_results(postgres_build.output)
    assert len(duckdb_results) > 150
    assert postgres_results == duckdb_results


@pytest.mark.parametrize("mart", engines.MARTS)
def test_postgres_marts_equal_duckdb(sample_build, postgres, postgres_build, mart):
    problems = engines.differences(engines.read_duckdb(sample_build.database, mart),
                                   engines.read_postgres(settings(postgres), mart))
    assert not problems, f"{mart} on PostgreSQL differs from DuckDB:\n" + "\n".join(problems)


def test_postgres_quarantines_bad_billing_rows_as_duckdb_does(postgres, postgres_build, tmp_path):
    import psycopg2

    export = tmp_path / "bad_focus.csv"
    export.write_text(engines.BAD_BILLING_CSV)
    dbt_vars = {"billing_path": str(export)}
    reference = run_dbt(["run", "--select", "stg_billing__focus_charges"], tmp_path / "duckdb", dbt_vars)
    assert reference.returncode == 0, reference.output[-3000:]
    with reference.connect() as connection:
        expected = engines.staged_billing(
            connection.execute(f"select {engines.STAGED_COLUMNS} from staging.stg_billing__focus_charges").fetchall())
    engines.assert_expected_bad_billing(expected)

    loaded = load(postgres.env(), "--vars", str(dbt_vars))
    assert loaded.returncode == 0, loaded.stderr
    run = run_dbt(["run", "--select", "stg_billing__focus_charges", "--target", "postgres"], tmp_path / "pg",
                  dbt_vars, env=postgres.env())
    assert run.returncode == 0, run.output[-3000:]
    with psycopg2.connect(host=postgres.host, port=postgres.port, user=postgres.user,
                          dbname=postgres.database) as connection, connection.cursor() as cursor:
        cursor.execute(f"select {engines.STAGED_COLUMNS} from staging.stg_billing__focus_charges")
        actual = engines.staged_billing(cursor.fetchall())
    assert actual == expected


def test_loader_names_the_source_and_path_it_cannot_read(postgres):
    loaded = load(postgres.env(), "--vars", "{billing_path: /nonexistent/focus/*.csv}")
    assert loaded.returncode == 1
    assert "source billing.focus_billing" in loaded.stderr
    assert "/nonexistent/focus/*.csv" in loaded.stderr
    assert "Traceback" not in loaded.stderr


def _wrapped_server(command: str) -> subprocess.Popen:
    """`python -m coordination_finops.local_postgres -- sh -c COMMAND`, its output piped."""
    return subprocess.Popen([sys.executable, "-m", "coordination_finops.local_postgres", "--", "sh", "-c", command],
                            cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _server_folders() -> set:
    import tempfile
    from pathlib import Path

    return set(Path(tempfile.gettempdir()).glob("coordination-finops-pg-*"))


def _accepts_connections(port: int) -> bool:
    import socket

    with socket.socket() as probe:
        probe.settimeout(2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_local_server_is_stopped_and_removed_when_the_command_fails(postgres):
    before = _server_folders()
    process = _wrapped_server('echo "$COORD_FINOPS_PG_PORT"; exit 3')
    stdout, stderr = process.communicate(timeout=120)
    port = int(stdout.split()[0])
    assert process.returncode == 3, stderr  # the command's own exit status
    assert f"PostgreSQL on 127.0.0.1:{port}" in stderr
    assert not _accepts_connections(port)
    assert _server_folders() <= before


def test_local_server_is_stopped_and_removed_when_terminated(postgres):
    import signal

    before = _server_folders()
    process = _wrapped_server('echo "$COORD_FINOPS_PG_PORT"; exec sleep 120')
    port = int(process.stdout.readline())
    assert _accepts_connections(port)
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=120)
    assert process.returncode == 128 + signal.SIGTERM  # forwarded to the command, reported like a shell
    assert not _accepts_connections(port)
    assert _server_folders() <= before


def test_local_server_names_a_command_it_cannot_run(postgres):
    before = _server_folders()
    process = subprocess.Popen([sys.executable, "-m", "coordination_finops.local_postgres", "--",
                                "no-such-command-anywhere"], cwd=PROJECT_ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 127
    assert "local_postgres: cannot run no-such-command-anywhere: No such file or directory" in stderr
    assert "Traceback" not in stderr
    assert _server_folders() <= before
