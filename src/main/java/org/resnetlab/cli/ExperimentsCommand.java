package org.resnetlab.cli;

import org.resnetlab.experiments.ExperimentPlan;
import org.resnetlab.experiments.Experiments;
import org.resnetlab.experiments.Experiments.Experiment;
import org.resnetlab.experiments.Experiments.Mode;
import org.resnetlab.train.RunConfig;
import org.resnetlab.train.RunFolderException;
import org.resnetlab.train.TrainingRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code resnetlab experiments --mode cpu}: trains (or resumes) the campaign behind the notebooks, every distinct run
 * once, in an order that completes claims early; the notebooks then find the runs complete and only read them.
 */
@Command(name = "experiments", mixinStandardHelpOptions = true,
        description = "Run (or resume) the notebooks' experiments into data/results/ so the notebooks find them complete. "
                + "With no names: the whole campaign of the mode, each distinct run once (runs shared by several "
                + "notebooks are pooled). Finished runs are skipped; an interrupted run resumes.")
public final class ExperimentsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--mode", defaultValue = "cpu", description = "quick|cpu|paper (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = {"--list", "--dry-run"}, description = "list the planned runs, whether each is recorded, and the "
            + "estimated hours of what is left, without training")
    boolean list;

    @Option(names = "--shard", description = "I/N: train only every N-th run starting at the I-th (0-based), so N "
            + "processes share a campaign without touching each other's runs, e.g. two with one thread each on a 2-core "
            + "machine (PYTORCH_NUM_THREADS=1 OMP_NUM_THREADS=1)")
    String shard;

    @Parameters(arity = "0..*", description = "experiment names: 00-pilot, 01-degradation, 02-trained-nets, "
            + "03-shortcut-variants, 04-orderings, 05-deeper (default: all but the pilot)")
    List<String> names;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Mode m = Mode.parse(mode);
        Path root = Experiments.projectRoot();
        Path results = Experiments.resultsRoot(m, root);
        Map<Path, RunConfig> runs = new LinkedHashMap<>();
        Map<Path, String> labels = new LinkedHashMap<>();
        if (names == null || names.isEmpty()) {
            out.println("campaign (" + m.lower() + " mode): " + Experiments.reductions(m));
            for (RunConfig c : Experiments.campaign(m, results)) {
                runs.put(c.out(), c);
            }
        } else {
            List<Experiment> known = new ArrayList<>(Experiments.all(m, results));
            known.add(0, Experiments.pilot(m, results));
            for (String name : names) {
                Experiment e = known.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow(() ->
                        new IllegalArgumentException("unknown experiment '" + name + "'; choose from "
                                + known.stream().map(Experiment::name).toList()));
                out.println(e.name() + ": " + e.reductions());
                e.runs().forEach(r -> {
                    runs.putIfAbsent(r.config().out(), r.config());
                    labels.putIfAbsent(r.config().out(), e.name() + " / " + r.label());
                });
            }
        }
        List<RunConfig> all = shard(List.copyOf(runs.values()));
        if (list) {
            // costs come from every recorded run of the mode, so a shard's or one experiment's estimate of a run
            // is the same as the whole campaign's
            List<RunConfig> costSource = new ArrayList<>(Experiments.campaign(m, results));
            costSource.addAll(runs.values());
            ExperimentPlan.RecordedCosts costs = ExperimentPlan.recordedCosts(costSource);
            double seconds = 0;
            int left = 0;
            for (RunConfig c : all) {
                String status = ExperimentPlan.status(c.out());
                double s = ExperimentPlan.remainingSeconds(c, costs.secondsPerUnitIteration(c));
                seconds += s;
                left += s > 0 ? 1 : 0;
                out.println("  " + relative(root, c.out()) + "  (" + status + (s > 0 ? String.format(Locale.ROOT, ", ~%.0f min", s / 60) : "") + ")");
            }
            String wall = shard == null
                    ? String.format(Locale.ROOT, "i.e. about %.1f hours of wall-clock on a 2-core CPU with two one-thread "
                    + "shards side by side (--shard 0/2 and 1/2", seconds / 7200)
                    // one shard is one one-thread process: its process-hours are its wall-clock
                    : String.format(Locale.ROOT, "i.e. about %.1f hours of wall-clock for this shard on its one thread, "
                    + "beside the other shards (--shard %s", seconds / 3600, shard);
            out.println(String.format(Locale.ROOT, "%d runs, %d recorded, %d to train or resume: about %.1f process-hours, "
                    + "%s; cost per iteration from the recorded runs of the same unit at the nearest depth, which "
                    + "trained that way, else measured 2026-12-01)", all.size(), all.size() - left, left, seconds / 3600, wall));
            out.flush();
            return 0;
        }
        // A busy or damaged run folder is that run's problem: say so, go on with the others, and exit with its code
        // at the end (so a shard does not stop for hours over one folder). An I/O failure stops everything.
        List<String> skipped = new ArrayList<>();
        int code = 0;
        for (RunConfig c : all) {
            String label = "  " + labels.getOrDefault(c.out(), relative(root, c.out()));
            try {
                TrainingRun.of(c).withListener(new ConsoleProgress(out, label)).run();
            } catch (RunFolderException.Busy | RunFolderException.Damaged e) {
                err.println("resnetlab experiments: " + e.getMessage() + " (skipped; the other runs go on)");
                err.flush();
                skipped.add(relative(root, c.out()));
                code = code == 0 ? Main.exitCode(e) : code;
            }
            out.flush();
        }
        if (!skipped.isEmpty()) {
            err.println("resnetlab experiments: " + skipped.size() + " run(s) skipped, see above: "
                    + String.join(", ", skipped));
        }
        return code;
    }

    /** The runs of this shard: indices i, i + N, i + 2N, … of the list. */
    List<RunConfig> shard(List<RunConfig> all) {
        if (shard == null) {
            return all;
        }
        String[] parts = shard.split("/");
        int index, count;
        try {
            index = Integer.parseInt(parts[0].trim());
            count = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : -1;
        } catch (NumberFormatException e) {
            count = -1;
            index = -1;
        }
        if (parts.length != 2 || count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("--shard must be I/N with 0 <= I < N, e.g. 0/2 and 1/2; got '" + shard + "'");
        }
        List<RunConfig> mine = new ArrayList<>();
        for (int i = index; i < all.size(); i += count) {
            mine.add(all.get(i));
        }
        return mine;
    }

    private static String relative(Path root, Path p) {
        return org.resnetlab.train.ProjectPaths.relative(p, root);
    }
}
