package org.resnetlab;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabTest {

    @Test
    void quickModeIsReadFromTheVariable() {
        assertTrue(Lab.isQuick("1"));
        assertTrue(Lab.isQuick(" TRUE "));
        assertTrue(Lab.isQuick("yes"));
        assertFalse(Lab.isQuick(null));
        assertFalse(Lab.isQuick("0"));
        assertFalse(Lab.isQuick(""));
    }

    @Test
    void nvidiaSmiLinesAreParsed() {
        List<Lab.Gpu> gpus = Lab.Gpu.parse(List.of("NVIDIA H100 80GB HBM3, 9.0", "Tesla V100-SXM2-16GB, 7.0", "Old card, [N/A]", ""));
        assertEquals(List.of(new Lab.Gpu("NVIDIA H100 80GB HBM3", 9.0), new Lab.Gpu("Tesla V100-SXM2-16GB", 7.0)), gpus);
    }

    @Test
    void noWarningWithoutGpuOrWhenTheEngineUsesEveryGpu() {
        assertTrue(Lab.gpuWarning(List.of(), "MXNet", 0).isEmpty());
        assertTrue(Lab.gpuWarning(List.of(new Lab.Gpu("V100", 7.0)), "MXNet", 1).isEmpty());
    }

    @Test
    void mxnetOnANewerGpuIsNamedAsTheReason() {
        String w = Lab.gpuWarning(List.of(new Lab.Gpu("NVIDIA H100", 9.0)), "MXNet", 0).orElseThrow();
        assertTrue(w.contains("H100") && w.contains("5.0–8.6") && w.contains("PyTorch"), w);
    }

    @Test
    void mxnetCpuBuildOnASupportedGpuSaysSo() {
        String w = Lab.gpuWarning(List.of(new Lab.Gpu("Tesla T4", 7.5)), "MXNet", 0).orElseThrow();
        assertTrue(w.contains("CPU (mkl) build"), w);
    }

    @Test
    void pytorchCpuBuildOnAGpuMachineIsWarned() {
        String w = Lab.gpuWarning(List.of(new Lab.Gpu("NVIDIA H100", 9.0)), "PyTorch", 0).orElseThrow();
        assertTrue(w.contains("PyTorch engine sees 0 GPU"), w);
    }

    @Test
    void environmentNamesTheEngineInUse() {
        Lab lab = Lab.start();
        Map<String, String> env = lab.environment();
        Engine engine = Engine.getInstance();
        assertEquals(engine.getEngineName() + " " + engine.getVersion(), env.get("engine"));
        assertEquals(System.getProperty("ai.djl.default_engine", engine.getEngineName()), engine.getEngineName());
        assertTrue(lab.report().contains("engine:"), lab.report());
        assertEquals(Lab.isQuick(System.getenv(Lab.QUICK_VARIABLE)), lab.quick());
        assertEquals(lab.quick() ? "q" : "f", lab.choose("q", "f"));
    }

    @Test
    void theEngineComputesAMatrixProduct() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.create(new float[] {1, 2, 3, 4, 5, 6}, new ai.djl.ndarray.types.Shape(2, 3));
            NDArray b = manager.create(new float[] {7, 8, 9, 10, 11, 12}, new ai.djl.ndarray.types.Shape(3, 2));
            // [[1*7+2*9+3*11, 1*8+2*10+3*12], [4*7+5*9+6*11, 4*8+5*10+6*12]]
            assertArrayEquals(new float[] {58, 64, 139, 154}, a.matMul(b).toFloatArray(), 0f);
        }
    }
}
