package org.resnetlab.train;

import org.resnetlab.engine.Engines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The arithmetic of a run's convolutions and classifier. {@link #FP32} everywhere (the default, and every
 * committed run); {@link #BF16} mixed precision as PyTorch's CPU autocast does it: convolutions and the
 * classifier compute in bfloat16, batch norm, the loss, the optimizer state and the master weights stay float32
 * (see {@link org.resnetlab.units.Autocast}); {@link #FP16}, the same casts to float16 for CUDA GPUs, with dynamic
 * loss scaling ({@link LossScaler}, as {@code torch.cuda.amp.GradScaler}) because fp16 gradients underflow.
 * fp16 is written for GPU users and was never run on one here (no GPU is reachable from the project's machines).
 * CLI: {@code train --precision}; notebooks: {@code RESNETLAB_PRECISION}.
 */
public enum Precision {
    FP32, BF16, FP16;

    /** The variable notebooks (through {@code Experiments}) read: fp32 (default) or bf16. */
    public static final String VARIABLE = "RESNETLAB_PRECISION";

    /** The CPU flags that give bfloat16 arithmetic in hardware (AVX512-BF16 dot products, AMX tiles). */
    public static final Set<String> CPU_FLAGS = Set.of("avx512_bf16", "amx_bf16");

    /** fp32, bf16 or fp16, as a user types it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the precision whose gradients are loss-scaled (fp16: its gradients underflow without it). */
    public boolean lossScaled() {
        return this == FP16;
    }

    /** fp32|bf16|fp16 (any case); {@code what} names the source in the sentence a bad value gets. */
    public static Precision parse(String value, String what) {
        if (value == null || value.isBlank()) {
            return FP32;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " must be fp32, bf16 or fp16, got '" + value + "'");
        }
    }

    /** {@code RESNETLAB_PRECISION}, default fp32. */
    public static Precision fromEnvironment() {
        return parse(System.getenv(VARIABLE), VARIABLE);
    }

    /** The bf16 flags of this machine's CPU (from /proc/cpuinfo; empty where there is none or no /proc). */
    public static Set<String> cpuFlags() {
        return cpuFlags(Path.of("/proc/cpuinfo"));
    }

    static Set<String> cpuFlags(Path cpuinfo) {
        try {
            return cpuFlags(Files.readAllLines(cpuinfo));
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }

    /** The bf16 flags among the "flags" lines of /proc/cpuinfo's {@code lines}. */
    static Set<String> cpuFlags(List<String> lines) {
        Set<String> found = new TreeSet<>();
        for (String line : lines) {
            if (line.startsWith("flags")) {
                for (String flag : line.substring(line.indexOf(':') + 1).trim().split("\\s+")) {
                    if (CPU_FLAGS.contains(flag)) {
                        found.add(flag);
                    }
                }
            }
        }
        return found;
    }

    /**
     * Why {@code precision} cannot run on this engine, CPU and number of GPUs (0 = the CPU): one sentence naming what
     * is missing, or empty when it can. FP32 always can.
     */
    public static Optional<String> unsupported(Precision precision, String engineName, Set<String> cpuFlags, int gpus) {
        if (precision == FP32) {
            return Optional.empty();
        }
        boolean gpu = gpus > 0;
        if (precision == FP16) {
            if (!gpu) {
                return Optional.of("fp16 is for CUDA GPUs (MXNet 1.9.1 has no fp16 convolution on a CPU); on a CPU "
                        + "use bf16 (MXNet engine) or fp32.");
            }
            if (!Engines.MXNET.equals(engineName)) {
                return Optional.of("fp16 is written for the MXNet engine only: DJL 0.35.1's PyTorch casts run without "
                        + "autograd, so no gradient would reach the float32 master weights; use --engine mxnet, or fp32.");
            }
            if (gpus > 1) {
                // the overflow check reads each parameter's gradient before the step, the whole gradient on one
                // device only; DJL's parameter server sums the others out of reach
                return Optional.of("fp16 is written for one GPU; train on --devices gpu:0, or use fp32.");
            }
            return Optional.empty();
        }
        if (gpu) {
            return Optional.of("bf16 is implemented for CPU training only (MXNet 1.9.1's bf16 kernels are oneDNN's, "
                    + "CPU only); on a CUDA GPU use --precision fp16 (loss-scaled) or fp32.");
        }
        if (Engines.PYTORCH.equals(engineName)) {
            return Optional.of("bf16 is not available on DJL 0.35.1's PyTorch engine: its JNI maps no bfloat16 type "
                    + "(NDArray.toType(BFLOAT16) aborts the JVM) and its casts are not recorded for autograd; "
                    + "use --engine mxnet for bf16, or fp32.");
        }
        if (!Engines.MXNET.equals(engineName)) {
            return Optional.of("bf16 is implemented for the MXNet engine only, not for " + engineName + ".");
        }
        if (cpuFlags.isEmpty()) {
            return Optional.of("bf16 needs a CPU with avx512_bf16 or amx_bf16 (see /proc/cpuinfo); this one has "
                    + "neither, use fp32.");
        }
        return Optional.empty();
    }
}
