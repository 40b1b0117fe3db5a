package org.resnetlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Headers that lie about sizes are refused by caps from the datasets' known shapes, before anything is allocated:
 * no NegativeArraySizeException, no OutOfMemoryError, no gigabyte read before "ends early".
 */
class HostileHeadersTest {
    @TempDir
    Path dir;

    private void fashion(byte[] trainLabels, byte[] trainImages) throws IOException {
        Files.write(dir.resolve("train-labels-idx1-ubyte"), trainLabels);
        Files.write(dir.resolve("train-images-idx3-ubyte"), trainImages);
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), Fixtures.idxLabels(3));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), Fixtures.idxImages(3, 28));
    }

    /** A valid IDX file with its count field (bytes 4..7) replaced. */
    private static byte[] withCount(byte[] idx, int count) {
        byte[] copy = idx.clone();
        ByteBuffer.wrap(copy).putInt(4, count);
        return copy;
    }

    @Test
    void fashionMnistCountsOutsideTheOfficialSplitAreRefusedBeforeAllocating() throws IOException {
        for (int count : new int[] {-1, 0x7fffffff, 400_000_000, FashionMnist.TRAIN_IMAGES + 1}) {
            fashion(withCount(Fixtures.idxLabels(5), count), Fixtures.idxImages(5, 28));
            DataException labels = assertThrows(DataException.class, () -> FashionMnist.load(dir), "count " + count);
            assertEquals("Fashion-MNIST labels file " + dir.resolve("train-labels-idx1-ubyte") + " claims "
                    + Integer.toUnsignedString(count) + " labels in its header, outside 0..60000 of the official "
                    + "Fashion-MNIST train set; replace it with the official file.", labels.getMessage());
            fashion(Fixtures.idxLabels(5), withCount(Fixtures.idxImages(5, 28), count));
            DataException images = assertThrows(DataException.class, () -> FashionMnist.load(dir), "count " + count);
            assertTrue(images.getMessage().contains("images-idx3-ubyte claims " + Integer.toUnsignedString(count)),
                    images.getMessage());
        }
        fashion(Fixtures.idxLabels(5), Fixtures.idxImages(5, 28));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), withCount(Fixtures.idxLabels(3), FashionMnist.TEST_IMAGES + 1));
        DataException test = assertThrows(DataException.class, () -> FashionMnist.load(dir));
        assertTrue(test.getMessage().contains("outside 0..10000 of the official Fashion-MNIST test set"), test.getMessage());
    }

    @Test
    void aTarMemberClaimingGigabytesIsRefusedBeforeItIsRead() throws IOException {
        // a header claiming 2.2 GB followed by little data (the real attack is a small gzip inflating to gigabytes)
        TarArchiveEntry entry = new TarArchiveEntry(Cifar.CIFAR10.folderName + "/data_batch_1.bin");
        entry.setSize(2_200_000_000L);
        byte[] header = new byte[512];
        entry.writeEntryHeader(header);
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tar.write(header);
        tar.write(new byte[1 << 16]);
        Path archive = Files.write(dir.resolve("cifar-10-binary.tar.gz"), Fixtures.gzip(tar.toByteArray()));
        DataException e = assertThrows(DataException.class, () -> Cifar.CIFAR10.load(archive));
        assertEquals("Archive " + archive + " was refused because its member cifar-10-batches-bin/data_batch_1.bin claims "
                + "2200000000 bytes, more than the 30730000 of the official file; use the official cifar-10-binary.tar.gz.",
                e.getMessage());
    }

    @Test
    void aBatchFileLargerThanTheOfficialOneIsRefusedBeforeItIsRead() throws IOException {
        Map<String, byte[]> files = Fixtures.cifarFiles(Cifar.CIFAR10, 2);
        Fixtures.writeFolder(dir, files);
        Path big = dir.resolve(Cifar.CIFAR10.folderName).resolve("data_batch_2.bin");
        try (RandomAccessFile sparse = new RandomAccessFile(big.toFile(), "rw")) {
            sparse.setLength(Cifar.CIFAR10.maxBytes("data_batch_2.bin") + Cifar.CIFAR10.recordBytes());
        }
        DataException e = assertThrows(DataException.class, () -> Cifar.CIFAR10.load(dir));
        assertTrue(e.getMessage().startsWith("CIFAR-10 file " + big + " holds 30733073 bytes, more than the 30730000"),
                e.getMessage());
        assertEquals(50_000L * 3074, Cifar.CIFAR100.maxBytes("train.bin"));
        assertEquals(10_000L * 3074, Cifar.CIFAR100.maxBytes("test.bin"));
    }

    @Test
    void aTruncatedArchiveSaysWhyNotNull() throws IOException {
        byte[] whole = Files.readAllBytes(Fixtures.tarGz(dir.resolve("whole.tar.gz"), Fixtures.cifarFiles(Cifar.CIFAR10, 3)));
        Path archive = Files.write(dir.resolve("cifar-10-binary.tar.gz"), Arrays.copyOf(whole, whole.length / 2));
        DataException e = assertThrows(DataException.class, () -> Cifar.CIFAR10.load(archive));
        assertFalse(e.getMessage().contains("null"), e.getMessage());
        assertTrue(e.getMessage().startsWith("Archive " + archive + " is truncated or corrupt ("), e.getMessage());
    }

    @Test
    void aWrongArchiveInTheUsersFolderIsNotPromisedADownload() throws IOException {
        Path mine = dir.resolve("mine");
        Fixtures.tarGz(Files.createDirectories(mine).resolve("cifar-10-binary.tar.gz"), Fixtures.cifarFiles(Cifar.CIFAR10, 2));
        DataException e = assertThrows(DataException.class, () -> Cifar.CIFAR10.load(mine));
        assertFalse(e.getMessage().contains("downloaded again"), e.getMessage());
        assertTrue(e.getMessage().endsWith("so it is not the official cifar-10-binary.tar.gz; replace it with the official file."),
                e.getMessage());
    }
}
