package org.resnetlab.train;

import org.resnetlab.units.ShortcutOption;
import org.resnetlab.units.Body;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.resnetlab.data.Datasets;
import org.resnetlab.models.ModelSpec;

/**
 * The paper's experiment grids as lists of runs (variants × depths × seeds). Every run lives in
 * {@code <results>/<grid>/<dataset>-<depth>-<body>-<unit>/seed<S>/} ({@link RunFolders#gridCell}), named after the dataset it actually trains on
 * (a {@code --synthetic} grid's runs are in {@code synthetic-…} folders, never beside the CIFAR runs they stand in for).
 * {@code smoke} is not from the paper: two ResNet-8 cells to try the machinery (a cluster set-up) in seconds.
 */
public final class Grids {
    private Grids() {}

    public static final List<String> NAMES = List.of("table1", "table2", "table3", "degradation", "smoke");

    /** One cell of a grid before seeds: dataset, depth, body and unit. */
    public record Cell(String dataset, int depth, Body body, String unit) {
        public String folderName() {
            return RunFolders.gridCell(dataset, depth, body, unit);
        }
    }

    public static List<Cell> cells(String grid) {
        Body basic = Body.BASIC;
        Body bottleneck = Body.BOTTLENECK;
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
            case "smoke" -> {
                cells.add(new Cell("cifar10", 8, basic, "plain"));
                cells.add(new Cell("cifar10", 8, basic, "original"));
            }
            default -> throw new IllegalArgumentException("unknown grid '" + grid + "'; choose one of " + NAMES);
        }
        return cells;
    }

    /** The network of a cell for its dataset, with the paper's shortcut: A for basic bodies, B for bottleneck. */
    public static ModelSpec spec(Cell cell) {
        Datasets.Shape shape = Datasets.shape(cell.dataset());
        return new ModelSpec(cell.depth(), cell.unit(), cell.body(), shape.classes(), shape.channels(), shape.size(),
                ShortcutOption.paper(cell.body()), false);
    }

    /** The depths a grid has, in order of first appearance. */
    public static List<Integer> depths(String grid) {
        return cells(grid).stream().map(Cell::depth).distinct().toList();
    }

    /**
     * Every run of a grid: {@code template} supplies protocol, devices, engine, data folder; seeds 0..seeds−1. With the
     * synthetic dataset (one shape for every cell) cells that differ only in their dataset are one run, listed once.
     */
    public static List<RunConfig> runs(String grid, int seeds, RunConfig template, Path results) {
        Map<Path, RunConfig> runs = new LinkedHashMap<>();
        for (Cell paperCell : cells(grid)) {
            String dataset = template.dataset().equals("synthetic") ? "synthetic" : paperCell.dataset();
            Cell cell = new Cell(dataset, paperCell.depth(), paperCell.body(), paperCell.unit());
            ModelSpec spec = spec(cell);
            for (int seed = 0; seed < seeds; seed++) {
                Path out = results.resolve(grid).resolve(cell.folderName()).resolve(RunFolders.seed(seed));
                runs.putIfAbsent(out, template.toBuilder().dataset(dataset).model(spec).seed(seed).out(out).build());
            }
        }
        return new ArrayList<>(runs.values());
    }
}
