package org.resnetlab.train;

import org.resnetlab.models.ModelSpec;
import org.resnetlab.units.Body;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The one naming scheme of run folders. A run's folder comes from its configuration only:
 * {@code <dataset>-w<width>-<iterations>it[-<precision>]/<depth>[-bottleneck]-<unit>/seed<k>}, e.g.
 * {@code fashion-mnist-w0.25-6000it/56-original/seed0} (what {@code Experiments} and the committed results use), so
 * equal configurations share a folder. bf16 runs get "-bf16" after the iterations: they never resume an fp32 folder.
 * A grid ({@link Grids}) keeps its older, flatter cell names {@code <grid>/<dataset>-<depth>-<body>-<unit>/seed<k>}
 * ({@link #gridCell}), built from the same unit and seed components.
 */
public final class RunFolders {
    private RunFolders() {}

    /** The folder of {@code run} under {@code results}. */
    public static Path of(Path results, RunConfig run) {
        ModelSpec m = run.model();
        return results.resolve(protocol(run)).resolve(net(m)).resolve(seed(run.seed()));
    }

    /** The protocol component: dataset, width, iterations and (when not fp32) precision. */
    static String protocol(RunConfig run) {
        return run.dataset() + "-w" + ModelSpec.widthLabel(run.model().width()) + "-" + run.protocol().iterations() + "it"
                + (run.precision() == Precision.FP32 ? "" : "-" + run.precision().label());
    }

    /** The network component: depth, "-bottleneck" for the bottleneck ResNet-164, the unit. */
    static String net(ModelSpec m) {
        return m.depth() + (m.body() == Body.BOTTLENECK && m.depth() == 164 ? "-bottleneck" : "") + "-" + unit(m.unit());
    }

    /** A grid cell's component: {@code <dataset>-<depth>-<body>-<unit>}, e.g. {@code cifar10-110-basic-original}. */
    public static String gridCell(String dataset, int depth, Body body, String unit) {
        return dataset + "-" + depth + "-" + body.name().toLowerCase(Locale.ROOT) + "-" + unit(unit);
    }

    /** A unit name as a path component: {@code constant-scaling:0.5/1} → {@code constant-scaling_0.5_1}. */
    static String unit(String unit) {
        return unit.replace(':', '_').replace('/', '_');
    }

    /** The seed component, {@code seed<k>}. */
    public static String seed(long seed) {
        return "seed" + seed;
    }
}
