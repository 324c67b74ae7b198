"""Load the raw exports into a warehouse or cluster target (PostgreSQL, Spark), for `dbt build`.

On DuckDB the staging models read the export files in place: each file source declares an
`external_location` (a DuckDB `read_csv`/`read_parquet` of the path var). Other engines
cannot read the company's files from dbt, so this loader reads the SAME source declarations
(`dbt ls` of the sources, with the same `--vars`), runs each enabled source's
`external_location` in an in-memory DuckDB, and writes the rows, every column as text plus
`filename`, to the source's own relation (`<source schema>.<table>`) on the target. It also
loads the header-only templates of data/templates/ into the `templates` schema, which the
staging models read when a source is switched off (var `<source>_enabled: false`).

    coordination-finops-load --target postgres [--vars '{billing_path: /exports/focus/*.csv}']
    dbt build --target postgres [--vars ...]

Connection settings come from profiles.yml (the same target, the same environment variables).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb
import jinja2
import yaml

PROJECT_ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = PROJECT_ROOT / "data" / "templates"
SUPPORTED = ("postgres", "spark")


class LoadError(RuntimeError):
    pass


@dataclass(frozen=True)
class FileSource:
    label: str  # billing.focus_billing
    schema: str
    identifier: str
    external_location: str


def dbt_executable() -> str:
    candidate = Path(sys.executable).with_name("dbt")
    return str(candidate) if candidate.exists() else "dbt"


def profile_output(target: str, profiles_dir: Path) -> dict:
    """The target's settings from profiles.yml, rendered as dbt renders them (env_var, as_number)."""
    def env_var(name: str, default: str | None = None) -> str:
        if name in os.environ:
            return os.environ[name]
        if default is None:
            raise LoadError(f"profiles.yml needs environment variable {name}")
        return default

    environment = jinja2.Environment(undefined=jinja2.StrictUndefined)
    environment.globals["env_var"] = env_var
    environment.filters["as_number"] = lambda value: value

    def render(value):
        if isinstance(value, str):
            return environment.from_string(value).render()
        if isinstance(value, dict):
            return {key: render(item) for key, item in value.items()}
        return value

    profiles = yaml.safe_load((profiles_dir / "profiles.yml").read_text())
    outputs = profiles["coordination_finops"]["outputs"]
    if target not in outputs:
        raise LoadError(f"profiles.yml has no target '{target}' (targets: {', '.join(outputs)})")
    return render(outputs[target])


def file_sources(target: str, dbt_vars: str | None, profiles_dir: Path) -> list[FileSource]:
    """The enabled sources that are files, as dbt parses them for this target and these vars."""
    command = [dbt_executable(), "ls", "--resource-type", "source", "--output", "json", "--quiet",
               "--output-keys", "unique_id source_name name config", "--target", target]
    if dbt_vars:
        command += ["--vars", dbt_vars]
    env = dict(os.environ, DBT_PROFILES_DIR=str(profiles_dir))
    result = subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise LoadError("dbt ls of the sources failed:\n" + (result.stdout + result.stderr).strip()[-3000:])
    sources = []
    for line in result.stdout.splitlines():
        if not line.startswith("{"):
            continue
        node = json.loads(line)
        location = (node.get("config") or {}).get("external_location")
        if location:
            sources.append(FileSource(f"{node['source_name']}.{node['name']}", node["source_name"],
                                      node["name"], " ".join(location.split())))
    return sources


def read_source(connection: duckdb.DuckDBPyConnection, source: FileSource, table: str) -> tuple[list[str], int]:
    """Read a source's files into a DuckDB table of text columns (lower-case names); its columns and rows."""
    try:
        connection.execute(f"create or replace temp table raw_read as select * from {source.external_location}")
    except duckdb.Error as error:
        first_line = str(error).strip().splitlines()[0]
        raise LoadError(f"source {source.label}: cannot read {source.external_location}: {first_line}") from None
    columns = [row[0] for row in connection.execute("describe raw_read").fetchall()]
    lowered = [name.lower() for name in columns]
    duplicates = sorted({name for name in lowered if lowered.count(name) > 1})
    if duplicates:
        raise LoadError(f"source {source.label}: columns differ only in case: {', '.join(duplicates)}")
    select = ", ".join(f'cast("{name}" as varchar) as "{name.lower()}"' for name in columns)
    connection.execute(f"create or replace temp table {table} as select {select} from raw_read")
    rows = connection.execute(f"select count(*) from {table}").fetchone()[0]
    return lowered, rows


def template_sources() -> list[FileSource]:
    return [
        FileSource(f"templates.{path.stem}", "templates", path.stem,
                   f"read_csv('{path.as_posix()}', header = true, all_varchar = true, filename = true)")
        for path in sorted(TEMPLATES.glob("*.csv"))
    ]


class PostgresWriter:
    def __init__(self, settings: dict):
        import psycopg2

        try:
            self.connection = psycopg2.connect(
                host=settings["host"], port=int(settings["port"]), user=settings["user"],
                password=settings.get("password") or None, dbname=settings.get("dbname") or settings.get("database"),
            )
        except psycopg2.Error as error:
            raise LoadError(f"cannot connect to PostgreSQL at {settings['host']}:{settings['port']}: "
                            f"{str(error).strip().splitlines()[0]}") from None
        self.connection.autocommit = False

    def write(self, duck: duckdb.DuckDBPyConnection, table: str, schema: str, identifier: str, columns: list[str]):
        with tempfile.NamedTemporaryFile(suffix=".csv") as staged:
            duck.execute(f"copy {table} to '{staged.name}' (format csv, header false)")
            with self.connection.cursor() as cursor:
                cursor.execute(f'create schema if not exists "{schema}"')
                cursor.execute(f'drop table if exists "{schema}"."{identifier}" cascade')
                cursor.execute(f'create table "{schema}"."{identifier}" ('
                               + ", ".join(f'"{name}" text' for name in columns) + ")")
                with open(staged.name, encoding="utf-8") as data:
                    cursor.copy_expert(f'copy "{schema}"."{identifier}" from stdin with (format csv)', data)
        self.connection.commit()

    def close(self):
        self.connection.close()


class SparkWriter:
    def __init__(self, settings: dict):
        from pyspark.sql import SparkSession

        builder = SparkSession.builder.enableHiveSupport()
        for key, value in (settings.get("server_side_parameters") or {}).items():
            builder = builder.config(key, str(value))
        self.session = builder.getOrCreate()
        self.session.sparkContext.setLogLevel("ERROR")

    def write(self, duck: duckdb.DuckDBPyConnection, table: str, schema: str, identifier: str, columns: list[str]):
        with tempfile.TemporaryDirectory() as folder:
            staged = Path(folder) / f"{identifier}.parquet"
            duck.execute(f"copy {table} to '{staged}' (format parquet)")
            frame = self.session.read.parquet(str(staged))
            if not self.session.catalog.databaseExists(schema):
                # `if not exists` alone has the Hive metastore log an AlreadyExistsException with
                # its stack trace at ERROR, on every table of an existing database
                self.session.sql(f"create database {schema}")
            self.session.sql(f"drop table if exists {schema}.{identifier}")
            # materialise the rows now: the staged file goes with the folder
            frame.write.mode("overwrite").format("parquet").saveAsTable(f"{schema}.{identifier}")

    def close(self):
        self.session.stop()


def load(target: str, dbt_vars: str | None = None, profiles_dir: Path | None = None, echo=print) -> dict[str, int]:
    profiles_dir = profiles_dir or Path(os.environ.get("DBT_PROFILES_DIR", PROJECT_ROOT))
    settings = profile_output(target, profiles_dir)
    engine = settings.get("type")
    if engine == "duckdb":
        raise LoadError("the duckdb target reads the export files in place: nothing to load")
    if engine not in SUPPORTED:
        raise LoadError(f"target '{target}' is of type {engine}; the loader writes to {', '.join(SUPPORTED)}. "
                        "On another warehouse, load each source's files with its own bulk loader (README).")
    sources = file_sources(target, dbt_vars, profiles_dir) + template_sources()
    counts = {}
    duck = duckdb.connect()
    # the external locations name paths relative to the project, as dbt (run from it) reads them,
    # and the `filename` column must read the same on every engine
    previous_directory = os.getcwd()
    os.chdir(PROJECT_ROOT)
    writer = PostgresWriter(settings) if engine == "postgres" else SparkWriter(settings)
    try:
        for index, source in enumerate(sources):
            table = f"raw_{index}"
            columns, rows = read_source(duck, source, table)
            writer.write(duck, table, source.schema, source.identifier, columns)
            counts[source.label] = rows
            echo(f"loaded {rows:>9,} rows into {source.schema}.{source.identifier} ({len(columns)} text columns)")
    finally:
        writer.close()
        duck.close()
        os.chdir(previous_directory)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--target", required=True, help="a profiles.yml target: postgres or spark")
    parser.add_argument("--vars", dest="dbt_vars", help="the same --vars as the dbt build (YAML or JSON)")
    args = parser.parse_args(argv)
    try:
        load(args.target, args.dbt_vars)
    except LoadError as error:
        print(f"coordination-finops-load: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
