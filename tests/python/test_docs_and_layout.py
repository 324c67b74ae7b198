"""dbt docs are complete and the layout follows ../shared/CONVENTIONS.md.

Reads dbt's manifest and catalog (from `dbt docs generate` on the sample warehouse) and fails
on an undocumented model, seed, source or column, a model without primary-key tests, or a
model whose name does not fit its folder.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import run_dbt

PREFIX_BY_LAYER = {"staging": "stg_", "intermediate": "int_", "marts": ("fct_", "dim_", "rpt_")}


@pytest.fixture(scope="module")
def artifacts(sample_build, tmp_path_factory):
    # on a copy of the sample warehouse: the session's read-only connection to it (sample_db)
    # would block the connection dbt opens
    workdir = tmp_path_factory.mktemp("docs")
    shutil.copy(sample_build.database, workdir / sample_build.database.name)
    run = run_dbt(["docs", "generate"], workdir)
    assert run.returncode == 0, run.output[-3000:]
    manifest = json.loads((workdir / "target" / "manifest.json").read_text())
    catalog = json.loads((workdir / "target" / "catalog.json").read_text())
    return manifest, catalog


def own_nodes(manifest, resource_type):
    return [n for n in manifest["nodes"].values()
            if n["resource_type"] == resource_type and n["package_name"] == "coordination_finops"]


def test_every_model_seed_and_source_is_documented(artifacts):
    manifest, _ = artifacts
    nodes = own_nodes(manifest, "model") + own_nodes(manifest, "seed") + list(manifest["sources"].values())
    undocumented = [n["unique_id"] for n in nodes if len(n["description"].strip()) < 20]
    assert undocumented == []


def test_every_column_in_the_warehouse_is_documented(artifacts):
    manifest, catalog = artifacts
    missing = []
    for unique_id, entry in {**catalog["nodes"], **catalog["sources"]}.items():
        node = manifest["nodes"].get(unique_id) or manifest["sources"].get(unique_id)
        if node is None or node["package_name"] != "coordination_finops" or node["resource_type"] == "test":
            continue
        documented = {name.lower(): column["description"] for name, column in node["columns"].items()}
        for column in entry["columns"]:
            if column.lower() == "filename" and node["resource_type"] == "source":
                continue  # added by the file reader, not a column of the export
            if not documented.get(column.lower(), "").strip():
                missing.append(f"{unique_id}.{column}")
    assert missing == []


def test_every_model_has_primary_key_tests(artifacts):
    manifest, _ = artifacts
    tested: dict[str, set[str]] = {}
    for test in own_nodes(manifest, "test"):
        metadata = test.get("test_metadata") or {}
        for parent in test["depends_on"]["nodes"]:
            tested.setdefault(parent, set()).add(metadata.get("name", "") + ":" + (test.get("column_name") or ""))
    without_key = []
    for model in own_nodes(manifest, "model"):
        tests = tested.get(model["unique_id"], set())
        unique_columns = {t.split(":")[1] for t in tests if t.startswith("unique:")}
        not_null_columns = {t.split(":")[1] for t in tests if t.startswith("not_null:")}
        has_key = bool(unique_columns & not_null_columns) or any(t.startswith("unique_combination:") for t in tests)
        if not has_key:
            without_key.append(model["name"])
    assert without_key == []


def test_model_names_fit_their_folders(artifacts):
    manifest, _ = artifacts
    wrong = []
    for model in own_nodes(manifest, "model"):
        layer, *rest = model["original_file_path"].split("/")[1:]
        prefix = PREFIX_BY_LAYER[layer]
        if not model["name"].startswith(prefix):
            wrong.append(model["original_file_path"])
        if layer == "staging":
            source_folder = rest[0]
            if not re.fullmatch(rf"stg_{source_folder}__[a-z_]+", model["name"]):
                wrong.append(model["original_file_path"])
        if layer == "marts" and model["config"]["materialized"] not in ("table", "incremental"):
            wrong.append(model["original_file_path"])
    assert wrong == []


def test_only_staging_reads_sources(artifacts):
    manifest, _ = artifacts
    offenders = [m["name"] for m in own_nodes(manifest, "model")
                 if m["sources"] and not m["original_file_path"].startswith("models/staging/")]
    assert offenders == []
