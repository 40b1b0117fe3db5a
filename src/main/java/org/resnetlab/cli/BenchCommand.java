package org.resnetlab.cli;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.resnetlab.bench.Benchmarks;
import org.resnetlab.bench.Flops;
import org.resnetlab.bench.ProcStatus;
import org.resnetlab.bench.Windows;
import org.resnetlab.data.DataSplits;
import org.resnetlab.format.Csv;
import org.resnetlab.models.ModelSpec;
import org.resnetlab.models.Models;
import org.resnetlab.engine.Engines;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code resnetlab bench --engine mxnet}: training throughput through the runner and a bare DJL loop, achieved
 * GFLOP/s against the engine's sgemm peak, the input pipeline alone, and RSS over a long run, on one engine.
 * Rows go to stdout and, with {@code --csv}, are appended to a CSV that {@code bench/report.py} turns into
 * bench/RESULTS.md. {@code make bench} runs it once per engine.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure training speed, the input pipeline and memory on one engine (see bench/run.sh).")
public final class BenchCommand implements Callable<Integer> {

    static final String HEADER = "engine,section,name,median,min,max,unit,n,detail";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--engine", required = true, description = "mxnet|pytorch")
    String engine;

    @Option(names = "--what", split = ",", defaultValue = "sgemm,pipeline,runner,bare,memory",
            description = "parts to run, comma-separated: sgemm, pipeline, runner, bare (project's MomentumSgd), bare-djlsgd (DJL's Sgd), memory (default: ${DEFAULT-VALUE})")
    List<String> what;

    @Option(names = "--depths", split = ",", defaultValue = "20,56,110", description = "depths (default: ${DEFAULT-VALUE})")
    List<Integer> depths;

    @Option(names = "--units", split = ",", defaultValue = "original,full-preact", description = "units (default: ${DEFAULT-VALUE})")
    List<String> units;

    @Option(names = "--width", defaultValue = "1", description = "width multiplier k of the nets (default: ${DEFAULT-VALUE}; the CPU campaign: 0.25)")
    double width;

    @Option(names = "--input", defaultValue = "cifar", description = "cifar (3x32x32) or fashion-mnist (1x28x28) (default: ${DEFAULT-VALUE})")
    String input;

    @Option(names = "--precision", defaultValue = "fp32", description = "runner precision: fp32 or bf16 (default: ${DEFAULT-VALUE})")
    String precision;

    @Option(names = "--batch", defaultValue = "128", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--warmup", defaultValue = "2", description = "warm-up steps, not timed (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--windows", defaultValue = "5", description = "timed windows (default: ${DEFAULT-VALUE})")
    int windows;

    @Option(names = "--steps", defaultValue = "0", description = "steps per window; 0 = 2 for depth 20 and less, else 1")
    int steps;

    @Option(names = "--sgemm-n", defaultValue = "2048", description = "matrix size of the sgemm peak (default: ${DEFAULT-VALUE})")
    int sgemmN;

    @Option(names = "--pipeline-batches", defaultValue = "20", description = "batches per thread per pipeline window (default: ${DEFAULT-VALUE})")
    int pipelineBatches;

    @Option(names = "--memory-depth", defaultValue = "20", description = "depth of the leak check (default: ${DEFAULT-VALUE})")
    int memoryDepth;

    @Option(names = "--memory-batch", defaultValue = "8", description = "batch of the leak check (default: ${DEFAULT-VALUE})")
    int memoryBatch;

    @Option(names = "--memory-early", defaultValue = "200", description = "first RSS reading, iteration (default: ${DEFAULT-VALUE})")
    int memoryEarly;

    @Option(names = "--memory-late", defaultValue = "2000", description = "second RSS reading and run length (default: ${DEFAULT-VALUE})")
    int memoryLate;

    @Option(names = "--train-images", defaultValue = "4096", description = "synthetic training images (default: ${DEFAULT-VALUE})")
    int trainImages;

    @Option(names = "--torch-profile", description = "PyTorch only: write a Chrome trace of the bare loop to FILE-<model>.json (PyTorch's profiler through DJL's JNI)")
    Path torchProfile;

    @Option(names = "--tag", description = "prefix for the section of every row (A/B runs of a setting, e.g. OMP_WAIT_POLICY=ACTIVE)")
    String tag;

    @Option(names = "--csv", description = "append rows to this CSV (header written when the file is new)")
    Path csv;

    @Option(names = "--scratch", defaultValue = "target/bench-scratch", description = "folder for the runner's temporary run folders")
    Path scratch;

    private String engineName;
    private final List<String> rows = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try {
            engineName = Engines.djlName(engine, "--engine");
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Set<String> parts = new LinkedHashSet<>(what);
        Files.createDirectories(scratch);
        Engine e = Engine.getEngine(engineName);
        meta("engine_version", e.getVersion());
        meta("djl_version", Engine.getDjlVersion());
        meta("threads", threadSettings());
        meta("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        flush(out);

        double peak = Double.NaN;
        if (parts.contains("sgemm")) {
            Windows w = Benchmarks.sgemm(engineName, sgemmN, windows, 3);
            peak = w.median();
            row("sgemm", "matmul_" + sgemmN, w, "GFLOP/s", "float32 " + sgemmN + "x" + sgemmN + ", 3 products per window");
            flush(out);
        }
        boolean fashion = switch (input.toLowerCase(Locale.ROOT)) {
            case "cifar" -> false;
            case "fashion-mnist" -> true;
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "--input must be cifar or fashion-mnist");
        };
        org.resnetlab.train.Precision prec;
        try {
            prec = org.resnetlab.train.Precision.parse(precision, "--precision");
        } catch (IllegalArgumentException ex) {
            throw new CommandLine.ParameterException(spec.commandLine(), ex.getMessage());
        }
        String suffix = (width == 1 ? "" : "-w" + ModelSpec.widthLabel(width)) + (fashion ? "-fmnist" : "");
        DataSplits data = Benchmarks.data(trainImages,
                (fashion ? ModelSpec.fashionMnist(20, "original") : ModelSpec.cifar(20, "original")));
        if (parts.contains("pipeline")) {
            int cores = Runtime.getRuntime().availableProcessors();
            for (int threads : cores > 1 ? new int[] {1, cores} : new int[] {1}) {
                Windows w = Benchmarks.pipeline(data, batch, threads, windows, pipelineBatches);
                row("pipeline", "threads_" + threads, w, "images/s", "normalise + pad-4 crop + flip + batch " + batch);
                flush(out);
            }
        }
        for (int depth : depths) {
            for (String unit : units) {
                ModelSpec model = (fashion ? ModelSpec.fashionMnist(depth, unit) : ModelSpec.cifar(depth, unit)).withWidth(width);
                String name = "resnet" + depth + "-" + unit + suffix;
                long macs = Models.cost(model).macs();
                Benchmarks.Plan plan = new Benchmarks.Plan(warmup, windows, steps > 0 ? steps : depth <= 20 ? 2 : 1);
                String planText = plan.warmup() + " warm-up steps, " + plan.windows() + " windows of " + plan.steps() + " steps";
                if (parts.contains("runner")) {
                    Windows w = Benchmarks.runner(engineName, model, batch, plan, data, scratch, prec);
                    row("runner", name, w, "images/s", planText + ", " + prec.label());
                    gflops("runner_gflops", name, w, macs, peak);
                    flush(out);
                }
                for (String kind : new String[] {"bare", "bare-djlsgd"}) {
                    if (!parts.contains(kind)) {
                        continue;
                    }
                    boolean profile = torchProfile != null && kind.equals("bare") && engineName.equals(Engines.PYTORCH);
                    if (profile) {
                        Benchmarks.startTorchProfile();
                    }
                    Benchmarks.Bare b = Benchmarks.bare(engineName, model, batch, plan, kind.equals("bare"));
                    if (profile) {
                        Path trace = torchProfile.resolveSibling(torchProfile.getFileName() + "-" + name + ".json");
                        Benchmarks.stopTorchProfile(trace);
                        out.println("PyTorch profile (Chrome trace) of the bare loop: " + trace);
                    }
                    row(kind, name, b.rate(), "images/s", planText + (kind.equals("bare") ? ", MomentumSgd" : ", DJL Sgd"));
                    gflops(kind + "_gflops", name, b.rate(), macs, peak);
                    Benchmarks.Phases p = b.phases();
                    row(kind + "_phase", name + ":zero_grad", p.zeroMs(), "ms/step", "");
                    row(kind + "_phase", name + ":forward+loss", p.forwardMs(), "ms/step", "");
                    row(kind + "_phase", name + ":backward", p.backwardMs(), "ms/step", "");
                    row(kind + "_phase", name + ":optimizer_step", p.stepMs(), "ms/step", "");
                    flush(out);
                }
            }
        }
        if (parts.contains("runner") || parts.contains("bare")) {
            ProcStatus status = ProcStatus.read();
            row("memory", "peak_rss_training_jvm", status.peakRssMb(), "MB", "VmHWM of the throughput JVM (largest model, batch " + batch + ")");
            flush(out);
        }
        if (parts.contains("memory")) {
            ModelSpec model = ModelSpec.cifar(memoryDepth, "original");
            Benchmarks.Memory m = Benchmarks.memory(engineName, model, memoryBatch, memoryEarly, memoryLate, data, scratch);
            String what = "ResNet-" + memoryDepth + " original, batch " + memoryBatch + ", through the runner, evaluation (256 images) + checkpoint every "
                    + memoryEarly + " iterations, RSS read after each checkpoint and a full GC";
            row("memory", "rss_after_" + memoryEarly, m.early().rssMb(), "MB", what);
            row("memory", "rss_after_" + memoryLate, m.late().rssMb(), "MB", what);
            row("memory", "rss_growth", m.growthPercent(), "%", "from iteration " + memoryEarly + " to " + memoryLate);
            row("memory", "rss_curve", m.late().rssMb(), "MB", "iteration:RSS MB: " + m.curve());
            row("memory", "java_heap_after_" + memoryEarly, m.heapEarlyMb(), "MB", "Java heap in use after a full GC");
            row("memory", "java_heap_after_" + memoryLate, m.heapLateMb(), "MB", "Java heap in use after a full GC");
            row("memory", "peak_rss", m.end().peakRssMb(), "MB", "VmHWM of this JVM at the end");
            flush(out);
        }
        return 0;
    }


    private String threadSettings() {
        return "OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS") + " MXNET_ENGINE_TYPE=" + System.getenv("MXNET_ENGINE_TYPE")
                + " ai.djl.pytorch.num_threads=" + System.getProperty("ai.djl.pytorch.num_threads")
                + " ai.djl.pytorch.num_interop_threads=" + System.getProperty("ai.djl.pytorch.num_interop_threads")
                + " OMP_WAIT_POLICY=" + System.getenv("OMP_WAIT_POLICY") + " GOMP_SPINCOUNT=" + System.getenv("GOMP_SPINCOUNT") + " MALLOC_MMAP_THRESHOLD_=" + System.getenv("MALLOC_MMAP_THRESHOLD_")
                + " LD_PRELOAD=" + System.getenv("LD_PRELOAD")
                + " cores=" + Runtime.getRuntime().availableProcessors();
    }

    private void gflops(String section, String name, Windows rate, long macs, double peak) {
        Windows g = rate.times(Flops.trainingGflops(macs, 1));
        row(section, name, g, "GFLOP/s", String.format(Locale.ROOT, "%.1f%% of sgemm peak (%.1f GFLOP/s); %d forward MACs/image",
                Flops.percentOf(g.median(), peak), peak, macs));
    }

    private void meta(String name, String value) {
        rows.add(Csv.row(engineName, tagged("meta"), name, "", "", "", "", "", value));
    }

    private void row(String section, String name, Windows w, String unit, String detail) {
        rows.add(Csv.row(engineName, tagged(section), name, num(w.median()), num(w.min()), num(w.max()), unit,
                Integer.toString(w.count()), detail));
    }

    private void row(String section, String name, double value, String unit, String detail) {
        rows.add(Csv.row(engineName, tagged(section), name, num(value), "", "", unit, "1", detail));
    }

    private String tagged(String section) {
        return tag == null ? section : tag + ":" + section;
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private void flush(PrintWriter out) throws IOException {
        for (String r : rows) {
            out.println(r);
        }
        out.flush();
        if (csv != null && !rows.isEmpty()) {
            boolean fresh = !Files.exists(csv) || Files.size(csv) == 0;
            List<String> lines = new ArrayList<>();
            if (fresh) {
                lines.add(HEADER);
            }
            lines.addAll(rows);
            Files.write(csv, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        rows.clear();
    }
}
