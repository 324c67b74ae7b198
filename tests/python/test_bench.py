"""The benchmark runs end to end at 1x (a smoke test: it prints figures, it asserts no speed).

`bench/run.py --sizes 1` generates a 100-FTE year with hourly billing, holds back its last
day, runs the full dbt build, appends the day and runs the incremental build, runs the
hand-written floor and compares the floor's marts with dbt's. The run must finish, print its
table, and find the marts identical.
"""

from __future__ import annotations

import subprocess
import sys

from conftest import PROJECT_ROOT


def test_benchmark_smoke_run_at_1x(tmp_path):
    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "bench/run.py"), "--sizes", "1", "--no-write", "--workdir", str(tmp_path)],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=1200,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-5000:]
    rows = [line for line in result.stdout.splitlines() if line.startswith("| 1x |")]
    assert len(rows) == 1, output[-3000:]
    cells = [cell.strip() for cell in rows[0].strip("|").split("|")]
    assert cells[-1] == "yes", rows[0]  # the floor's marts equal dbt's
    assert int(cells[2].replace(",", "")) > 100_000  # input rows: the 1x company was generated
    print(output)
