# resnet-lab: the two commands of the README, plus a few helpers.
#   make lab        set up (virtualenv, module, java kernel) and open JupyterLab on notebooks/
#   make test       set up, JUnit on both engines, every notebook through the kernel in quick mode
#   make assignments  the student release of the notebooks in ASSIGNMENTS (default target/assignments)
#   make bench      speed of both engines, the pipeline, memory, notebooks and the PyTorch-eager peer -> bench/RESULTS.md
#                   (~15-30 min; BENCH_QUICK=1 make bench for a smoke run of a few minutes)
#   make campaign   start/resume the CPU campaign in the background (two one-thread shards, logs target/campaign-*.log);
#                   scripts/commit-runs.sh commits each finished run
#   make cluster-test  grid --slurm's job array on a private single-node Slurm on localhost (installs slurm-wlm and
#                   munge when root with apt-get; ~1 min; not part of make test)
# Engine set: MAVEN_FLAGS=-Pboth (default: MXNet + PyTorch), MAVEN_FLAGS=-Dengine=pytorch (PyTorch only).
.PHONY: lab test junit setup notebooks assignments bench campaign cluster-test scorecard clean

lab:
	scripts/lab.sh

test:
	scripts/test.sh

# JUnit only, one engine (MXNet), no notebooks: the fast loop while developing (make test runs everything).
junit:
	mvn -q -B test

setup:
	scripts/setup.sh

# Re-run every notebook in full mode and save its outputs in place (what is committed). Takes hours on a CPU.
# A full-mode training cell runs for hours: the per-cell limit is a day here (make test keeps 900 s).
notebooks: setup
	NOTEBOOK_CELL_TIMEOUT=$${NOTEBOOK_CELL_TIMEOUT:-86400} .venv/bin/python tests/notebook_runner.py --in-place $(NOTEBOOKS)

# The student release: outputs cleared except cells tagged keep-output, exercise cells at their starters (README).
assignments: setup
	bin/resnetlab assignments --out $${ASSIGNMENTS:-target/assignments}

bench:
	bench/run.sh

# The README's scorecard and data/results/PILOT.md from the recorded runs (trains nothing).
scorecard:
	scripts/update-scorecard.sh

campaign:
	scripts/campaign.sh

cluster-test:
	scripts/cluster-test.sh

clean:
	mvn -q clean
