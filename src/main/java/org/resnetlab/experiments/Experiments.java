package org.resnetlab.experiments;

import org.resnetlab.Lab;
import org.resnetlab.models.ModelSpec;
import org.resnetlab.train.Protocol;
import org.resnetlab.train.RunConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The runs behind each notebook, in one place, for each mode:
 * <ul>
 *   <li>{@link Mode#QUICK}: synthetic data, tiny nets, a few dozen iterations (what {@code make test} runs);</li>
 *   <li>{@link Mode#CPU}: the committed results, sized for a 2-core machine: Fashion-MNIST (real data, 1×28×28),
 *       ResNet-20…110 instead of 110…1001, schedules of a few hundred to 1,500 iterations instead of 64k, one seed
 *       instead of the median of five, test error on the first 2,000 test images during training;</li>
 *   <li>{@link Mode#PAPER}: the paper's protocol and networks on CIFAR-10 (a GPU and days).</li>
 * </ul>
 * A notebook and {@code bin/resnetlab} build the same {@link RunConfig}s from here, so a run recorded by one is found
 * complete by the other (runs resume and completed runs are skipped, see {@code TrainingRun}).
 */
public final class Experiments {
    private Experiments() {}

    /** How much of the paper a notebook reproduces. */
    public enum Mode {
        QUICK, CPU, PAPER;

        /** QUICK when {@code RESNETLAB_QUICK} is set; otherwise {@code RESNETLAB_MODE} (cpu|paper), default CPU. */
        public static Mode fromEnvironment() {
            if (Lab.isQuick(System.getenv(Lab.QUICK_VARIABLE))) {
                return QUICK;
            }
            return parse(System.getenv("RESNETLAB_MODE"));
        }

        public static Mode parse(String value) {
            if (value == null || value.isBlank()) {
                return CPU;
            }
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("RESNETLAB_MODE must be quick, cpu or paper, got '" + value + "'");
            }
        }
    }

    /** One run of an experiment and the label its curve carries in charts and tables. */
    public record LabelledRun(String label, RunConfig config) {}

    /**
     * The runs of one notebook experiment.
     *
     * @param name        folder under the results root, e.g. "01-degradation"
     * @param reductions  what this mode changes from the paper, one sentence for the notebook's tables
     * @param runs        in display order
     */
    public record Experiment(String name, Mode mode, String reductions, List<LabelledRun> runs) {}

    /** Where results go: the committed {@code data/results/} for CPU and PAPER, {@code target/quick-results/} for QUICK. */
    public static Path resultsRoot(Mode mode, Path projectRoot) {
        return mode == Mode.QUICK ? projectRoot.resolve("target/quick-results") : projectRoot.resolve("data/results");
    }

    /** The project root as the kernel sees it: RESNETLAB_HOME from the kernelspec, else the parent of notebooks/. */
    public static Path projectRoot() {
        String home = System.getenv("RESNETLAB_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        Path cwd = Path.of("").toAbsolutePath();
        return cwd.getFileName() != null && cwd.getFileName().toString().equals("notebooks") ? cwd.getParent() : cwd;
    }

    /** [1] Fig. 1: plain vs residual nets of two depths; training error is the point. Notebook 01. */
    public static Experiment degradation(Mode mode, Path results) {
        List<Integer> depths = switch (mode) {
            case QUICK -> List.of(8, 14);
            case CPU -> List.of(20, 56);
            case PAPER -> List.of(20, 56, 110);
        };
        List<LabelledRun> runs = new ArrayList<>();
        for (String unit : List.of("plain", "original")) {
            for (int depth : depths) {
                String label = (unit.equals("plain") ? "plain-" : "ResNet-") + depth;
                runs.add(new LabelledRun(label, config(mode, depth, unit, 1500, results, "01-degradation")));
            }
        }
        return new Experiment("01-degradation", mode, reductions(mode, 1500), runs);
    }

    /** Small trained nets for the gradient-norm and lesion studies of notebook 02: plain, original, pre-act. */
    public static Experiment recursionNets(Mode mode, Path results) {
        int depth = mode == Mode.QUICK ? 8 : mode == Mode.CPU ? 20 : 110;
        List<LabelledRun> runs = new ArrayList<>();
        for (String unit : List.of("plain", "original", "full-preact")) {
            runs.add(new LabelledRun(unit + "-" + depth, config(mode, depth, unit, 600, results, "02-trained-nets")));
        }
        return new Experiment("02-trained-nets", mode, reductions(mode, 600), runs);
    }

    /** [2] Table 1 / Fig. 3: shortcut variants on the original unit. Notebook 03. */
    public static Experiment shortcutVariants(Mode mode, Path results) {
        int depth = mode == Mode.QUICK ? 8 : mode == Mode.CPU ? 20 : 110;
        List<LabelledRun> runs = new ArrayList<>();
        for (String unit : List.of("original", "constant-scaling:0.5/0.5", "constant-scaling:0.5/1",
                "exclusive-gating:0", "exclusive-gating:-6", "shortcut-only-gating:0", "shortcut-only-gating:-6",
                "conv-shortcut", "dropout-shortcut:0.5")) {
            runs.add(new LabelledRun(unit, config(mode, depth, unit, 600, results, "03-shortcut-variants")));
        }
        return new Experiment("03-shortcut-variants", mode, reductions(mode, 600), runs);
    }

    /**
     * Two more seeds of notebook 03's identity-shortcut run (seed 0 is in {@link #shortcutVariants}), nothing else
     * changed: how far one seed lands from another, the yardstick for one-seed differences.
     */
    public static Experiment identitySeeds(Mode mode, Path results) {
        Experiment variants = shortcutVariants(mode, results);
        RunConfig identity = variants.runs().get(0).config();
        List<LabelledRun> runs = new ArrayList<>();
        for (long seed = 1; seed <= 2; seed++) {
            runs.add(new LabelledRun("original, seed " + seed,
                    identity.withSeed(seed).withOut(results.resolve("03-identity-seeds")
                            .resolve(identity.out().getParent().getFileName()).resolve("seed" + seed))));
        }
        return new Experiment("03-identity-seeds", mode, reductions(mode, identity.protocol().iterations(), "seeds 1 and 2"), runs);
    }

    /** [2] Table 2 / Fig. 4: the five activation orderings (a)–(e). Notebook 04. */
    public static Experiment orderings(Mode mode, Path results) {
        int depth = mode == Mode.QUICK ? 8 : mode == Mode.CPU ? 20 : 110;
        List<LabelledRun> runs = new ArrayList<>();
        String[] letters = {"(a)", "(b)", "(c)", "(d)", "(e)"};
        List<String> units = List.of("original", "bn-after-addition", "relu-before-addition", "relu-only-preact", "full-preact");
        for (int i = 0; i < units.size(); i++) {
            runs.add(new LabelledRun(letters[i] + " " + units.get(i),
                    config(mode, depth, units.get(i), 600, results, "04-orderings")));
        }
        return new Experiment("04-orderings", mode, reductions(mode, 600), runs);
    }

    /** [2] Table 3 / Fig. 1, 6: original vs full pre-activation as depth grows. Notebook 05. */
    public static Experiment deeper(Mode mode, Path results) {
        List<Integer> depths = switch (mode) {
            case QUICK -> List.of(8, 20);
            case CPU -> List.of(20, 56, 110);
            case PAPER -> List.of(110, 164, 1001);
        };
        List<LabelledRun> runs = new ArrayList<>();
        for (int depth : depths) {
            for (String unit : List.of("original", "full-preact")) {
                runs.add(new LabelledRun(unit + "-" + depth, config(mode, depth, unit, 400, results, "05-deeper")));
            }
        }
        return new Experiment("05-deeper", mode, reductions(mode, 400), runs);
    }

    /** Every experiment of the notebooks, in notebook order (for {@code bin/resnetlab} to run them ahead). */
    public static List<Experiment> all(Mode mode, Path results) {
        return List.of(degradation(mode, results), recursionNets(mode, results), shortcutVariants(mode, results),
                identitySeeds(mode, results), orderings(mode, results), deeper(mode, results));
    }

    static String reductions(Mode mode, int cpuIterations) {
        return reductions(mode, cpuIterations, "1 seed");
    }

    static String reductions(Mode mode, int cpuIterations, String seeds) {
        return switch (mode) {
            case QUICK -> "quick mode: synthetic 3×32×32 data (2,048 images), depth 8–20, 30 iterations — a smoke test, not a result";
            case CPU -> "CPU mode: Fashion-MNIST instead of CIFAR-10, " + cpuIterations + " iterations (paper: 64,000, "
                    + "schedule scaled), " + seeds + " (paper: median of 5), test error on 2,000 test images";
            case PAPER -> "paper protocol on CIFAR-10, 1 seed per call (the paper: median of 5)";
        };
    }

    /** One run: the paper's protocol scaled to this mode's length. */
    static RunConfig config(Mode mode, int depth, String unit, int cpuIterations, Path results, String experiment) {
        String dataset = switch (mode) {
            case QUICK -> "synthetic";
            case CPU -> "fashion-mnist";
            case PAPER -> "cifar10";
        };
        ModelSpec spec = switch (mode) {
            case QUICK -> ModelSpec.cifar(depth, unit);
            case CPU -> ModelSpec.fashionMnist(depth, unit);
            case PAPER -> ModelSpec.paper(depth, unit);
        };
        int iterations = switch (mode) {
            case QUICK -> 30;
            case CPU -> cpuIterations;
            case PAPER -> Protocol.PAPER_ITERATIONS;
        };
        String folder = dataset + "-" + depth + "-" + unit.replace(':', '_').replace('/', '_');
        RunConfig run = RunConfig.of(dataset, spec, results.resolve(experiment).resolve(folder).resolve("seed0"))
                .withIterations(iterations);
        return switch (mode) {
            case QUICK -> run.withEvalEvery(10).withTestLimit(256);
            case CPU -> run.withEvalEvery(Math.max(50, iterations / 15)).withTestLimit(2000);
            case PAPER -> run.withEvalEvery(1000);
        };
    }
}
