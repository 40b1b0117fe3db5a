package org.resnetlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarTest {
    @TempDir
    Path dir;

    private static void assertDecoded(DataSplits splits, Cifar which, int records) {
        assertEquals(records * which.trainFiles.size(), splits.train().size());
        assertEquals(records, splits.test().size());
        assertEquals(which.classes, splits.train().classes());
        // second record of the last training file: label and first/last pixels land where the format says
        int file = which.trainFiles.size() - 1;
        int index = file * records + 1;
        assertEquals((1 + file) % which.classes, splits.train().labels()[index]);
        byte[] pixels = splits.train().pixels();
        assertEquals(Fixtures.pixel(file, 1, 0), pixels[index * Cifar.IMAGE_BYTES]);
        assertEquals(Fixtures.pixel(file, 1, Cifar.IMAGE_BYTES - 1), pixels[(index + 1) * Cifar.IMAGE_BYTES - 1]);
        int testFileIndex = which.trainFiles.size();
        assertEquals(Fixtures.pixel(testFileIndex, 2, 5), splits.test().pixels()[2 * Cifar.IMAGE_BYTES + 5]);
    }

    @Test
    void readsTheOfficialArchiveFolderAndParentFolder() throws IOException {
        Map<String, byte[]> files = Fixtures.cifarFiles(Cifar.CIFAR10, 4);
        Path archive = Fixtures.tarGz(dir.resolve("cifar-10-binary.tar.gz"), files);
        assertDecoded(Cifar.CIFAR10.load(archive), Cifar.CIFAR10, 4);
        Fixtures.writeFolder(dir.resolve("mine"), files);
        assertDecoded(Cifar.CIFAR10.load(dir.resolve("mine")), Cifar.CIFAR10, 4);
        assertDecoded(Cifar.CIFAR10.load(dir.resolve("mine").resolve(Cifar.CIFAR10.folderName)), Cifar.CIFAR10, 4);
    }

    @Test
    void cifar100UsesTheFineLabel() throws IOException {
        Map<String, byte[]> files = Fixtures.cifarFiles(Cifar.CIFAR100, 120);
        DataSplits splits = Cifar.CIFAR100.load(Fixtures.tarGz(dir.resolve("c100.tar.gz"), files));
        assertDecoded(splits, Cifar.CIFAR100, 120);
        assertEquals(99, Arrays.stream(splits.train().labels()).max().getAsInt());
    }

    @Test
    void truncatedBatchFileIsNamed() throws IOException {
        Map<String, byte[]> files = Fixtures.cifarFiles(Cifar.CIFAR10, 3);
        String name = Cifar.CIFAR10.folderName + "/data_batch_3.bin";
        files.put(name, Arrays.copyOf(files.get(name), 3 * Cifar.CIFAR10.recordBytes() - 100));
        Fixtures.writeFolder(dir, files);
        DataException e = assertThrows(DataException.class, () -> Cifar.CIFAR10.load(dir));
        assertTrue(e.getMessage().contains("data_batch_3.bin") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void corruptArchiveIsNamed() throws IOException {
        Path archive = Fixtures.tarGz(dir.resolve("cifar-10-binary.tar.gz"), Fixtures.cifarFiles(Cifar.CIFAR10, 3));
        byte[] bytes = Files.readAllBytes(archive);
        Files.write(archive, Arrays.copyOf(bytes, bytes.length / 2));
        DataException e = assertThrows(DataException.class, () -> Cifar.CIFAR10.load(archive));
        assertTrue(e.getMessage().contains(archive.toString()) && e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void corruptLabelIsNamed() throws IOException {
        Map<String, byte[]> files = Fixtures.cifarFiles(Cifar.CIFAR10, 3);
        files.get(Cifar.CIFAR10.folderName + "/test_batch.bin")[Cifar.CIFAR10.recordBytes()] = (byte) 77;
        Fixtures.writeFolder(dir, files);
        DataException e = assertThrows(DataException.class, () -> Cifar.CIFAR10.load(dir));
        assertTrue(e.getMessage().contains("test_batch.bin") && e.getMessage().contains("label 77"), e.getMessage());
    }

    @Test
    void wrongPathIsNamedAndNothingIsDownloaded() {
        Path missing = dir.resolve("nowhere");
        DataException e = assertThrows(DataException.class, () -> Cifar.CIFAR10.load(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertFalse(Files.exists(missing));
    }

    @Test
    void archiveOrFolderOfTheOtherDatasetIsRecognised() throws IOException {
        Path archive = Fixtures.tarGz(dir.resolve("c100.tar.gz"), Fixtures.cifarFiles(Cifar.CIFAR100, 2));
        DataException e = assertThrows(DataException.class, () -> Cifar.CIFAR10.load(archive));
        assertTrue(e.getMessage().contains("CIFAR-100, not CIFAR-10"), e.getMessage());
        Fixtures.writeFolder(dir.resolve("f"), Fixtures.cifarFiles(Cifar.CIFAR10, 2));
        e = assertThrows(DataException.class, () -> Cifar.CIFAR100.load(dir.resolve("f")));
        assertTrue(e.getMessage().contains("CIFAR-10, not CIFAR-100"), e.getMessage());
    }

    @Test
    void cachedArchiveWithWrongChecksumIsNeverUsed() throws IOException {
        Fixtures.tarGz(dir.resolve(Cifar.CIFAR10.archiveName), Fixtures.cifarFiles(Cifar.CIFAR10, 2));
        DataException e = assertThrows(DataException.class, () -> Cifar.CIFAR10.loadOrDownload(dir));
        assertTrue(e.getMessage().contains(Cifar.CIFAR10.archiveName) && e.getMessage().contains(Cifar.CIFAR10.md5),
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("unpacked-cifar10")));
    }

    @Test
    void verifiedCachedArchiveIsUnpackedOnceAndThenReadFromTheFolder() throws IOException {
        Path archive = Fixtures.tarGz(dir.resolve(Cifar.CIFAR10.archiveName), Fixtures.cifarFiles(Cifar.CIFAR10, 3));
        Fixtures.writeFolder(dir.resolve("unpacked-cifar100"), Fixtures.cifarFiles(Cifar.CIFAR100, 2)); // one cache, both datasets
        String md5 = Downloads.md5(archive);
        assertDecoded(Cifar.CIFAR10.loadFromCache(dir, md5), Cifar.CIFAR10, 3);
        assertTrue(Files.isRegularFile(dir.resolve("unpacked-cifar10").resolve(Cifar.CIFAR10.folderName).resolve("test_batch.bin")));
        Files.delete(archive);
        assertDecoded(Cifar.CIFAR10.loadFromCache(dir, md5), Cifar.CIFAR10, 3);
    }

    @Test
    void unpackingKeepsTheOfficialLayout() throws IOException {
        Path archive = Fixtures.tarGz(dir.resolve("a.tar.gz"), Fixtures.cifarFiles(Cifar.CIFAR10, 2));
        Path target = dir.resolve("out");
        Archives.untar(archive, target);
        byte[] expected = Fixtures.cifarBatch(Cifar.CIFAR10, 5, 2);
        assertArrayEquals(expected, Files.readAllBytes(target.resolve(Cifar.CIFAR10.folderName).resolve("test_batch.bin")));
    }
}
