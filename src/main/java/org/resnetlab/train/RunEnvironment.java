package org.resnetlab.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** What a session ran on, recorded in run.json beside the metrics. */
public final class RunEnvironment {
    private RunEnvironment() {}

    public static Map<String, Object> capture(Engine engine, Device[] devices, int startIteration) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("started", Instant.now().toString());
        env.put("start_iteration", startIteration);
        env.put("engine", engine.getEngineName());
        env.put("engine_version", engine.getVersion());
        env.put("djl_version", Engine.getDjlVersion());
        env.put("devices", Arrays.stream(devices).map(Device::toString).toList());
        env.put("gpu_count", engine.getGpuCount());
        env.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        env.put("cores", Runtime.getRuntime().availableProcessors());
        env.put("cpu", cpu(Path.of("/proc/cpuinfo")));
        env.put("git_commit", gitCommit());
        env.put("activation_layout", org.resnetlab.units.MemoryFormat.layout(engine.getEngineName()));
        for (String name : new String[] {"OMP_NUM_THREADS", "MXNET_ENGINE_TYPE"}) {
            env.put(name, System.getenv(name));
        }
        return env;
    }

    /**
     * The CPU's model name and the flags that change its speed here (bf16, AMX), e.g. "AMD EPYC (avx512_bf16)", or null
     * without /proc/cpuinfo: a run's elapsed times mean nothing without the machine, and the machines change.
     */
    static String cpu(Path cpuinfo) {
        try {
            List<String> lines = Files.readAllLines(cpuinfo);
            String model = lines.stream().filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse(null);
            if (model == null) {
                return null;
            }
            Set<String> flags = Precision.cpuFlags(lines);
            return flags.isEmpty() ? model : model + " (" + String.join(" ", flags) + ")";
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** HEAD of the working directory's git repository (with "-dirty" when it has changes), or null: the one owner of it. */
    public static String gitCommit() {
        String head = git("rev-parse", "HEAD");
        if (head == null) {
            return null;
        }
        String status = git("status", "--porcelain", "--untracked-files=no");
        return status == null || status.isEmpty() ? head : head + "-dirty";
    }

    private static String git(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes()).trim();
            }
            if (!process.waitFor(5, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return null;
            }
            return output;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
