package org.resnetlab.experiments;

import org.resnetlab.format.Significant;
import org.resnetlab.train.AtomicFiles;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Analysis tables recorded next to the runs they were computed from. Probes of trained networks need the runs'
 * checkpoints, which are not committed; their tables are, as CSV, so a notebook re-run on a fresh clone shows the
 * same numbers without retraining. A recorded table is read back; a missing one is computed and written. The
 * column types go in a sidecar file ({@code lesion.csv.types}, one type per line): inferred from the text, a
 * column of doubles that happen to be whole ("1.0") would come back as integers.
 */
public final class RecordedTables {
    private RecordedTables() {}

    /**
     * The table in {@code csv} if it exists, else {@code compute}'s result, written there first.
     *
     * @param name the table's name (CSV files do not keep it)
     */
    public static Table readOrCompute(Path csv, String name, Supplier<Table> compute) {
        try {
            Path types = csv.resolveSibling(csv.getFileName() + ".types");
            if (Files.isRegularFile(csv)) {
                CsvReadOptions.Builder options = CsvReadOptions.builder(csv.toFile()).tableName(name);
                if (Files.isRegularFile(types)) {
                    options.columnTypes(Files.readAllLines(types).stream().filter(line -> !line.isBlank())
                            .map(ColumnType::valueOf).toArray(ColumnType[]::new));
                }
                return Significant.digits(Table.read().usingOptions(options).setName(name), 3);
            }
            Table table = compute.get();
            Files.createDirectories(csv.toAbsolutePath().getParent());
            AtomicFiles.writeString(types, table.columns().stream().map(c -> c.type().name() + "\n")
                    .collect(java.util.stream.Collectors.joining()));
            // the CSV last: its presence means the table (and its types) are complete
            AtomicFiles.write(csv, out -> {
                table.write().csv(out);
                out.flush();
            });
            return Significant.digits(table.setName(name), 3);
        } catch (IOException e) {
            throw new UncheckedIOException("recorded table " + csv + ": " + e.getMessage(), e);
        }
    }
}
