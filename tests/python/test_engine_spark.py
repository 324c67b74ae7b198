"""The same project on Apache Spark (pyspark in-process, local[2] master), proven equal to DuckDB.

The Spark warehouse and its Derby metastore live in target/spark-tests of the project
(COORD_FINOPS_SPARK_DIR), removed before each run. The raw exports reach Spark through the project's
loader, then `dbt build --target spark` runs every seed, model, data test and unit test. The
marts are read back from the warehouse's Parquet files and must equal the DuckDB build's, row for
row and to the cent; the data tests must report the same findings; a second, incremental run
(insert_overwrite of whole days and quarters on Spark) must leave the incremental marts equal.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import duckdb
import pytest
from conftest import PROJECT_ROOT, run_dbt

import engines


def java_available() -> bool:
    return shutil.which("java") is not None


@pytest.fixture(scope="module")
def spark_env():
    if not java_available():
        message = "Java is not installed (pyspark needs a JRE, e.g. Debian's openjdk-17-jre-headless)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    # inside the project folder (git-ignored target/), beside `make build-spark`'s target/spark,
    # removed before each run so no earlier warehouse or metastore is read
    folder = PROJECT_ROOT / "target" / "spark-tests"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return {"COORD_FINOPS_SPARK_DIR": str(folder)}


def load(spark_env: dict, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "coordination_finops.load", "--target", "spark", *extra],
        cwd=PROJECT_ROOT, env=dict(os.environ, DBT_PROFILES_DIR=str(PROJECT_ROOT), **spark_env),
        capture_output=True, text=True, timeout=900,
    )


@pytest.fixture(scope="module")
def spark_build(spark_env, tmp_path_factory):
    loaded = load(spark_env)
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr[-4000:]
    run = run_dbt(["build", "--target", "spark"], tmp_path_factory.mktemp("spark-dbt"), env=spark_env)
    assert run.returncode == 0, run.output[-6000:]
    return run


def warehouse(spark_env: dict):
    from pathlib import Path

    return Path(spark_env["COORD_FINOPS_SPARK_DIR"]) / "warehouse"


def test_spark_runs_every_test_with_the_same_findings(sample_build, spark_build):
    duckdb_results = engines.test_results(sample_build.output)
    spark_results = engines.test_results(spark_build.output)
    assert len(duckdb_results) > 150
    assert spark_results == duckdb_results


@pytest.mark.parametrize("mart", engines.MARTS)
def test_spark_marts_equal_duckdb(sample_build, spark_env, spark_build, mart):
    problems = engines.differences(engines.read_duckdb(sample_build.database, mart),
                                   engines.read_spark_warehouse(warehouse(spark_env), mart))
    assert not problems, f"{mart} on Spark differs from DuckDB:\n" + "\n".join(problems)


def test_spark_incremental_run_keeps_the_marts_equal(sample_build, spark_env, spark_build, tmp_path):
    run = run_dbt(["run", "--target", "spark", "--select", "fct_billing_charges", "fct_coordination_edges"],
                  tmp_path, env=spark_env)
    assert run.returncode == 0, run.output[-4000:]
    assert "incremental model marts.fct_billing_charges" in run.output
    for mart in ("fct_billing_charges", "fct_coordination_edges"):
        problems = engines.differences(engines.read_duckdb(sample_build.database, mart),
                                       engines.read_spark_warehouse(warehouse(spark_env), mart))
        assert not problems, f"{mart} after an incremental run on Spark:\n" + "\n".join(problems)


def test_spark_quarantines_bad_billing_rows_as_duckdb_does(spark_env, spark_build, tmp_path):
    export = tmp_path / "bad_focus.csv"
    export.write_text(engines.BAD_BILLING_CSV)
    dbt_vars = {"billing_path": str(export)}
    reference = run_dbt(["run", "--select", "stg_billing__focus_charges"], tmp_path / "duckdb", dbt_vars)
    assert reference.returncode == 0, reference.output[-3000:]
    with reference.connect() as connection:
        expected = engines.staged_billing(
            connection.execute(f"select {engines.STAGED_COLUMNS} from staging.stg_billing__focus_charges").fetchall())
    engines.assert_expected_bad_billing(expected)

    loaded = load(spark_env, "--vars", str(dbt_vars))
    assert loaded.returncode == 0, loaded.stderr[-3000:]
    run = run_dbt(["run", "--select", "stg_billing__focus_charges", "--target", "spark"], tmp_path / "spark",
                  dbt_vars, env=spark_env)
    assert run.returncode == 0, run.output[-3000:]
    folder = warehouse(spark_env) / "staging.db" / "stg_billing__focus_charges"
    with duckdb.connect() as connection:
        actual = engines.staged_billing(connection.execute(
            f"select {engines.STAGED_COLUMNS} from read_parquet('{folder.as_posix()}/*.parquet')").fetchall())
    assert actual == expected
