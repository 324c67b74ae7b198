"""Benchmark: the dbt build against DuckDB's own floor, at 1x, 10x and 100x the sample.

One run, on the same generated files, for each size:

1. generate the company (`coordination-finops-generate --fte ... --billing-grain hour`),
   holding back its last day;
2. the full `dbt build` (every seed, model, unit and data test) on a fresh warehouse;
3. the last day appended, then an incremental `dbt build`;
4. the floor: one hand-written DuckDB SQL script (bench/floor.sql) computing the same four
   marts from the same files, through the duckdb Python module;
5. the floor's marts compared with dbt's, to the cent (the floor doubles as an independent
   check of the money).

Each step runs in a child process whose peak resident memory is read back from the kernel
(getrusage of the waited-for child). The table is printed and written to docs/performance.md.
Sizes are FTE x 100: 1x = 100 FTE (about the sample's row count), 10x = 1,000 FTE,
100x = 10,000 FTE (about 10 million hourly FOCUS rows), twelve months each.

    .venv/bin/python bench/run.py                      # 1x, 10x and 100x (about an hour)
    .venv/bin/python bench/run.py --sizes 1 --no-write  # the smoke test CI runs
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

PROJECT_ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PROJECT_FILES = ["dbt_project.yml", "profiles.yml", "models", "macros", "tests", "analyses", "seeds",
                 "data/templates"]  # switched-off sources read their header-only template
INVENTORY_SEEDS = {"decision_log", "decision_edges", "decision_edge_participants", "decision_edge_tokens"}
# run a command and report its wall time and the peak RSS of the process it waited for
MEASURE = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "code = subprocess.run(sys.argv[2:], cwd=sys.argv[1]).returncode\n"
    "elapsed = time.perf_counter() - start\n"
    "peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(f'@@measure {code} {elapsed:.3f} {peak_kib}', file=sys.stderr)\n"
    "sys.exit(code)\n"
)


@dataclass
class Step:
    seconds: float
    peak_mib: float
    output: str


@dataclass
class SizeResult:
    size: int
    fte: int
    input_rows: int
    rows: dict = field(default_factory=dict)
    generate: Step | None = None
    full: Step | None = None
    incremental: Step | None = None
    floor: Step | None = None
    identical: bool | None = None
    compare_report: str = ""


def measured(command: list[str], cwd: Path, env: dict | None = None, label: str = "") -> Step:
    result = subprocess.run([sys.executable, "-c", MEASURE, str(cwd), *command], env=env,
                            capture_output=True, text=True)
    marker = [line for line in result.stderr.splitlines() if line.startswith("@@measure ")]
    output = result.stdout + result.stderr
    if result.returncode != 0 or not marker:
        raise SystemExit(f"{label or command[0]} failed (exit {result.returncode}):\n{output[-5000:]}")
    _, _, seconds, peak_kib = marker[-1].split()
    return Step(float(seconds), int(peak_kib) / 1024, output)


def split_last_day(data: Path, held_back: Path) -> str:
    """Move the rows of the data's last day out of the files into `held_back` (same layout)."""
    date_columns = {"billing": "ChargePeriodStart", "payroll": "pay_date", "inventory/decision_edges": "occurred_at"}
    with duckdb.connect() as connection:
        last_day = connection.execute(
            f"select max(cast(ChargePeriodStart as timestamp))::date from read_parquet('{data}/billing/*.parquet')"
        ).fetchall()[0][0]
        day = last_day.isoformat()
        edges_of_day = f"(select edge_id from read_parquet('{data}/inventory/decision_edges/*.parquet') " \
                       f"where cast(occurred_at as timestamp)::date = date '{day}')"
        for folder in ["billing", "payroll", "inventory/decision_log", "inventory/decision_edges",
                       "inventory/decision_edge_participants", "inventory/decision_edge_tokens"]:
            for path in sorted((data / folder).glob("*.parquet")):
                if folder in date_columns:
                    on_day = f"cast(cast({date_columns[folder]} as timestamp) as date) = date '{day}'"
                elif folder == "inventory/decision_log":
                    on_day = f"cast(cast(initiated_at as timestamp) as date) = date '{day}'"
                else:
                    on_day = f"edge_id in {edges_of_day}"
                count = connection.execute(f"select count(*) from read_parquet('{path}') where {on_day}").fetchall()[0][0]
                if not count:
                    continue
                target = held_back / folder / f"{path.stem}_last_day.parquet"
                target.parent.mkdir(parents=True, exist_ok=True)
                connection.execute(f"copy (select * from read_parquet('{path}') where {on_day}) to '{target}' (format parquet)")
                kept = path.with_name(f"{path.stem}_kept.parquet")
                connection.execute(
                    f"copy (select * from read_parquet('{path}') where not ({on_day})) to '{kept}' (format parquet)")
                kept.replace(path)
    return day


def append(held_back: Path, data: Path) -> None:
    for path in held_back.rglob("*.parquet"):
        target = data / path.relative_to(held_back)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(path, target)


def project_copy(data: Path, workdir: Path) -> Path:
    """The project with this company's small seeds; the large inventory is read from files."""
    project = workdir / "project"
    project.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = PROJECT_ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    for seed in (data / "seeds").glob("*.csv"):
        shutil.copy(seed, project / "seeds" / seed.name)
    for name in INVENTORY_SEEDS:  # the inventory comes from files: keep the seeds tiny
        path = project / "seeds" / f"{name}.csv"
        path.write_text(path.read_text().splitlines()[0] + "\n")
    return project


def dbt_step(project: Path, database: Path, data: Path, args: list[str], label: str) -> Step:
    env = dict(os.environ, COORD_FINOPS_DUCKDB_PATH=str(database), DBT_PROFILES_DIR=str(project),
               COORD_FINOPS_DUCKDB_MEMORY_LIMIT=os.environ.get("COORD_FINOPS_DUCKDB_MEMORY_LIMIT", "3GB"))
    variables = {
        "payroll_path": str(data / "payroll/*.parquet"), "billing_path": str(data / "billing/*.parquet"),
        "inventory_path": str(data / "inventory"), "export_marts": False,
        # a generated company has no calendars or agent telemetry (and the floor does not compute them)
        "observed_enabled": False,
    }
    return measured([str(BIN / "dbt"), *args, "--vars", json.dumps(variables)], project, env, label)


def run_size(size: int, workdir: Path, log) -> SizeResult:
    fte = 100 * size
    data = workdir / "data"
    log(f"[{size}x] generating {fte} FTE, 12 months, hourly billing")
    generate = measured([sys.executable, "-m", "coordination_finops.generate", "--fte", str(fte), "--months", "12",
                         "--billing-grain", "hour", "--format", "parquet", "--out", str(data)],
                        PROJECT_ROOT, label="generator")
    summary = json.loads((data / "summary.json").read_text())
    rows = {key: value for key, value in summary["rows"].items() if key != "billing_daily_line_items"}  # not a file
    result = SizeResult(size, fte, sum(rows.values()), rows, generate)

    held_back = workdir / "held_back"
    day = split_last_day(data, held_back)
    project = project_copy(data, workdir)
    database = workdir / "warehouse.duckdb"
    log(f"[{size}x] full dbt build ({result.input_rows:,} input rows, last day {day} held back)")
    dbt_step(project, database, data, ["seed"], "dbt seed")  # not timed: a few small tables
    database.unlink()
    result.full = dbt_step(project, database, data, ["build"], "full dbt build")
    append(held_back, data)
    log(f"[{size}x] incremental dbt build after appending {day}")
    result.incremental = dbt_step(project, database, data, ["build"], "incremental dbt build")

    log(f"[{size}x] the floor")
    floor_db = workdir / "floor.duckdb"
    result.floor = measured([sys.executable, str(PROJECT_ROOT / "bench/floor.py"),
                             "--payroll", str(data / "payroll/*.parquet"), "--billing", str(data / "billing/*.parquet"),
                             "--seeds", str(project / "seeds"), "--inventory", str(data / "inventory"),
                             "--database", str(floor_db)], PROJECT_ROOT, label="floor")
    compare = subprocess.run([sys.executable, str(PROJECT_ROOT / "bench/compare.py"), str(floor_db), str(database)],
                             capture_output=True, text=True, cwd=PROJECT_ROOT)
    result.identical = compare.returncode == 0
    result.compare_report = (compare.stdout + compare.stderr).strip()
    log(f"[{size}x] full {result.full.seconds:.1f} s, incremental {result.incremental.seconds:.1f} s, "
        f"floor {result.floor.seconds:.1f} s, marts identical: {result.identical}")
    return result


def exponent(results: list[SizeResult]) -> float | None:
    """Least-squares slope of log(full build time) on log(input rows)."""
    points = [(math.log(r.input_rows), math.log(r.full.seconds)) for r in results]
    if len(points) < 2:
        return None
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / sum((x - mean_x) ** 2 for x, _ in points)


def table(results: list[SizeResult]) -> str:
    lines = [
        "| size | FTE | input rows | full dbt build | rows/s | floor | build / floor | incremental (+1 day) "
        "| incremental / full | peak RSS build | peak RSS incremental | peak RSS floor | marts identical |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.size}x | {r.fte:,} | {r.input_rows:,} | {r.full.seconds:.1f} s | {r.input_rows / r.full.seconds:,.0f} "
            f"| {r.floor.seconds:.1f} s | {r.full.seconds / r.floor.seconds:.2f} | {r.incremental.seconds:.1f} s "
            f"| {100 * r.incremental.seconds / r.full.seconds:.0f}% | {r.full.peak_mib:,.0f} MiB "
            f"| {r.incremental.peak_mib:,.0f} MiB | {r.floor.peak_mib:,.0f} MiB | {'yes' if r.identical else 'NO'} |"
        )
    return "\n".join(lines)


def size_list(text: str) -> list[int]:
    """--sizes: whole multiples of 100 FTE, 1 or more."""
    try:
        sizes = [int(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a comma-separated list of whole numbers, e.g. 1,10,100")
    if any(size < 1 for size in sizes):
        raise argparse.ArgumentTypeError(f"every size must be 1 or more (1 = 100 FTE), got '{text}'")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1,10,100", type=size_list,
                        help="comma-separated multiples of 100 FTE, each 1 or more (default 1,10,100)")
    parser.add_argument("--workdir", type=Path, help="where to generate and build (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the generated data and warehouses")
    parser.add_argument("--no-write", action="store_true", help="print the table only, do not write docs/performance.md")
    args = parser.parse_args(argv)
    sizes = args.sizes

    root = args.workdir or Path(tempfile.mkdtemp(prefix="coordination-finops-bench-"))
    log = lambda message: print(f"{dt.datetime.now():%H:%M:%S} {message}", file=sys.stderr, flush=True)  # noqa: E731
    results = []
    try:
        for size in sizes:
            workdir = root / f"{size}x"
            shutil.rmtree(workdir, ignore_errors=True)
            results.append(run_size(size, workdir, log))
            if not args.keep:
                shutil.rmtree(workdir, ignore_errors=True)
    finally:
        if not args.keep and not args.workdir:
            shutil.rmtree(root, ignore_errors=True)

    slope = exponent(results)
    report = table(results)
    print(report)
    if slope is not None:
        print(f"\nfull build time ~ input rows ^ {slope:.2f}")
    for r in results:
        if not r.identical:
            print(f"\n{r.size}x: the floor and dbt disagree:\n{r.compare_report}")
    if not args.no_write:
        # the command that reproduces the table: the sizes, never this machine's folders
        write_report(results, report, slope, "bench/run.py" + ("" if sizes == [1, 10, 100] else f" --sizes {','.join(map(str, sizes))}"))
    return 0 if all(r.identical for r in results) else 1


def write_report(results: list[SizeResult], report: str, slope: float | None, command: str) -> None:
    cpus = os.cpu_count()
    memory_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    rows = "\n".join(
        f"| {r.size}x | " + " | ".join(f"{r.rows.get(key, 0):,}" for key in sorted(results[-1].rows)) + " |"
        for r in results
    )
    header = "| size | " + " | ".join(sorted(results[-1].rows)) + " |\n|---|" + "---|" * len(results[-1].rows)
    text = PERFORMANCE_TEMPLATE.format(
        date=dt.date.today().isoformat(), cpus=cpus, memory=f"{memory_gib:.0f}", python=platform.python_version(),
        duckdb=duckdb.__version__, command=f".venv/bin/python {command}".strip(), table=report,
        slope=f"{slope:.2f}" if slope is not None else "n/a (one size)", rows=f"{header}\n{rows}",
        generator="\n".join(f"| {r.size}x | {r.generate.seconds:.1f} s | {r.generate.peak_mib:,.0f} MiB |"
                            for r in results),
    )
    marker = "<!-- measured -->"
    path = PROJECT_ROOT / "docs/performance.md"
    existing = path.read_text() if path.exists() else ""
    if marker in existing:  # keep the analysis written under the measured figures
        text = text + existing.split(marker, 1)[1]
    path.write_text(text)
    print(f"\nwrote {path.relative_to(PROJECT_ROOT)}", file=sys.stderr)


PERFORMANCE_TEMPLATE = """# Performance

Measured on {date}: {cpus} cores, {memory} GiB, Python {python}, DuckDB {duckdb} (warehouse
memory limit 3 GB, `COORD_FINOPS_DUCKDB_MEMORY_LIMIT`). Reproduce with:

```sh
{command}
```

{table}

Full build time grows as input rows ^ {slope} (least squares over the sizes; 1 = linear).
"full dbt build" is `dbt build` on a fresh warehouse (every seed, model, unit test and data
test, exports off); "incremental" is `dbt build` again after the last day's files are
appended; "floor" is `bench/floor.sql`, the same four marts in one hand-written DuckDB script
with no tests; "marts identical" compares the floor's marts with dbt's to the cent.

Input rows per size:

{rows}

Generator (`coordination-finops-generate --fte N --months 12 --billing-grain hour`):

| size | time | peak RSS |
|---|---|---|
{generator}

<!-- measured -->
"""


if __name__ == "__main__":
    raise SystemExit(main())
