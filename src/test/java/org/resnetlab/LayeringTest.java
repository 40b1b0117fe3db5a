package org.resnetlab;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packages are layers a reader can draw, and nothing refers to a package above it (imports and qualified names
 * in code; comments do not count). Bottom to top: engine, data, units, format; models; train; probe; experiments; view;
 * exercises; bench; cli; the root package (Lab, what a notebook calls first).
 */
class LayeringTest {

    static final List<String> LAYERS = List.of("engine", "data", "units", "format", "models", "train", "probe", "experiments",
            "view", "exercises", "bench", "cli", "");

    private static final Pattern REFERENCE = Pattern.compile("org\\.resnetlab\\.(\\w+)");

    static int rank(String pkg) {
        int r = LAYERS.indexOf(pkg);
        return r < 0 ? LAYERS.size() - 1 : r; // a class of the root package (org.resnetlab.Lab)
    }

    /** Every reference from a main source file to a package above its own, as "file -> package". */
    static List<String> upwardReferences(Path sources) throws IOException {
        List<String> found = new ArrayList<>();
        Path root = sources.resolve("org/resnetlab");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path rel = root.relativize(file);
                String pkg = rel.getNameCount() > 1 ? rel.getName(0).toString() : "";
                String code = Files.readString(file).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
                Matcher m = REFERENCE.matcher(code);
                while (m.find()) {
                    String target = LAYERS.contains(m.group(1)) ? m.group(1) : "";
                    if (!target.equals(pkg) && rank(target) > rank(pkg)) {
                        found.add(rel + " -> " + (target.isEmpty() ? "org.resnetlab" : target));
                    }
                }
            }
        }
        return found;
    }

    @Test
    void noPackageReferencesAPackageAboveIt() throws IOException {
        assertEquals(List.of(), upwardReferences(Path.of("src/main/java")));
    }

    @Test
    void theCheckSeesAnUpwardImport(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = dir.resolve("org/resnetlab/units/Bad.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "package org.resnetlab.units;\n// org.resnetlab.cli in a comment is fine\n"
                + "import org.resnetlab.models.ModelSpec;\nclass Bad { Object x = org.resnetlab.Lab.class; }\n");
        assertEquals(List.of("units/Bad.java -> models", "units/Bad.java -> org.resnetlab"), upwardReferences(dir));
    }

    @Test
    void everyPackageSaysWhatItOwns() throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of("src/main/java/org/resnetlab"))) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                assertTrue(Files.isRegularFile(d.resolve("package-info.java")), d + " has no package-info.java");
                assertTrue(LAYERS.contains(d.getFileName().toString()), d + " is not in LAYERS");
            }
        }
    }
}
