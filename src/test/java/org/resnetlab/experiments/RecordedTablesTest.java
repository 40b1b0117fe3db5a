package org.resnetlab.experiments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordedTablesTest {

    @Test
    void computesOnceThenReadsBack(@TempDir Path dir) {
        Path csv = dir.resolve("a/b/lesion.csv");
        AtomicInteger computed = new AtomicInteger();
        java.util.function.Supplier<Table> compute = () -> {
            computed.incrementAndGet();
            return Table.create("x", StringColumn.create("unit", "none", "unit 1"),
                    DoubleColumn.create("test error %", 12.5, 40.25), DoubleColumn.create("share", 1.0, Double.NaN));
        };
        Table first = RecordedTables.readOrCompute(csv, "lesion", compute);
        Table second = RecordedTables.readOrCompute(csv, "lesion", compute);
        assertEquals(1, computed.get());
        assertTrue(csv.toFile().isFile());
        assertEquals("lesion", second.name());
        assertEquals(first.stringColumn("unit").asList(), second.stringColumn("unit").asList());
        assertEquals(40.25, second.doubleColumn("test error %").get(1), 0.0);
        // a double column whose only value is whole ("1.0") stays a double column
        assertEquals(1.0, second.doubleColumn("share").get(0), 0.0);
    }
}
