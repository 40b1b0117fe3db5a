package org.resnetlab.models;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built networks train under DJL's own Trainer (the runner's path): a few SGD steps fit a tiny batch. */
class TrainerSmokeTest {

    @ParameterizedTest
    @ValueSource(strings = {"full-preact", "original", "exclusive-gating", "dropout-shortcut"})
    void sgdStepsReduceTheLoss(String unit) throws Exception {
        ModelSpec spec = ModelSpec.cifar(8, unit).withInput(3, 8);
        Block net = Models.build(spec);
        try (Model model = Model.newInstance("smoke")) {
            model.setBlock(net);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.05f)).optMomentum(0.9f).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(4, 3, 8, 8));
                NDManager m = trainer.getManager();
                m.getEngine().setRandomSeed(3);
                NDArray x = m.randomNormal(new Shape(4, 3, 8, 8));
                NDArray y = m.create(new float[] {0, 1, 2, 3});
                ArrayDataset data = new ArrayDataset.Builder().setData(x).optLabels(y).setSampling(4, false).build();
                float first = loss(net, x, y);
                for (int step = 0; step < 15; step++) {
                    for (Batch batch : trainer.iterateDataset(data)) {
                        EasyTrain.trainBatch(trainer, batch);
                        trainer.step();
                        batch.close();
                    }
                }
                float last = loss(net, x, y);
                assertTrue(Float.isFinite(last) && last < first, unit + ": loss " + first + " -> " + last);
            }
        }
    }

    private static float loss(Block net, NDArray x, NDArray y) {
        try (NDManager sub = x.getManager().newSubManager()) {
            NDArray own = x.duplicate();
            own.attach(sub);
            NDArray logits = Forward.run(net, own, false);
            return Loss.softmaxCrossEntropyLoss().evaluate(new NDList(y), new NDList(logits)).getFloat();
        }
    }
}
