package org.resnetlab;

import org.resnetlab.engine.Engines;
import ai.djl.Device;
import ai.djl.engine.Engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What a notebook calls first: which Java, which DJL engine on which devices, quick or full mode.
 *
 * <p>Quick mode ({@code RESNETLAB_QUICK=1}, set by the test command) shrinks data and schedules so a notebook
 * finishes in minutes on two CPU cores; full mode runs the experiments as committed.
 */
public final class Lab {

    /** Environment variable that selects quick mode. */
    public static final String QUICK_VARIABLE = org.resnetlab.experiments.Experiments.Mode.QUICK_VARIABLE;

    /** MXNet 1.9.1 CUDA builds cover these compute capabilities only; DJL silently uses the CPU elsewhere. */
    static final double MXNET_MIN_COMPUTE = 5.0;
    static final double MXNET_MAX_COMPUTE = 8.6;

    private final Engine engine;
    private final boolean quick;
    private final List<Gpu> gpus;

    private Lab(Engine engine, boolean quick, List<Gpu> gpus) {
        this.engine = engine;
        this.quick = quick;
        this.gpus = gpus;
    }

    /** Loads the default engine (DJL_DEFAULT_ENGINE / ai.djl.default_engine pick it), reads the mode, probes GPUs. */
    public static Lab start() {
        Engine engine = Engine.getInstance();
        return new Lab(engine, isQuick(System.getenv(QUICK_VARIABLE)), Gpu.detect());
    }

    /** True for 1/true/yes (any case); anything else, or unset, is full mode ({@code Experiments.Mode} owns the rule). */
    public static boolean isQuick(String value) {
        return org.resnetlab.experiments.Experiments.Mode.isQuick(value);
    }

    public boolean quick() {
        return quick;
    }

    /** Picks the quick-mode or the full-mode value of a notebook parameter. */
    public <T> T choose(T quickValue, T fullValue) {
        return quick ? quickValue : fullValue;
    }

    public Engine engine() {
        return engine;
    }

    /** The devices training will use: every GPU the engine can drive, else the CPU. */
    public Device[] devices() {
        return engine.getDevices();
    }

    public List<Gpu> gpus() {
        return gpus;
    }

    /** A plain warning when a GPU is present but this engine will not use it; empty when all is well. */
    public Optional<String> gpuWarning() {
        return gpuWarning(gpus, engine.getEngineName(), engine.getGpuCount());
    }

    /**
     * Decides whether the user must be told that training will run on the CPU despite a GPU.
     *
     * @param gpus            GPUs the system reports (nvidia-smi)
     * @param engineName      DJL engine name
     * @param engineGpuCount  GPUs the engine itself can use
     */
    public static Optional<String> gpuWarning(List<Gpu> gpus, String engineName, int engineGpuCount) {
        if (gpus.isEmpty() || engineGpuCount >= gpus.size()) {
            return Optional.empty();
        }
        String names = gpus.stream().map(Gpu::toString).collect(Collectors.joining(", "));
        if (Engines.MXNET.equals(engineName)) {
            List<Gpu> unsupported = gpus.stream()
                    .filter(g -> g.computeCapability() < MXNET_MIN_COMPUTE || g.computeCapability() > MXNET_MAX_COMPUTE)
                    .toList();
            String why = unsupported.isEmpty()
                    ? "the MXNet native library on the classpath is the CPU (mkl) build"
                    : "MXNet 1.9.1 supports CUDA compute capability " + MXNET_MIN_COMPUTE + "–" + MXNET_MAX_COMPUTE
                      + " only, and " + unsupported.stream().map(Gpu::toString).collect(Collectors.joining(", "))
                      + " is outside it";
            return Optional.of("WARNING: " + names + " present, but training will run on the CPU: " + why
                    + ". Use the PyTorch engine for this GPU (see README, 'GPUs').");
        }
        return Optional.of("WARNING: " + names + " present, but the " + engineName + " engine sees "
                + engineGpuCount + " GPU(s): its native library is a CPU build. See README, 'GPUs'.");
    }

    /** Key facts of this run's environment, in a stable order, for reports and run records. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch")
                + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        env.put("djl", Engine.getDjlVersion());
        env.put("engine", engine.getEngineName() + " " + engine.getVersion());
        env.put("engines available", String.join(", ", Engine.getAllEngines()));
        env.put("devices", Arrays.stream(devices()).map(Device::toString).collect(Collectors.joining(", ")));
        env.put("gpus", gpus.isEmpty() ? "none" : gpus.stream().map(Gpu::toString).collect(Collectors.joining(", ")));
        env.put("mode", quick ? "quick (" + QUICK_VARIABLE + "=1)" : "full");
        env.put("git commit", gitCommit());
        return env;
    }

    /** The lines a notebook prints as its first output. */
    public String report() {
        StringBuilder sb = new StringBuilder("resnet-lab\n");
        environment().forEach((k, v) -> sb.append(String.format("  %-18s %s%n", k + ":", v)));
        gpuWarning().ifPresent(w -> sb.append(w).append('\n'));
        return sb.toString();
    }

    @Override
    public String toString() {
        return report();
    }

    /** The commit of the working tree the kernel runs in (short, "-dirty" with changes), or "unknown" outside a git checkout. */
    public static String gitCommit() {
        String commit = org.resnetlab.train.RunEnvironment.gitCommit();
        return commit == null ? "unknown" : commit.substring(0, 7) + (commit.endsWith("-dirty") ? "-dirty" : "");
    }

    /** Runs a small command with a time limit; empty if it is missing, fails or hangs. */
    static Optional<List<String>> run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line.trim());
                }
            }
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? Optional.of(lines) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** One NVIDIA GPU as nvidia-smi reports it. */
    public record Gpu(String name, double computeCapability) {

        @Override
        public String toString() {
            return name + " (compute " + computeCapability + ")";
        }

        /** The GPUs nvidia-smi lists; none when the tool is absent (every CPU-only machine). */
        public static List<Gpu> detect() {
            return run(List.of("nvidia-smi", "--query-gpu=name,compute_cap", "--format=csv,noheader"))
                    .map(Gpu::parse).orElse(List.of());
        }

        /** Parses nvidia-smi's CSV lines such as "NVIDIA H100 80GB HBM3, 9.0"; unreadable lines are skipped. */
        public static List<Gpu> parse(List<String> csvLines) {
            List<Gpu> gpus = new ArrayList<>();
            for (String line : csvLines) {
                int comma = line.lastIndexOf(',');
                if (comma <= 0) {
                    continue;
                }
                try {
                    gpus.add(new Gpu(line.substring(0, comma).trim(), Double.parseDouble(line.substring(comma + 1).trim())));
                } catch (NumberFormatException e) {
                    // "[N/A]" from old drivers: not a GPU we can reason about
                }
            }
            return gpus;
        }
    }
}
