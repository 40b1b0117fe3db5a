package org.resnetlab.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Dynamic loss scaling for fp16 training, the rule of {@code torch.cuda.amp.GradScaler} with its defaults: the loss
 * is multiplied by {@link #scale()} before backward so small fp16 gradients do not flush to zero; the optimizer
 * divides the gradients by it again ({@link MomentumSgd#setGradientUnscale}). A step whose gradients hold an inf or
 * NaN is skipped (no update at all) and the scale halved; after {@code growthInterval} finite steps in a row it doubles. The state goes
 * into every checkpoint of an fp16 run, so a resumed run continues with the scale it had.
 */
public final class LossScaler {
    /** GradScaler's defaults: 2^16, ×2 after 2000 finite steps, ×½ on an overflow. */
    public static final float INITIAL_SCALE = 65536f;
    public static final int GROWTH_INTERVAL = 2000;

    private final int growthInterval;
    private float scale;
    private int finiteInARow;
    private long skipped;

    public LossScaler(float initialScale, int growthInterval) {
        if (!(initialScale > 0) || Float.isInfinite(initialScale) || growthInterval < 1) {
            throw new IllegalArgumentException("a loss scale must be positive and finite, its growth interval ≥ 1");
        }
        this.scale = initialScale;
        this.growthInterval = growthInterval;
    }

    /** GradScaler's defaults. */
    public static LossScaler dynamic() {
        return new LossScaler(INITIAL_SCALE, GROWTH_INTERVAL);
    }

    /** The factor the loss is multiplied by in this step. */
    public float scale() {
        return scale;
    }

    /** Steps skipped so far because their gradients overflowed. */
    public long skipped() {
        return skipped;
    }

    /** After a step: a finite one counts towards growth, an overflow halves the scale (the step was skipped). */
    public void update(boolean finite) {
        if (finite) {
            if (++finiteInARow >= growthInterval) {
                float grown = scale * 2;
                scale = Float.isInfinite(grown) ? scale : grown;
                finiteInARow = 0;
            }
        } else {
            scale = Math.max(scale / 2, Float.MIN_NORMAL);
            finiteInARow = 0;
            skipped++;
        }
    }

    void save(DataOutputStream out) throws IOException {
        out.writeFloat(scale);
        out.writeInt(finiteInARow);
        out.writeLong(skipped);
    }

    void load(DataInputStream in) throws IOException {
        scale = in.readFloat();
        finiteInARow = in.readInt();
        skipped = in.readLong();
    }
}
