package org.resnetlab.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.resnetlab.units.Body;
import org.resnetlab.units.FullPreActivation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelsTest {

    @ParameterizedTest(name = "depth {0} {1} {2}: {3} units")
    @CsvSource({"8, BASIC, original, 3", "20, BASIC, full-preact, 9", "11, BOTTLENECK, full-preact, 3",
            "20, BOTTLENECK, original, 6", "8, BASIC, plain, 3", "8, BASIC, exclusive-gating, 3"})
    void logitsShapeAndUnitCount(int depth, Body body, String unit, int units) {
        ModelSpec spec = ModelSpec.cifar(depth, unit).withBody(body).withInput(3, 16).withClasses(100);
        CifarResNet net = Models.network(spec);
        assertEquals(units, net.units().size());
        try (NDManager manager = NDManager.newBaseManager()) {
            net.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 16, 16));
            NDArray logits = Forward.run(net, manager.randomNormal(new Shape(2, 3, 16, 16)), false);
            assertEquals(new Shape(2, 100), logits.getShape());
            assertEquals(new Shape(2, 100), net.getOutputShapes(new Shape[] {new Shape(2, 3, 16, 16)})[0]);
            assertEquals(Models.trainableParameters(net), net.cost(new Shape(1, 3, 16, 16)).parameters());
        }
    }

    @Test
    void fashionMnistNet() {
        ModelSpec spec = ModelSpec.fashionMnist(8, "full-preact");
        Block net = Models.build(spec);
        try (NDManager manager = NDManager.newBaseManager()) {
            net.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 28, 28));
            assertEquals(new Shape(2, 10), Forward.run(net, manager.randomNormal(new Shape(2, 1, 28, 28)), true).getShape());
            CifarResNet resnet = (CifarResNet) net;
            assertEquals(new Shape(1, 64, 7, 7), resnet.unitInputShapes(new Shape(1, 1, 28, 28)).get(3));
        }
    }

    @Test
    void preActivationNetsMoveTheFirstActivationAndAddALastOne() {
        CifarResNet net = Models.network(ModelSpec.cifar(20, "full-preact"));
        var first = (FullPreActivation) net.units().get(0);
        assertTrue(first.config().inputPreActivated());
        assertEquals(1, first.branchBatchNorms().size(), "first unit's BN-ReLU is the stem's");
        assertEquals(2, net.units().get(1).branchBatchNorms().size());
        // the head: BN, ReLU, pooling, FC
        assertEquals(4, net.head().getChildren().size());
        assertEquals(2, Models.network(ModelSpec.cifar(20, "original")).head().getChildren().size());
        // BN before the convs: the first unit drops one BN(16), stage-first units read 16/32 instead of 32/64
        // channels (−32 −32 −64) and the final BN(64) adds 128: the same count as the original net
        assertEquals(Models.cost(ModelSpec.cifar(20, "original")).parameters(),
                Models.cost(ModelSpec.cifar(20, "full-preact")).parameters());
    }

    @ParameterizedTest
    @ValueSource(ints = {21, 100, 7, 0, -4})
    void depthThatFitsNeitherForm(int depth) {
        var e = assertThrows(IllegalArgumentException.class, () -> Models.build(ModelSpec.cifar(depth, "original")));
        assertTrue(e.getMessage().contains("depth"), e.getMessage());
    }

    @Test
    void depthMessagesNameTheForms() {
        var neither = assertThrows(IllegalArgumentException.class, () -> Models.build(ModelSpec.cifar(100, "original")));
        assertTrue(neither.getMessage().contains("6n+2") && neither.getMessage().contains("9n+2"), neither.getMessage());
        var notBasic = assertThrows(IllegalArgumentException.class,
                () -> Models.build(ModelSpec.cifar(1001, "original").withBody(Body.BASIC)));
        assertTrue(notBasic.getMessage().contains("6n+2"), notBasic.getMessage());
        var notBottleneck = assertThrows(IllegalArgumentException.class,
                () -> Models.build(ModelSpec.cifar(32, "original").withBody(Body.BOTTLENECK)));
        assertTrue(notBottleneck.getMessage().contains("9n+2"), notBottleneck.getMessage());
        var ambiguous = assertThrows(IllegalArgumentException.class, () -> Models.build(ModelSpec.cifar(164, "original")));
        assertTrue(ambiguous.getMessage().contains("--body"), ambiguous.getMessage());
    }

    @Test
    void bodyFollowsTheDepthWhenNotGiven() {
        assertEquals(Body.BASIC, Models.network(ModelSpec.cifar(110, "original")).layout().body());
        assertEquals(Body.BOTTLENECK, Models.network(ModelSpec.cifar(1001, "original")).layout().body());
        assertEquals(111, Models.network(ModelSpec.cifar(1001, "original")).layout().unitsPerStage());
        assertEquals(Body.BOTTLENECK, Models.network(ModelSpec.paper(164, "original")).layout().body());
    }

    @Test
    void unknownUnitIsABuildError() {
        var e = assertThrows(IllegalArgumentException.class, () -> Models.build(ModelSpec.cifar(20, "preact")));
        assertTrue(e.getMessage().contains("full-preact"), e.getMessage());
    }
}
