package org.resnetlab.engine;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnginesTest {

    @Test
    void flagsMapToDjlNames() {
        assertEquals("MXNet", Engines.djlName("mxnet", "--engine"));
        assertEquals("PyTorch", Engines.djlName("PyTorch", "--engine"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Engines.djlName("tf", "--engine"));
        assertEquals("--engine must be mxnet or pytorch, got 'tf'", e.getMessage());
    }

    @Test
    void theShellCopyInJavaEnvMapsTheSameNames() throws Exception {
        String env = Files.readString(Path.of("bin/java-env"));
        for (String name : new String[] {"mxnet", "pytorch"}) {
            String djl = Engines.djlName(name, "--engine");
            assertTrue(env.contains(name + "|" + djl + ") export DJL_DEFAULT_ENGINE=\"${DJL_DEFAULT_ENGINE:-" + djl + "}\""),
                    "bin/java-env maps RESNETLAB_ENGINE=" + name + " to " + djl);
        }
        assertTrue(env.contains("org.resnetlab.engine.Engines"), "bin/java-env names the Java owner");
    }
}
