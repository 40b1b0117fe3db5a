package org.resnetlab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.resnetlab.train.Protocol;
import org.resnetlab.train.RunConfig;
import org.resnetlab.train.RunRecord;
import picocli.CommandLine;

/**
 * A grid's runs as independent shell commands ({@code grid --print-jobs}, for GNU parallel) and as a Slurm job-array
 * script ({@code grid --slurm FILE}). Each command is a plain {@code bin/resnetlab train …} with every option
 * spelled out, run from the project root; re-running it resumes the run or reports it complete (exit 0), which is
 * what makes a re-submitted array skip finished runs.
 */
final class ClusterJobs {
    private ClusterJobs() {}

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    /** The project root (bin/resnetlab exports RESNETLAB_HOME), else the working directory. */
    static Path projectRoot() {
        return org.resnetlab.train.ProjectPaths.root();
    }

    /** {@code path} relative to {@code root} when inside it, else absolute. */
    static String relative(Path path, Path root) {
        return org.resnetlab.train.ProjectPaths.relative(path, root);
    }

    static String quote(String word) {
        return SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * The arguments of {@code train} that reproduce {@code run} exactly ({@code length}: the grid's own length option,
     * {@code --scale S} or {@code --iterations N}, since the learning-rate drops follow from it).
     */
    static List<String> trainArguments(RunConfig run, List<String> length, Path root) {
        Protocol p = run.protocol();
        List<String> args = new ArrayList<>(List.of("train", "--dataset", run.dataset(),
                "--depth", String.valueOf(run.model().depth()),
                "--body", run.model().body().name().toLowerCase(Locale.ROOT),
                "--unit", run.model().unit(), "--seed", String.valueOf(run.seed())));
        args.addAll(length);
        args.addAll(List.of("--batch-size", String.valueOf(p.batchSize()), "--lr", Float.toString(p.learningRate()),
                "--warmup-lr", Float.toString(p.warmupRate()), "--warmup-iterations", String.valueOf(p.warmupIterations()),
                "--momentum", Float.toString(p.momentum()), "--weight-decay", Float.toString(p.weightDecay()),
                "--eval-every", String.valueOf(run.evalEvery()), "--checkpoint-every", String.valueOf(run.checkpointEvery())));
        if (run.testLimit() > 0) { // 0: the whole test set, train's default
            args.addAll(List.of("--test-limit", String.valueOf(run.testLimit())));
        }
        if (run.model().width() != 1.0) {
            args.addAll(List.of("--width", org.resnetlab.models.ModelSpec.widthLabel(run.model().width())));
        }
        if (!run.augment()) {
            args.add("--no-augment");
        }
        if (run.engine() != null) { // null: DJL's default engine, recorded as such (naming one would be another run)
            args.addAll(List.of("--engine", run.engine().toLowerCase(Locale.ROOT)));
        }
        args.addAll(List.of("--devices", run.devices()));
        if (run.dataDir() != null) {
            args.addAll(List.of("--data-dir", relative(run.dataDir(), root)));
        }
        args.addAll(List.of("--out", relative(run.out(), root)));
        check(run, args, root);
        return args;
    }

    /** The command parsed back by {@code train} must be the same run (its identity), in the same folder. */
    private static void check(RunConfig run, List<String> args, Path root) {
        TrainCommand train = new TrainCommand();
        new CommandLine(train).parseArgs(args.subList(1, args.size()).toArray(String[]::new));
        RunConfig parsed = train.config();
        Path out = root.resolve(parsed.out()).normalize();
        if (!RunRecord.identityJson(parsed).equals(RunRecord.identityJson(run))
                || !out.equals(run.out().toAbsolutePath().normalize())) {
            throw new IllegalStateException("the train command for " + run.out() + " would not reproduce that run "
                    + "(a grid setting train has no option for); train the grid with bin/resnetlab grid instead");
        }
    }

    /** A value on an #SBATCH line: sbatch reads a double-quoted value with spaces as one argument. */
    private static String sbatchValue(String value) {
        if (value.contains("\"") || value.contains("\n")) {
            throw new IllegalArgumentException("a Slurm script cannot name the path " + value + " (it holds a quote or a "
                    + "line break); move the project or the results elsewhere");
        }
        return value.chars().anyMatch(Character::isWhitespace) ? "\"" + value + "\"" : value;
    }

    static String commandLine(List<String> trainArguments) {
        StringBuilder line = new StringBuilder("bin/resnetlab");
        for (String arg : trainArguments) {
            line.append(' ').append(quote(arg));
        }
        return line.toString();
    }

    /** What {@code --slurm} asks of the scheduler per task. */
    record SlurmRequest(int gpus, String time, int cpus, String mem, String partition, Path logs) {}

    /**
     * A job-array script: task i runs {@code lines.get(i)} from {@code root}; logs per task in {@code request.logs()}.
     */
    static String slurmScript(String grid, List<String> lines, SlurmRequest request, Path root, String generatedBy) {
        StringBuilder s = new StringBuilder();
        s.append("#!/usr/bin/env bash\n");
        s.append("# Slurm job array for grid ").append(grid).append(", written by: ").append(generatedBy).append('\n');
        s.append("# ").append(lines.size()).append(" runs not complete when it was written, one per task index. Submit with\n");
        s.append("# `sbatch THIS_FILE`. Submitting it again is safe: a finished run reports itself complete and exits 0,\n");
        s.append("# an interrupted one (time limit, preemption, node failure) resumes from its last checkpoint.\n");
        s.append("#SBATCH --job-name=resnetlab-").append(grid).append('\n');
        s.append("#SBATCH --array=0-").append(lines.size() - 1).append('\n');
        s.append("#SBATCH --ntasks=1\n");
        s.append("#SBATCH --cpus-per-task=").append(request.cpus()).append('\n');
        s.append("#SBATCH --mem=").append(request.mem()).append('\n');
        s.append("#SBATCH --time=").append(request.time()).append('\n');
        if (request.gpus() > 0) {
            s.append("#SBATCH --gpus=").append(request.gpus()).append('\n');
        }
        if (request.partition() != null) {
            s.append("#SBATCH --partition=").append(request.partition()).append('\n');
        }
        s.append("#SBATCH --chdir=").append(sbatchValue(root.toString())).append('\n');
        s.append("#SBATCH --output=").append(sbatchValue(request.logs().toAbsolutePath().normalize() + "/task-%a-job-%A.log"))
                .append('\n');
        s.append("set -euo pipefail\n");
        s.append("cd ").append(quote(root.toString())).append('\n');
        s.append("# engine threads = the CPUs Slurm gave this task (bin/java-env would take every core of the node)\n");
        s.append("export OMP_NUM_THREADS=\"${SLURM_CPUS_PER_TASK:-").append(request.cpus()).append("}\"\n");
        s.append("export PYTORCH_NUM_THREADS=\"$OMP_NUM_THREADS\"\n");
        s.append("task=\"${SLURM_ARRAY_TASK_ID:?run this file with sbatch (it is a job array)}\"\n");
        s.append("echo \"resnetlab: task $task of job ${SLURM_ARRAY_JOB_ID:-?} on $(hostname)\"\n");
        s.append("case \"$task\" in\n");
        for (int i = 0; i < lines.size(); i++) {
            s.append("  ").append(i).append(") exec ").append(lines.get(i)).append(" ;;\n");
        }
        s.append("  *) echo \"resnetlab: no run for task index $task (this array has ").append(lines.size())
                .append(")\" >&2; exit 2 ;;\n");
        s.append("esac\n");
        return s.toString();
    }
}
