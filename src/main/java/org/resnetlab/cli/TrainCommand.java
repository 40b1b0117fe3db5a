package org.resnetlab.cli;

import org.resnetlab.units.ShortcutOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.resnetlab.data.Datasets;
import org.resnetlab.models.Depths;
import org.resnetlab.models.ModelSpec;
import org.resnetlab.units.Body;
import org.resnetlab.train.Precision;
import org.resnetlab.train.RunConfig;
import org.resnetlab.train.TrainingRun;
import org.resnetlab.units.ResidualUnits;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code resnetlab train --dataset cifar10 --depth 20 --unit original --scale 0.05 --out data/results/x/r20}:
 * one recorded run; the same command again resumes it or reports it complete.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train one network with the paper's protocol, recording metrics.csv, run.json and checkpoints in --out; "
                + "running it again with the same --out resumes (or reports the run complete).")
public final class TrainCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dataset", required = true, description = "cifar10|cifar100|fashion-mnist|synthetic")
    String dataset;

    @Option(names = "--depth", required = true, description = "weighted layers: 6n+2 (basic) or 9n+2 (bottleneck)")
    int depth;

    @Option(names = "--unit", required = true, description = "residual unit: " + "original, bn-after-addition, "
            + "relu-before-addition, relu-only-preact, full-preact, constant-scaling[:S[/R]], exclusive-gating[:B], "
            + "shortcut-only-gating[:B], conv-shortcut, dropout-shortcut[:P], plain")
    String unit;

    @Option(names = "--body", description = "basic|bottleneck (required for depth 164)")
    String body;

    @Option(names = "--width", defaultValue = "1", description = "width multiplier k: stages of 16k/32k/64k channels "
            + "(default: ${DEFAULT-VALUE}, the papers'; e.g. 0.25 for a narrow net at the paper's depth)")
    double width;

    @Option(names = "--seed", defaultValue = "0", description = "seeds initialisation, data order and augmentation (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--precision", defaultValue = "fp32", description = "fp32 (default), bf16 or fp16: convolutions and the "
            + "classifier in bfloat16 (MXNet engine, CPU with avx512_bf16 or amx_bf16) or float16 with dynamic loss "
            + "scaling (MXNet engine, one CUDA GPU; untested: no GPU was reachable), batch norm, loss, optimizer and "
            + "master weights in float32; recorded in run.json, a resume must use the same")
    String precision;

    @Option(names = "--out", required = true, description = "the run's folder (metrics.csv, run.json, checkpoint/)")
    Path out;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() {
        RunConfig config = config();   // a refusal is one sentence, exit 2 (Main's handler)
        if (config.protocol().warmupShortened()) {
            spec.commandLine().getOut().println("note: warm-up " + config.protocol().warmupRule());
        }
        TrainingRun.of(config).withListener(new ConsoleProgress(spec.commandLine().getOut(), out.toString())).run();
        return 0;
    }

    RunConfig config() {
        return options.apply(RunConfig.builder(dataset(dataset), modelSpec(dataset(dataset), depth, unit, body).withWidth(width), out))
                .seed(seed).precision(Precision.parse(precision, "--precision")).build();
    }

    static String dataset(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!Datasets.NAMES.contains(lower)) {
            throw new IllegalArgumentException("--dataset must be one of " + String.join("|", Datasets.NAMES) + ", got '" + name + "'");
        }
        return lower;
    }

    /** The network for a dataset: its classes and image shape; option A for basic bodies, B for bottleneck. */
    static ModelSpec modelSpec(String dataset, int depth, String unit, String body) {
        ResidualUnits.of(unit);
        Body b = null;
        if (body != null) {
            try {
                b = Body.valueOf(body.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--body must be basic or bottleneck, got '" + body + "'");
            }
        }
        Body resolved = Depths.resolve(depth, b).body();
        Datasets.Shape shape = Datasets.shape(dataset);
        return new ModelSpec(depth, unit, resolved, shape.classes(), shape.channels(), shape.size(),
                ShortcutOption.paper(resolved), false);
    }
}
