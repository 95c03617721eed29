"""The benchmarks run end to end on small inputs and report what the notes quote.

Only the shape and the bookkeeping are checked here; the goals (ratio ≥ 0.7, UI p99 ≤ 50 ms)
are measured at full size, where a percentile means something.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def quick_figures(script: str) -> dict:
    """Run ``benchmarks/<script> --quick`` (Qt offscreen) and return the JSON object it prints."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, f"benchmarks/{script}", "--quick"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def test_sync_drain_quick_run_drains_everything_and_reports_its_figures() -> None:
    figures = quick_figures("sync_drain.py")
    dossiers = figures["dossiers"]
    assert figures["drain"]["provisional_codes_left"] == 0
    assert figures["drain"]["requests_by_method"]["PUT"] == dossiers
    # One health report per pass that reached the centre, for the supervisor's sync health.
    assert 1 <= figures["drain"]["requests_by_method"]["PUT health"] <= figures["drain"]["passes"]
    assert figures["baseline"]["requests_per_dossier"] == 7.0
    assert figures["ratio_drain_to_baseline"] > 0 and figures["ui_latency_ms"]["ticks"] > 0
    assert figures["drain"]["mb_per_s"] > 0 and figures["baseline"]["mb_per_s"] > 0


def test_receipt_quick_run_reports_every_paper_and_its_ratio() -> None:
    figures = quick_figures("receipt.py")
    assert figures["runs"] == 3 and figures["goal_ms"] == 50
    assert figures["mau01_a4_ms"] > 0 and figures["one_paragraph_ms"] > 0
    # From the unrounded medians: the printed ones may differ in the last digit.
    assert figures["ratio"] == pytest.approx(figures["mau01_a4_ms"] / figures["one_paragraph_ms"], rel=0.05)
    assert set(figures["pdf_bytes"]) == {"a4", "a5", "roll80"} and min(figures["pdf_bytes"].values()) > 10_000


def test_supervisor_quick_run_reports_every_case_against_raw_sqlite() -> None:
    figures = quick_figures("supervisor.py")
    cases = figures["cases"]
    assert set(cases) == {"open", "status", "name", "cccd", "code", "overdue", "sort_procedure", "review"}
    assert all(case["model_ms"] > 0 and case["sqlite_ms"] > 0 and case["ratio"] > 0 for case in cases.values())
    assert figures["max_ms"] == max(case["model_ms"] for case in cases.values())
    assert figures["within_100ms"] == (figures["max_ms"] <= figures["goal_ms"])
    assert cases["open"]["count"] == figures["dossiers"]


def test_audit_chain_quick_run_reports_the_cost_of_chaining_each_write() -> None:
    figures = quick_figures("audit_chain.py")
    assert figures["lines"] == 200 and figures["chained_ms"] > 0 and figures["plain_ms"] > 0
    assert figures["ratio"] == pytest.approx(figures["chained_ms"] / figures["plain_ms"], rel=0.01)
    assert figures["hash_us"] > 0
    # Every line written (the warm-up block included) verifies, through the store and the file.
    assert figures["verified"] == {"store": True, "file": True, "lines": 200 + figures["block"]}


def test_encryption_at_rest_quick_run_reports_sealing_against_the_save() -> None:
    figures = quick_figures("encryption_at_rest.py")
    assert figures["rounds"] == 5 and figures["save_ms"] > 0 and figures["sealing_ms"] > 0
    assert figures["sealing_share"] == pytest.approx(figures["sealing_ms"] / figures["save_ms"], abs=0.002)
    # Every confirmed dossier went, with the blobs only it held (a portrait each, a scan for five).
    assert figures["shredded_dossiers"] == 20 and figures["shredded_blobs"] == 25


def test_store_upgrade_quick_run_reports_the_sealed_copy_against_plain_ones() -> None:
    figures = quick_figures("store_upgrade.py")
    assert figures["dossiers"] == 500 and figures["records_mb"] > 0
    assert figures["backup_ratio"] == pytest.approx(figures["backup_ms"] / figures["plain_backup_ms"], abs=0.01)
    assert figures["restore_ratio"] == pytest.approx(figures["restore_ms"] / figures["plain_copy_ms"], abs=0.01)
    # The desk's own opening of an earlier file made exactly one copy, a part of its time.
    assert figures["upgrade_from_0009_ms"] > 0 and 0 < figures["backup_share"] < 1
