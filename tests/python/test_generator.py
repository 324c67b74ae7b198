"""The sample-company generator is deterministic and the committed sample is its output."""

from __future__ import annotations

import filecmp
from pathlib import Path

from conftest import PROJECT_ROOT

from coordination_finops.generate import generate

GENERATED = [
    "seeds/decision_log.csv", "seeds/decision_edges.csv", "seeds/decision_edge_participants.csv",
    "seeds/decision_edge_tokens.csv", "seeds/role_rate_card.csv", "seeds/model_price_card.csv",
    "seeds/job_title_role_map.csv", "seeds/company_quarterly_metrics.csv",
    "data/sample/payroll/payroll_register_2026.csv", "data/sample/billing/aws_focus_1_0_2026.csv",
    "data/sample/billing/ai_vendors_focus_1_3_2026.csv",
]


def test_same_seed_writes_identical_files(tmp_path: Path):
    generate(tmp_path / "a", seed=7)
    generate(tmp_path / "b", seed=7)
    for name in GENERATED:
        assert filecmp.cmp(tmp_path / "a" / name, tmp_path / "b" / name, shallow=False), name


def test_another_seed_writes_another_company(tmp_path: Path):
    generate(tmp_path / "a", seed=7)
    generate(tmp_path / "b", seed=8)
    assert not filecmp.cmp(tmp_path / "a/seeds/decision_edges.csv", tmp_path / "b/seeds/decision_edges.csv",
                           shallow=False)


def test_committed_sample_is_the_generator_output(tmp_path: Path):
    summary = generate(tmp_path)
    for name in GENERATED:
        assert filecmp.cmp(tmp_path / name, PROJECT_ROOT / name, shallow=False), (
            f"{name} differs from the generator's output: run `make sample` and commit")
    assert 3000 <= summary["decisions"] <= 5000
    assert 1500 <= summary["median_decision_cost"] < 3000
