package org.resnetlab.view;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ViewsTest {

    private static Table curves() {
        return Table.create("curves",
                StringColumn.create("run", "a", "a", "a", "b", "b", "b"),
                IntColumn.create("iteration", 0, 100, 200, 0, 100, 200),
                DoubleColumn.create("train_error", 0.9, 0.5, 0.3, 0.9, 0.7, 0.6));
    }

    @Test
    void tableBecomesEscapedHtmlWithEveryRow() {
        Table t = curves();
        t.stringColumn("run").set(0, "<plain & deep>");
        String html = Tables.html(t);
        assertTrue(html.contains("<table"), html);
        assertTrue(html.contains("&lt;plain &amp; deep&gt;"), html);
        assertFalse(html.contains("<plain"), html);
        assertFalse(html.contains("<script"), html);
        assertEquals(t.rowCount(), html.split("<tr").length - 2, "one <tr> per row plus the header row");
        assertTrue(html.startsWith("<p><b>curves</b></p>"), html);
    }

    @Test
    void chartIsAPngWithOneSeriesPerGroup(@TempDir Path dir) throws Exception {
        XYChart chart = RunCharts.byGroup(curves(), "run", "iteration", "training error", "train_error", "%");
        assertEquals(2, chart.getSeriesMap().size());
        assertTrue(chart.getSeriesMap().containsKey("a") && chart.getSeriesMap().containsKey("b"), chart.getSeriesMap().keySet().toString());

        BufferedImage image = Charts.png(chart);
        assertEquals(RunCharts.WIDTH, image.getWidth());
        assertEquals(Charts.HEIGHT, image.getHeight());
        assertTrue(distinctColours(image) > 5, "a drawn chart, not a blank image");

        Path file = Charts.save(chart, dir.resolve("sub/curves.png"));
        assertTrue(Files.size(file) > 1000);
        assertEquals(RunCharts.WIDTH, ImageIO.read(file.toFile()).getWidth());
    }

    private static long distinctColours(BufferedImage image) {
        return java.util.stream.IntStream.range(0, image.getWidth() * image.getHeight())
                .map(i -> image.getRGB(i % image.getWidth(), i / image.getWidth())).distinct().count();
    }
}
