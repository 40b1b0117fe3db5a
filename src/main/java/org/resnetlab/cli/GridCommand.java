package org.resnetlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.resnetlab.data.DataException;
import org.resnetlab.models.ModelSpec;
import org.resnetlab.train.Grids;
import org.resnetlab.experiments.Report;
import org.resnetlab.train.RunConfig;
import org.resnetlab.train.RunState;
import org.resnetlab.train.RunFolderException;
import org.resnetlab.train.TrainingRun;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code resnetlab grid table2 --scale 0.05 --seeds 5}: a paper grid, skipping runs already complete; or its runs
 * as independent jobs ({@code --print-jobs} for GNU parallel, {@code --slurm FILE} for a Slurm job array).
 */
@Command(name = "grid", mixinStandardHelpOptions = true,
        description = "Run one of the paper's grids (variants x depths x seeds) into <results>/<grid>/, skipping runs "
                + "already complete and resuming interrupted ones; then print paper vs ours (median over seeds). "
                + "Or hand its runs to other machines: --print-jobs (one train command per line, for GNU parallel) or "
                + "--slurm FILE (a job array).")
public final class GridCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "table1 (shortcut variants, ResNet-110), table2 (activation orderings, 110 and 164), "
            + "table3 (original vs pre-act, C10/C100, 110/164/1001), degradation (plain vs ResNet 20/56/110), "
            + "smoke (plain vs original ResNet-8, not from the paper: to try a set-up in seconds)")
    String grid;

    @Option(names = "--seeds", defaultValue = "5", description = "runs per cell; the paper reports the median of 5 (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--results", defaultValue = "data/results", description = "results folder (default: ${DEFAULT-VALUE})")
    Path results;

    @Option(names = "--depths", split = ",", description = "only cells of these depths, e.g. 20,56")
    List<Integer> depths;

    @Option(names = "--synthetic", description = "train every cell on the synthetic dataset (to try a grid quickly); "
            + "its runs go to synthetic-... folders")
    boolean synthetic;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Mode mode = new Mode();

    static final class Mode {
        @Option(names = "--dry-run", description = "list the runs and the state of each (not started, in progress, complete) without training")
        boolean dryRun;

        @Option(names = "--print-jobs", description = "print one bin/resnetlab train command per run not yet complete "
                + "(every option spelled out, paths relative to the project root) instead of training, e.g. "
                + "bin/resnetlab grid table2 --scale 0.05 --print-jobs | parallel -j 4")
        boolean printJobs;

        @ArgGroup(exclusive = false, multiplicity = "1")
        Slurm slurm;
    }

    static final class Slurm {
        @Option(names = "--slurm", required = true, paramLabel = "FILE",
                description = "write a Slurm job-array script (one run not yet complete per task index) instead of training; submit it with sbatch FILE")
        Path file;

        @Option(names = "--gpus", description = "GPUs per task (default: 0 for --devices cpu, 1 for gpu, N for gpu:0,..)")
        Integer gpus;

        @Option(names = "--time", defaultValue = "24:00:00", description = "time limit per task, Slurm's format; a task "
                + "stopped by it resumes when the script is submitted again (default: ${DEFAULT-VALUE})")
        String time;

        @Option(names = "--cpus", defaultValue = "4", description = "CPUs per task, also the engine's thread count (default: ${DEFAULT-VALUE})")
        int cpus;

        @Option(names = "--mem", defaultValue = "8G", description = "memory per task, Slurm's format (default: ${DEFAULT-VALUE})")
        String mem;

        @Option(names = "--partition", description = "Slurm partition (default: the cluster's default)")
        String partition;

        @Option(names = "--logs", description = "folder of the per-task logs (default: <results>/<grid>/slurm-logs)")
        Path logs;
    }

    @Mixin
    RunOptions options;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (seeds < 1) {
                throw new IllegalArgumentException("--seeds must be at least 1, got " + seeds);
            }
            RunConfig template = options.apply(RunConfig.builder(synthetic ? "synthetic" : "cifar10",
                    ModelSpec.cifar(20, "original"), results)).build();
            List<RunConfig> runs = Grids.runs(grid, seeds, template, results).stream()
                    .filter(r -> depths == null || depths.contains(r.model().depth())).toList();
            if (runs.isEmpty()) {
                throw new IllegalArgumentException("grid " + grid + " has no cell of depth "
                        + String.join(" or ", depths.stream().map(String::valueOf).toList()) + "; its depths are "
                        + String.join(", ", Grids.depths(grid).stream().map(String::valueOf).toList()) + ".");
            }
            List<RunState> states = runs.stream().map(RunState::of).toList();
            if (mode.dryRun) {
                for (int i = 0; i < runs.size(); i++) {
                    out.println(label(i, runs) + ": " + states.get(i).describe(runs.get(i).protocol().iterations()));
                }
                out.flush();
                return 0;
            }
            List<RunConfig> todo = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                RunState state = states.get(i);
                switch (state.kind()) {
                    case OTHER_RUN -> throw new IllegalStateException(runs.get(i).out() + " holds a different run ("
                            + state.detail() + "); delete that folder, or pass another --results or the same options as before.");
                    case DAMAGED -> err.println("resnetlab grid: warning: skipped " + label(i, runs) + ": " + state.detail());
                    case COMPLETE -> { }
                    default -> todo.add(runs.get(i));
                }
            }
            err.flush();
            if (mode.printJobs || mode.slurm != null) {
                return writeJobs(todo, runs.size(), out, err);
            }
            int damaged = (int) states.stream().filter(st -> st.kind() == RunState.Kind.DAMAGED).count();
            int index = 0;
            for (RunConfig run : runs) {
                index++;
                if (states.get(index - 1).kind() == RunState.Kind.DAMAGED) {
                    continue;
                }
                try {
                    TrainingRun.of(run).withListener(new ConsoleProgress(out, label(index - 1, runs))).run();
                } catch (RunFolderException.Damaged e) {
                    err.println("resnetlab grid: warning: skipped " + label(index - 1, runs) + ": " + e.getMessage());
                    damaged++;
                }
            }
            out.println(Report.table(results.resolve(grid), w -> err.println("resnetlab grid: warning: " + w)).print());
            out.flush();
            err.flush();
            return damaged == 0 ? 0 : Main.FOLDER_DAMAGED;
        } catch (IllegalArgumentException | IllegalStateException | DataException e) {
            err.println("resnetlab grid: " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    private String label(int index, List<RunConfig> runs) {
        return "[" + (index + 1) + "/" + runs.size() + "] " + results.relativize(runs.get(index).out());
    }

    private int writeJobs(List<RunConfig> todo, int total, PrintWriter out, PrintWriter err) {
        Path root = ClusterJobs.projectRoot();
        List<String> length = options.length.scale != null ? List.of("--scale", options.length.scale.toString())
                : List.of("--iterations", String.valueOf(todo.isEmpty() ? 0 : todo.get(0).protocol().iterations()));
        List<String> lines = todo.stream().map(r -> ClusterJobs.commandLine(ClusterJobs.trainArguments(r, length, root))).toList();
        if (todo.isEmpty()) {
            err.println("resnetlab grid: every run of " + grid + " (" + total + ") is complete"
                    + (mode.slurm != null ? "; no script written." : "."));
            err.flush();
            return 0;
        }
        if (mode.printJobs) {
            lines.forEach(out::println);
            out.flush();
            Path cwd = Path.of("").toAbsolutePath().normalize();
            if (!cwd.equals(root)) {
                err.println("resnetlab grid: the commands are relative to the project root " + root + "; run them there.");
                err.flush();
            }
            return 0;
        }
        Slurm s = mode.slurm;
        if (s.cpus < 1) {
            throw new IllegalArgumentException("--cpus must be at least 1, got " + s.cpus);
        }
        int gpus = s.gpus != null ? s.gpus : gpusOf(options.devices);
        if (gpus < 0) {
            throw new IllegalArgumentException("--gpus must be 0 or more, got " + gpus);
        }
        Path logs = s.logs != null ? s.logs : results.resolve(grid).resolve("slurm-logs");
        ClusterJobs.SlurmRequest request = new ClusterJobs.SlurmRequest(gpus, s.time, s.cpus, s.mem, s.partition, logs);
        String script = ClusterJobs.slurmScript(grid, lines, request, root,
                "bin/resnetlab " + String.join(" ", spec.commandLine().getParseResult().originalArgs().stream()
                        .map(ClusterJobs::quote).toList()));
        try {
            Files.createDirectories(logs);
            Path parent = s.file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            org.resnetlab.train.AtomicFiles.writeString(s.file, script);
            s.file.toFile().setExecutable(true);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + s.file + " or " + logs + " (" + e.getMessage() + ")");
        }
        out.println("wrote " + s.file + ": " + todo.size() + " of " + total + " runs of " + grid + " as a job array (tasks 0-"
                + (todo.size() - 1) + "), logs in " + logs + "; submit with: sbatch " + s.file);
        out.flush();
        return 0;
    }

    /** GPUs a task asks for, from --devices: none for cpu, one for gpu (all visible), N for gpu:0,..,N-1. */
    static int gpusOf(String devices) {
        String d = devices.trim().toLowerCase(java.util.Locale.ROOT);
        if (d.startsWith("gpu:")) {
            return d.substring(4).split(",").length;
        }
        return d.startsWith("gpu") ? 1 : 0;
    }
}
