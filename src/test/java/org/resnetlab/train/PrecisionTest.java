package org.resnetlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resnetlab.data.DataSplits;
import org.resnetlab.models.ModelSpec;
import org.resnetlab.units.Autocast;
import org.resnetlab.units.Layers;

/** --precision bf16: identity, refusals, convolutions really in bfloat16, and a short run ending near fp32. */
class PrecisionTest {

    @TempDir
    Path dir;

    @Test
    void fp32KeepsTheIdentityOfEveryCommittedRunAndBf16AddsAField() {
        RunConfig fp32 = RunConfig.of("synthetic", ModelSpec.cifar(20, "original"), dir);
        assertFalse(fp32.identity().containsKey("precision"), "an fp32 identity must stay as committed runs recorded it");
        assertEquals("fp32", fp32.toMap().get("precision"), "run.json records the precision");
        RunConfig bf16 = fp32.withPrecision(Precision.BF16);
        assertEquals("bf16", bf16.identity().get("precision"));
        assertEquals(Precision.BF16, bf16.withSeed(3).withOut(dir.resolve("x")).precision(), "with… methods keep it");
        assertEquals(Precision.FP32, RunConfig.builder("synthetic", ModelSpec.cifar(20, "original"), dir).build().precision());
        RunConfig cpu = org.resnetlab.experiments.Experiments.config(org.resnetlab.experiments.Experiments.Mode.CPU, 56,
                "original", 0, dir);
        assertFalse(cpu.out().toString().contains("bf16"), cpu.out().toString());
        assertTrue(org.resnetlab.experiments.Experiments.folder(dir, cpu.withPrecision(Precision.BF16)).toString()
                .contains("6000it-bf16"), "notebook bf16 runs get their own folders");
        assertEquals(Precision.BF16, Precision.parse(" BF16 ", "--precision"));
        assertEquals(Precision.FP32, Precision.parse(null, "--precision"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Precision.parse("fp8", "--precision"));
        assertEquals("--precision must be fp32, bf16 or fp16, got 'fp8'", bad.getMessage());
    }

    @Test
    void refusalsNameWhatIsMissing() throws Exception {
        Set<String> flags = Set.of("avx512_bf16");
        assertTrue(Precision.unsupported(Precision.FP32, "PyTorch", Set.of(), 1).isEmpty());
        assertTrue(Precision.unsupported(Precision.BF16, "MXNet", flags, 0).isEmpty());
        assertTrue(Precision.unsupported(Precision.BF16, "PyTorch", flags, 0).orElseThrow().contains("DJL 0.35.1's PyTorch engine"));
        assertTrue(Precision.unsupported(Precision.BF16, "MXNet", Set.of(), 0).orElseThrow().contains("avx512_bf16 or amx_bf16"));
        assertTrue(Precision.unsupported(Precision.BF16, "MXNet", flags, 1).orElseThrow().contains("CPU training only"));
        assertTrue(Precision.unsupported(Precision.FP16, "MXNet", flags, 0).orElseThrow().contains("CUDA GPUs"));
        assertTrue(Precision.unsupported(Precision.FP16, "PyTorch", Set.of(), 1).orElseThrow().contains("MXNet engine only"));
        assertTrue(Precision.unsupported(Precision.FP16, "MXNet", Set.of(), 1).isEmpty(), "fp16: MXNet on a GPU");
        assertTrue(Precision.unsupported(Precision.FP16, "MXNet", Set.of(), 2).orElseThrow().contains("one GPU"));
        assertTrue(Precision.FP16.lossScaled() && !Precision.BF16.lossScaled() && !Precision.FP32.lossScaled());
        assertEquals(Precision.FP16, Precision.parse("fp16", "--precision"));
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(cpuinfo, "processor\t: 0\nflags\t\t: fpu avx512f avx512_bf16 amx_tile amx_bf16\n");
        assertEquals(Set.of("avx512_bf16", "amx_bf16"), Precision.cpuFlags(cpuinfo));
        Files.writeString(cpuinfo, "flags\t\t: fpu avx2\n");
        assertEquals(Set.of(), Precision.cpuFlags(cpuinfo));
    }

    @Test
    void pytorchEngineRefusesBeforeWritingAnything() {
        assumeTrue(Engine.hasEngine("PyTorch"), "the PyTorch engine is not on the classpath (-Pboth adds it)");
        String message = refusal(dir.resolve("pt"), "PyTorch", Precision.BF16);
        assertTrue(message.contains("PyTorch"), message);
    }

    /** The sentence a tiny run in {@code precision} on {@code engine} is refused with; it must leave no folder. */
    private static String refusal(Path out, String engine, Precision precision) {
        RunConfig config = TinyNets.config(out, 4).withEngine(engine).withPrecision(precision);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingRun.of(config).withModelFactory(TinyNets::build).withData(TinyNets.data()).run());
        assertFalse(Files.exists(out), "a refused run leaves no folder");
        return e.getMessage();
    }

    @Test
    void fp16OnACpuIsRefusedBeforeWritingAnything() {
        assumeTrue(Engine.hasEngine("MXNet"), "the MXNet engine is not on the classpath");
        String message = refusal(dir.resolve("fp16"), "MXNet", Precision.FP16);
        assertTrue(message.startsWith("fp16 is for CUDA GPUs"), message);
    }

    private static void assumeBf16() {
        assumeTrue(Engine.hasEngine("MXNet"), "bf16 runs on the MXNet engine, which is not on the classpath");
        assumeTrue(!Precision.cpuFlags().isEmpty(), "this CPU has neither avx512_bf16 nor amx_bf16: bf16 is not checked here");
    }

    /** True when every value is a bfloat16 (the low 16 bits of its float32 pattern are zero). */
    private static boolean allBf16(float[] values) {
        for (float v : values) {
            if ((Float.floatToRawIntBits(v) & 0xFFFF) != 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void convolutionComputesInBf16InsideAScopeAndGradientsReachFloat32Weights() {
        assumeBf16();
        Engine engine = Engine.getEngine("MXNet");
        try (NDManager manager = engine.newBaseManager(Device.cpu())) {
            engine.setRandomSeed(5);
            Block conv = Layers.conv(3, 8, 1);
            Shape shape = new Shape(4, 3, 8, 8);
            conv.initialize(manager, DataType.FLOAT32, shape);
            NDArray x = manager.randomNormal(shape);
            ParameterStore store = new ParameterStore(manager, false);
            float[] fp32;
            float[] gradFp32;
            float[] bf16;
            float[] gradBf16;
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray y = conv.forward(store, new NDList(x), true).singletonOrThrow();
                fp32 = y.toFloatArray();
                collector.backward(y.square().sum());
            }
            NDArray weight = conv.getParameters().get("weight").getArray();
            gradFp32 = weight.getGradient().toFloatArray();
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray y;
                try (Autocast scope = Autocast.bf16("MXNet")) {
                    y = conv.forward(store, new NDList(x), true).singletonOrThrow();
                }
                assertEquals(DataType.FLOAT32, y.getDataType(), "the layer hands float32 on");
                bf16 = y.toFloatArray();
                collector.backward(y.square().sum());
            }
            assertEquals(DataType.FLOAT32, weight.getGradient().getDataType(), "master weights get float32 gradients");
            gradBf16 = weight.getGradient().toFloatArray();
            assertFalse(allBf16(fp32), "fp32 outputs are not all bfloat16 values (or the check below proves nothing)");
            assertTrue(allBf16(bf16), "inside the scope the convolution's output is a bfloat16 result");
            double scale = 0;
            double err = 0;
            for (int i = 0; i < fp32.length; i++) {
                scale = Math.max(scale, Math.abs(fp32[i]));
                err = Math.max(err, Math.abs(fp32[i] - bf16[i]));
            }
            assertTrue(err > 0 && err < 0.02 * scale, "bf16 output within 2% of fp32 (max error " + err + " of " + scale + ")");
            double gScale = 0;
            double gErr = 0;
            for (int i = 0; i < gradFp32.length; i++) {
                gScale = Math.max(gScale, Math.abs(gradFp32[i]));
                gErr = Math.max(gErr, Math.abs(gradFp32[i] - gradBf16[i]));
            }
            assertTrue(gErr < 0.03 * gScale, "bf16 weight gradient within 3% of fp32 (max error " + gErr + " of " + gScale + ")");
            assertFalse(Autocast.active(), "the scope is closed");
        }
    }

    private static RunResult train(Path out, long seed, Precision precision, DataSplits data) {
        ModelSpec spec = ModelSpec.cifar(8, "original").withInput(3, 16).withWidth(0.5);
        Protocol protocol = Protocol.paper().withBatchSize(32).withIterations(40);
        RunConfig config = RunConfig.of("synthetic", spec, out).withProtocol(protocol).withEvalEvery(20)
                .withEngine("MXNet").withSeed(seed).withPrecision(precision);
        return TrainingRun.of(config).withData(data).run();
    }

    @Test
    void aShortBf16RunEndsWithinTheSeedSpreadOfFp32AndResumeRefusesAPrecisionChange() {
        assumeBf16();
        DataSplits data = TinyNets.data();
        List<MetricRow> a = train(dir.resolve("fp32-s0"), 0, Precision.FP32, data).rows();
        List<MetricRow> b = train(dir.resolve("fp32-s1"), 1, Precision.FP32, data).rows();
        List<MetricRow> c = train(dir.resolve("bf16-s0"), 0, Precision.BF16, data).rows();
        double fp32 = a.get(a.size() - 1).trainLoss();
        double spread = Math.abs(fp32 - b.get(b.size() - 1).trainLoss());
        double bf16 = c.get(c.size() - 1).trainLoss();
        assertNotEquals(fp32, bf16, "a bf16 run that matches fp32 bit for bit did not compute in bf16");
        assertTrue(Math.abs(bf16 - fp32) <= Math.max(spread, 0.05),
                "bf16 final train loss " + bf16 + " vs fp32 " + fp32 + " (seed spread " + spread + ")");
        assertTrue(bf16 < c.get(0).trainLoss() || bf16 < Math.log(10), "bf16 trains (loss " + bf16 + ")");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> train(dir.resolve("bf16-s0"), 0, Precision.FP32, data));
        assertTrue(e.getMessage().contains("precision"), e.getMessage());
    }
}
