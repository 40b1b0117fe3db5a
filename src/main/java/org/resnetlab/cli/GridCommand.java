package org.resnetlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.resnetlab.data.DataException;
import org.resnetlab.models.ModelSpec;
import org.resnetlab.train.Grids;
import org.resnetlab.train.Report;
import org.resnetlab.train.RunConfig;
import org.resnetlab.train.RunFolderException;
import org.resnetlab.train.TrainingRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code resnetlab grid table2 --scale 0.05 --seeds 5}: a paper grid, skipping runs already complete. */
@Command(name = "grid", mixinStandardHelpOptions = true,
        description = "Run one of the paper's grids (variants x depths x seeds) into <results>/<grid>/, skipping runs "
                + "already complete and resuming interrupted ones; then print paper vs ours (median over seeds).")
public final class GridCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "table1 (shortcut variants, ResNet-110), table2 (activation orderings, 110 and 164), "
            + "table3 (original vs pre-act, C10/C100, 110/164/1001), degradation (plain vs ResNet 20/56/110)")
    String grid;

    @Option(names = "--seeds", defaultValue = "5", description = "runs per cell; the paper reports the median of 5 (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--results", defaultValue = "data/results", description = "results folder (default: ${DEFAULT-VALUE})")
    Path results;

    @Option(names = "--depths", split = ",", description = "only cells of these depths, e.g. 20,56")
    List<Integer> depths;

    @Option(names = "--synthetic", description = "train every cell on the synthetic dataset (to try a grid quickly)")
    boolean synthetic;

    @Option(names = "--dry-run", description = "list the runs and their state without training")
    boolean dryRun;

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
            RunConfig template = new RunConfig(synthetic ? "synthetic" : "cifar10", options.dataDir,
                    ModelSpec.cifar(20, "original"), options.protocol(), 0, options.engineName(), options.devices,
                    options.evalEvery, options.checkpointEvery, options.testLimit, !options.noAugment, results);
            List<RunConfig> runs = Grids.runs(grid, seeds, template, results).stream()
                    .filter(r -> depths == null || depths.contains(r.model().depth())).toList();
            java.util.function.Consumer<String> warn = warning -> err.println("resnetlab grid: warning: " + warning);
            int damaged = 0;
            int index = 0;
            for (RunConfig run : runs) {
                index++;
                String label = "[" + index + "/" + runs.size() + "] " + results.relativize(run.out());
                if (dryRun) {
                    boolean done = java.nio.file.Files.isRegularFile(run.out().resolve("run.json"))
                            && Report.finishedRuns(run.out(), warn).size() == 1;
                    out.println(label + (done ? " (complete)" : ""));
                    continue;
                }
                try {
                    TrainingRun.of(run).withListener(new ConsoleProgress(out, label)).run();
                } catch (RunFolderException.Damaged e) {
                    warn.accept("skipped " + label + ": " + e.getMessage());
                    damaged++;
                }
            }
            out.println(Report.table(results.resolve(grid), warn).print());
            out.flush();
            err.flush();
            return damaged == 0 ? 0 : Main.FOLDER_DAMAGED;
        } catch (IllegalArgumentException | IllegalStateException | DataException e) {
            err.println("resnetlab grid: " + e.getMessage());
            err.flush();
            return 2;
        }
    }
}
