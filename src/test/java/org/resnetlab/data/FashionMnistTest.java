package org.resnetlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {
    @TempDir
    Path dir;

    private void write(boolean gzip, int train, int test) throws IOException {
        put("train-images-idx3-ubyte", Fixtures.idxImages(train, 28), gzip);
        put("train-labels-idx1-ubyte", Fixtures.idxLabels(train), gzip);
        put("t10k-images-idx3-ubyte", Fixtures.idxImages(test, 28), gzip);
        put("t10k-labels-idx1-ubyte", Fixtures.idxLabels(test), gzip);
    }

    private void put(String name, byte[] bytes, boolean gzip) throws IOException {
        Files.write(dir.resolve(gzip ? name + ".gz" : name), gzip ? Fixtures.gzip(bytes) : bytes);
    }

    @Test
    void readsGzipAndRawIdx() throws IOException {
        write(true, 12, 5);
        DataSplits gz = FashionMnist.load(dir);
        assertEquals(12, gz.train().size());
        assertEquals(5, gz.test().size());
        assertEquals(1, gz.train().channels());
        assertEquals(28, gz.train().height());
        assertEquals(7, gz.train().labels()[7]);
        assertEquals((byte) (800 % 251), gz.train().pixels()[800]);
        Path other = dir.resolve("raw");
        Files.createDirectories(other);
        dir = other;
        write(false, 12, 5);
        DataSplits raw = FashionMnist.load(other);
        assertTrue(Arrays.equals(gz.train().pixels(), raw.train().pixels()));
    }

    @Test
    void wrongMagicNumberIsNamed() throws IOException {
        write(true, 4, 4);
        byte[] labelsAsImages = Fixtures.idxLabels(4);
        put("t10k-images-idx3-ubyte", labelsAsImages, true);
        DataException e = assertThrows(DataException.class, () -> FashionMnist.load(dir));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte.gz") && e.getMessage().contains("magic"), e.getMessage());
    }

    @Test
    void truncatedFileIsNamed() throws IOException {
        write(false, 6, 4);
        Path images = dir.resolve("train-images-idx3-ubyte");
        byte[] bytes = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(bytes, bytes.length - 300));
        DataException e = assertThrows(DataException.class, () -> FashionMnist.load(dir));
        assertTrue(e.getMessage().contains(images.toString()) && e.getMessage().contains("ends early"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() throws IOException {
        write(true, 4, 4);
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        DataException e = assertThrows(DataException.class, () -> FashionMnist.load(dir));
        assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte") && e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void debianPackageFiles() {
        Assumptions.assumeTrue(FashionMnist.isPresent(FashionMnist.DEBIAN_FOLDER),
                "Debian's dataset-fashion-mnist is not installed (apt-get install dataset-fashion-mnist); skipped");
        DataSplits splits = FashionMnist.load(FashionMnist.DEBIAN_FOLDER);
        assertEquals(60000, splits.train().size());
        assertEquals(10000, splits.test().size());
        int[] counts = new int[10];
        for (int label : splits.test().labels()) {
            counts[label]++;
        }
        assertTrue(Arrays.stream(counts).allMatch(c -> c == 1000), Arrays.toString(counts));
    }
}
