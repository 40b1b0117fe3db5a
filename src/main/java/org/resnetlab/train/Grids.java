package org.resnetlab.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.resnetlab.data.Datasets;
import org.resnetlab.models.ModelSpec;

/**
 * The paper's experiment grids as lists of runs (variants × depths × seeds). Every run lives in
 * {@code <results>/<grid>/<dataset>-<depth>-<body>-<unit>/seed<S>/}.
 */
public final class Grids {
    private Grids() {}

    public static final List<String> NAMES = List.of("table1", "table2", "table3", "degradation");

    /** One cell of a grid before seeds: dataset, depth, body and unit. */
    public record Cell(String dataset, int depth, ModelSpec.Body body, String unit) {
        public String folderName() {
            return dataset + "-" + depth + "-" + body.name().toLowerCase(Locale.ROOT) + "-"
                    + unit.replace(':', '_').replace('/', '_');
        }
    }

    public static List<Cell> cells(String grid) {
        ModelSpec.Body basic = ModelSpec.Body.BASIC;
        ModelSpec.Body bottleneck = ModelSpec.Body.BOTTLENECK;
        List<Cell> cells = new ArrayList<>();
        switch (grid) {
            case "table1" -> {
                for (String unit : List.of("original", "constant-scaling:0/1", "constant-scaling:0.5/1",
                        "constant-scaling:0.5/0.5", "exclusive-gating:0", "exclusive-gating:-6", "exclusive-gating:-7",
                        "shortcut-only-gating:0", "shortcut-only-gating:-6", "conv-shortcut", "dropout-shortcut:0.5")) {
                    cells.add(new Cell("cifar10", 110, basic, unit));
                }
            }
            case "table2" -> {
                for (String unit : List.of("original", "bn-after-addition", "relu-before-addition", "relu-only-preact",
                        "full-preact")) {
                    cells.add(new Cell("cifar10", 110, basic, unit));
                    cells.add(new Cell("cifar10", 164, bottleneck, unit));
                }
            }
            case "table3" -> {
                for (String unit : List.of("original", "full-preact")) {
                    cells.add(new Cell("cifar10", 110, basic, unit));
                    cells.add(new Cell("cifar10", 164, bottleneck, unit));
                    cells.add(new Cell("cifar10", 1001, bottleneck, unit));
                    cells.add(new Cell("cifar100", 164, bottleneck, unit));
                    cells.add(new Cell("cifar100", 1001, bottleneck, unit));
                }
            }
            case "degradation" -> {
                for (int depth : List.of(20, 56, 110)) {
                    cells.add(new Cell("cifar10", depth, basic, "plain"));
                    cells.add(new Cell("cifar10", depth, basic, "original"));
                }
            }
            default -> throw new IllegalArgumentException("unknown grid '" + grid + "'; choose one of " + NAMES);
        }
        return cells;
    }

    /** The network of a cell for its dataset, with the paper's shortcut: A for basic bodies, B for bottleneck. */
    public static ModelSpec spec(Cell cell) {
        Datasets.Shape shape = Datasets.shape(cell.dataset());
        return new ModelSpec(cell.depth(), cell.unit(), cell.body(), shape.classes(), shape.channels(), shape.size(),
                cell.body() == ModelSpec.Body.BOTTLENECK ? ModelSpec.ShortcutOption.B : ModelSpec.ShortcutOption.A, false);
    }

    /** Every run of a grid: {@code template} supplies protocol, devices, engine, data folder; seeds 0..seeds−1. */
    public static List<RunConfig> runs(String grid, int seeds, RunConfig template, Path results) {
        List<RunConfig> runs = new ArrayList<>();
        for (Cell cell : cells(grid)) {
            for (int seed = 0; seed < seeds; seed++) {
                String dataset = template.dataset().equals("synthetic") ? "synthetic" : cell.dataset();
                ModelSpec spec = spec(new Cell(dataset, cell.depth(), cell.body(), cell.unit()));
                runs.add(new RunConfig(dataset, template.dataDir(), spec, template.protocol(), seed, template.engine(),
                        template.devices(), template.evalEvery(), template.checkpointEvery(), template.testLimit(),
                        template.augment(), results.resolve(grid).resolve(cell.folderName()).resolve("seed" + seed)));
            }
        }
        return runs;
    }
}
