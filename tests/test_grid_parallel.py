"""`bin/resnetlab grid ... --print-jobs | parallel -j 2`, then `report`: every run of a tiny synthetic grid trained
by independent jobs, two at a time, and merged by report. GNU parallel comes from Debian's `parallel` package
(scripts/test.sh installs it when the machine is root with apt-get); without it the test skips and says why.
About 15 s (two cells of ResNet-8 x 2 seeds, 4 iterations each, one JVM per run)."""
import csv
import pathlib
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
RESULTS = "target/pytest-grid-parallel/results"  # under the project root: the job lines carry relative paths
GRID = ["bin/resnetlab", "grid", "smoke", "--synthetic", "--seeds", "2", "--iterations", "4", "--batch-size", "8",
        "--eval-every", "2", "--test-limit", "16", "--results", RESULTS]


def run(args, **kw):
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600, **kw)


def test_print_jobs_through_gnu_parallel_then_report_shows_every_run():
    if shutil.which("parallel") is None:
        pytest.skip("GNU parallel is not installed (Debian: apt-get install parallel; make test installs it as root)")
    shutil.rmtree(ROOT / RESULTS, ignore_errors=True)
    jobs = run(GRID + ["--print-jobs"])
    assert jobs.returncode == 0, jobs.stderr
    lines = jobs.stdout.splitlines()
    assert len(lines) == 4, jobs.stdout
    assert all(line.startswith("bin/resnetlab train --dataset synthetic --depth 8 ") for line in lines), lines
    assert len({line.split("--out ")[1] for line in lines}) == 4, "each job has its own --out"

    ran = run(["parallel", "-j", "2", "--halt", "now,fail=1"], input=jobs.stdout)
    assert ran.returncode == 0, ran.stdout[-2000:] + ran.stderr[-2000:]
    assert ran.stdout.count("starting of 4") == 4, ran.stdout

    report_csv = ROOT / RESULTS / "report.csv"
    report = run(["bin/resnetlab", "report", RESULTS, "--csv", str(report_csv)])
    assert report.returncode == 0, report.stderr
    rows = list(csv.DictReader(report_csv.open()))
    assert sorted(r["unit"] for r in rows) == ["original", "plain"], report.stdout
    for row in rows:
        assert row["runs"] == "2" and "in progress" not in row["outcomes"], report.stdout
    for folder in ("synthetic-8-basic-plain", "synthetic-8-basic-original"):
        for seed in (0, 1):
            metrics = (ROOT / RESULTS / "smoke" / folder / f"seed{seed}" / "metrics.csv").read_text().splitlines()
            assert [line.split(",")[0] for line in metrics[1:]] == ["2", "4"], metrics

    # nothing left to do: no line, one sentence; the same lines again only report their runs complete
    again = run(GRID + ["--print-jobs"])
    assert again.returncode == 0 and again.stdout == "" and "is complete" in again.stderr, again
    rerun = run(["parallel", "-j", "2"], input=jobs.stdout)
    assert rerun.returncode == 0 and rerun.stdout.count("already complete") == 4, rerun.stdout
