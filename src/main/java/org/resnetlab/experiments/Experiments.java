package org.resnetlab.experiments;

import org.resnetlab.models.ModelSpec;
import org.resnetlab.train.Protocol;
import org.resnetlab.train.RunConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The runs behind each notebook, in one place, for each mode:
 * <ul>
 *   <li>{@link Mode#QUICK}: synthetic data, tiny nets, a few dozen iterations (what {@code make test} runs);</li>
 *   <li>{@link Mode#CPU}: the committed results, sized for a 2-core machine ({@code data/results/PILOT.md} says why):
 *       Fashion-MNIST (real data, 1×28×28) instead of CIFAR-10, the paper's depths with narrow stages
 *       ({@link #CPU_WIDTH}), {@link #CPU_ITERATIONS} iterations with [2]'s 400-iteration warm-up, 3 seeds per
 *       configuration and 5 for the baselines many claims compare against, the full test set;</li>
 *   <li>{@link Mode#PAPER}: the paper's protocol and networks on CIFAR-10, 5 seeds (a GPU and days).</li>
 * </ul>
 * A run's folder depends on its configuration only ({@link #folder}), not on the experiment that asks for it, so the
 * same configuration asked for by several notebooks (the identity ResNet-56 of notebooks 01, 03, 04 and 05) is one
 * set of runs, pooled. A notebook and {@code bin/resnetlab} build the same {@link RunConfig}s from here, so a run
 * recorded by one is found complete by the other.
 */
public final class Experiments {
    private Experiments() {}

    /** CPU mode: stages of 4/8/16 channels instead of 16/32/64 (the pilot's choice; [2]'s effects depend on depth). */
    public static final double CPU_WIDTH = 0.25;
    /**
     * CPU mode: iterations per run (lr 0.01 for 400, 0.1 until 3,000, 0.01 until 4,500, then 0.001): the pilot's
     * 3,000-iteration runs were still improving at lr 0.1 when it dropped.
     */
    public static final int CPU_ITERATIONS = 6000;
    /** CPU mode: evaluate on the whole test set 12 times per run (every 500 iterations of 6,000). */
    public static final int CPU_EVALUATIONS = 12;

    /** How much of the paper a notebook reproduces. */
    public enum Mode {
        QUICK, CPU, PAPER;

        /** The variable of quick mode ({@code make test} sets it). */
        public static final String QUICK_VARIABLE = "RESNETLAB_QUICK";

        /** True for 1/true/yes (any case); anything else, or unset, is not quick mode. */
        public static boolean isQuick(String value) {
            if (value == null) {
                return false;
            }
            String v = value.trim().toLowerCase(Locale.ROOT);
            return v.equals("1") || v.equals("true") || v.equals("yes");
        }

        /** QUICK when {@code RESNETLAB_QUICK} is set; otherwise {@code RESNETLAB_MODE} (cpu|paper), default CPU. */
        public static Mode fromEnvironment() {
            if (isQuick(System.getenv(QUICK_VARIABLE))) {
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

        /** Seeds per configuration: 1 in quick mode (a smoke test), 3 on the CPU, 5 in paper mode as in [2]. */
        public int seeds() {
            return switch (this) {
                case QUICK -> 1;
                case CPU -> 3;
                case PAPER -> 5;
            };
        }

        /** Seeds of a baseline that many claims compare against (the identity / original and pre-act units). */
        public int baselineSeeds() {
            return switch (this) {
                case QUICK -> 2;
                case CPU, PAPER -> 5;
            };
        }

        /** The depth of [2] Table 1 and 2 in this mode (the paper: 110). */
        public int tableDepth() {
            return switch (this) {
                case QUICK -> 8;
                case CPU -> 56;
                case PAPER -> 110;
            };
        }

        /** The two depths of [1] Fig. 1 (degradation): 20 and 56 (8 and 14 in quick mode). */
        public List<Integer> degradationDepths() {
            return this == QUICK ? List.of(8, 14) : List.of(20, 56);
        }

        /** The depths of [2] Table 3 in this mode, shallowest first. */
        public List<Integer> deeperDepths() {
            return switch (this) {
                case QUICK -> List.of(8, 14);
                case CPU -> List.of(56, 110);
                case PAPER -> List.of(110, 164, 1001);
            };
        }

        public String lower() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One run of an experiment and the label its curve carries in charts and tables (seeds share a label). */
    public record LabelledRun(String label, RunConfig config) {}

    /**
     * The runs of one notebook experiment.
     *
     * @param name        the experiment's name, e.g. "01-degradation"
     * @param reductions  what this mode changes from the paper, one sentence for the notebook's tables
     * @param runs        in display order; runs with the same label are seeds of one configuration
     */
    public record Experiment(String name, Mode mode, String reductions, List<LabelledRun> runs) {

        /** The labels in display order, each once. */
        public List<String> labels() {
            return runs.stream().map(LabelledRun::label).distinct().toList();
        }

        /** The seeds of one label. */
        public List<RunConfig> seedsOf(String label) {
            return runs.stream().filter(r -> r.label().equals(label)).map(LabelledRun::config).toList();
        }
    }

    /** The variable that tells notebooks whether to train runs not yet recorded: "recorded" = never, else yes. */
    public static final String TRAIN_VARIABLE = "RESNETLAB_TRAIN";

    /** False when {@code RESNETLAB_TRAIN=recorded}: notebooks read what is recorded and train nothing. */
    public static boolean trainsMissingRuns() {
        String v = System.getenv(TRAIN_VARIABLE);
        return v == null || !v.trim().equalsIgnoreCase("recorded");
    }

    /** Where results go: the committed {@code data/results/} for CPU and PAPER, {@code target/quick-results/} for QUICK. */
    public static Path resultsRoot(Mode mode, Path projectRoot) {
        return mode == Mode.QUICK ? projectRoot.resolve("target/quick-results") : projectRoot.resolve("data/results");
    }

    /** The project root as the kernel sees it: RESNETLAB_HOME from the kernelspec, else the parent of notebooks/. */
    public static Path projectRoot() {
        return org.resnetlab.train.ProjectPaths.root();
    }

    /** [1] Fig. 1: plain vs residual nets of two depths; training error is the point. Notebook 01. */
    public static Experiment degradation(Mode mode, Path results) {
        List<Integer> depths = mode.degradationDepths();
        List<LabelledRun> runs = new ArrayList<>();
        for (String unit : List.of("plain", "original")) {
            for (int depth : depths) {
                String label = (unit.equals("plain") ? "plain-" : "ResNet-") + depth;
                runs.addAll(seeds(mode, label, depth, unit, results));
            }
        }
        return new Experiment("01-degradation", mode, reductions(mode), runs);
    }

    /** Trained nets for the gradient-norm and lesion studies of notebook 02 (seed 0 of plain, original, pre-act). */
    public static Experiment recursionNets(Mode mode, Path results) {
        int depth = mode.tableDepth();
        List<LabelledRun> runs = new ArrayList<>();
        for (String unit : List.of("plain", "original", "full-preact")) {
            runs.add(new LabelledRun(unit + "-" + depth, config(mode, depth, unit, 0, results)));
        }
        return new Experiment("02-trained-nets", mode, reductions(mode, "seed 0 of each (the probes need one trained net)"), runs);
    }

    /** The shortcut variants of [2] Table 1 (constant scaling 0 is a plain net: the plain runs stand for it). */
    public static final List<String> SHORTCUT_VARIANTS = List.of("constant-scaling:0.5/0.5", "constant-scaling:0.5/1",
            "exclusive-gating:0", "exclusive-gating:-6", "shortcut-only-gating:0", "shortcut-only-gating:-6",
            "conv-shortcut", "dropout-shortcut:0.5");

    /** [2] Table 1 / Fig. 3: shortcut variants on the original unit, the identity and the plain net beside them. Notebook 03. */
    public static Experiment shortcutVariants(Mode mode, Path results) {
        int depth = mode.tableDepth();
        List<LabelledRun> runs = new ArrayList<>(seeds(mode, "original", depth, "original", results));
        runs.addAll(seeds(mode, "constant-scaling:0 (plain)", depth, "plain", results));
        for (String unit : SHORTCUT_VARIANTS) {
            runs.addAll(seeds(mode, unit, depth, unit, results));
        }
        return new Experiment("03-shortcut-variants", mode, reductions(mode), runs);
    }

    /** The five orderings of [2] Fig. 4 in order (a)–(e). */
    public static final List<String> ORDERINGS = List.of("original", "bn-after-addition", "relu-before-addition",
            "relu-only-preact", "full-preact");

    /** [2] Table 2 / Fig. 4: the five activation orderings (a)–(e). Notebook 04. */
    public static Experiment orderings(Mode mode, Path results) {
        int depth = mode.tableDepth();
        List<LabelledRun> runs = new ArrayList<>();
        String[] letters = {"(a)", "(b)", "(c)", "(d)", "(e)"};
        for (int i = 0; i < ORDERINGS.size(); i++) {
            runs.addAll(seeds(mode, letters[i] + " " + ORDERINGS.get(i), depth, ORDERINGS.get(i), results));
        }
        return new Experiment("04-orderings", mode, reductions(mode), runs);
    }

    /** [2] Table 3 / Fig. 1, 6: original vs full pre-activation as depth grows. Notebook 05. */
    public static Experiment deeper(Mode mode, Path results) {
        List<LabelledRun> runs = new ArrayList<>();
        for (int depth : mode.deeperDepths()) {
            for (String unit : List.of("original", "full-preact")) {
                runs.addAll(seeds(mode, unit + "-" + depth, depth, unit, results));
            }
        }
        return new Experiment("05-deeper", mode, reductions(mode), runs);
    }

    /**
     * The pilot that chose the CPU protocol ({@code data/results/PILOT.md}): at each candidate (width, iterations), the
     * arms of three claims ([1] Fig. 1 plain-56 vs ResNet-56, [2] Table 2 (b) vs (e), [2] Table 1 constant scaling
     * 0.5 vs identity), 2 seeds of the identity for the seed spread. Runs of the chosen candidate are campaign runs.
     */
    public static Experiment pilot(Mode mode, Path results) {
        List<LabelledRun> runs = new ArrayList<>();
        int depth = mode.tableDepth();
        List<String> arms = List.of("original", "plain", "full-preact", "bn-after-addition", "constant-scaling:0.5/1");
        List<Candidate> candidates = candidates(mode);
        // the chosen candidate's arms (2 seeds, which the campaign reuses), then the others' (seed 0, and seed 1 of
        // the identity for its spread)
        for (Candidate c : candidates) {
            boolean chosen = c.equals(candidates.get(0));
            for (int seed = 0; seed < 2; seed++) {
                for (String unit : arms) {
                    if (seed == 0 || chosen || unit.equals("original")) {
                        runs.add(new LabelledRun(c.label() + " " + unit,
                                config(mode, depth, unit, seed, results, c.width(), c.iterations())));
                    }
                }
            }
        }
        return new Experiment("00-pilot", mode, reductions(mode, "1-2 seeds per arm"), runs);
    }

    /** A candidate CPU protocol of the pilot. */
    public record Candidate(double width, int iterations) {
        public String label() {
            return "w" + ModelSpec.widthLabel(width) + "/" + iterations;
        }
    }

    /** The pilot's candidates, the chosen one first. */
    public static List<Candidate> candidates(Mode mode) {
        if (mode == Mode.QUICK) {
            return List.of(new Candidate(1, iterations(mode)));
        }
        return List.of(new Candidate(CPU_WIDTH, CPU_ITERATIONS), new Candidate(CPU_WIDTH, 3000), new Candidate(0.5, 3000));
    }

    /** Every experiment of the notebooks, in notebook order (for {@code bin/resnetlab} to run them ahead). */
    public static List<Experiment> all(Mode mode, Path results) {
        return List.of(degradation(mode, results), recursionNets(mode, results), shortcutVariants(mode, results),
                orderings(mode, results), deeper(mode, results));
    }

    /**
     * The campaign of a mode: every distinct run of every experiment, once, in an order that completes claims early:
     * seeds 0–2 of [1] Fig. 1 and [2] Table 2 first, then Table 1, then the deeper nets, then the baselines' extra seeds.
     */
    public static List<RunConfig> campaign(Mode mode, Path results) {
        Map<Path, RunConfig> byFolder = new LinkedHashMap<>();
        List<Experiment> order = List.of(degradation(mode, results), orderings(mode, results),
                shortcutVariants(mode, results), deeper(mode, results));
        for (int pass = 0; pass < 2; pass++) {
            for (Experiment e : order) {
                for (LabelledRun run : e.runs()) {
                    boolean extra = run.config().seed() >= mode.seeds();
                    if ((pass == 0) != extra) {
                        byFolder.putIfAbsent(run.config().out(), run.config());
                    }
                }
            }
        }
        return List.copyOf(byFolder.values());
    }

    public static String reductions(Mode mode) {
        return reductions(mode, mode.seeds() + " seeds per configuration, " + mode.baselineSeeds() + " for the baselines");
    }

    static String reductions(Mode mode, String seeds) {
        return switch (mode) {
            case QUICK -> "quick mode: synthetic 3×32×32 data (2,048 images), depth 8–14, " + iterations(mode)
                    + " iterations, " + seeds + " — a smoke test, not a result";
            case CPU -> "CPU mode: Fashion-MNIST (1×28×28) instead of CIFAR-10, stages of 4/8/16 channels (width ×"
                    + ModelSpec.widthLabel(CPU_WIDTH) + ") at the paper's depths, " + String.format(Locale.ROOT, "%,d", CPU_ITERATIONS)
                    + " iterations (paper: 64,000; [2]'s 400-iteration warm-up kept, lr ÷10 at ½ and ¾), " + seeds
                    + " (paper: median of 5), full 10,000-image test set";
            case PAPER -> "paper protocol on CIFAR-10, " + seeds;
        };
    }

    /**
     * Seeds of one configuration: the mode's baseline count for the original (identity) and full pre-act units at the
     * table depth, which many claims compare against; the mode's count otherwise.
     */
    static List<LabelledRun> seeds(Mode mode, String label, int depth, String unit, Path results) {
        boolean baseline = depth == mode.tableDepth() && (unit.equals("original") || unit.equals("full-preact"));
        int n = baseline ? mode.baselineSeeds() : mode.seeds();
        List<LabelledRun> runs = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            runs.add(new LabelledRun(label, config(mode, depth, unit, s, results)));
        }
        return runs;
    }

    static int iterations(Mode mode) {
        return switch (mode) {
            case QUICK -> 30;
            case CPU -> CPU_ITERATIONS;
            case PAPER -> Protocol.PAPER_ITERATIONS;
        };
    }

    /** One run of this mode's protocol. */
    public static RunConfig config(Mode mode, int depth, String unit, long seed, Path results) {
        return config(mode, depth, unit, seed, results, mode == Mode.CPU ? CPU_WIDTH : 1, iterations(mode));
    }

    static RunConfig config(Mode mode, int depth, String unit, long seed, Path results, double width, int iterations) {
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
        RunConfig run = RunConfig.of(dataset, spec.withWidth(width), Path.of("unset")).withIterations(iterations).withSeed(seed)
                .withPrecision(org.resnetlab.train.Precision.fromEnvironment());  // RESNETLAB_PRECISION, default fp32
        run = switch (mode) {
            case QUICK -> run.withEvalEvery(10).withTestLimit(256);
            case CPU -> run.withEvalEvery(iterations / CPU_EVALUATIONS);
            case PAPER -> run.withEvalEvery(1000);
        };
        return run.withOut(folder(results, run));
    }

    /** A run's folder: the one naming scheme, owned by {@link org.resnetlab.train.RunFolders}. */
    public static Path folder(Path results, RunConfig run) {
        return org.resnetlab.train.RunFolders.of(results, run);
    }
}
