package org.resnetlab.probe;

import ai.djl.ndarray.NDArray;

/** Scalar summaries of arrays, closing their temporaries. */
final class Norms {
    private Norms() {}

    /** ‖a‖₂ over all elements (batch included). */
    static double l2(NDArray a) {
        try (NDArray sq = a.square(); NDArray sum = sq.sum()) {
            return Math.sqrt(sum.getFloat());
        }
    }

    /** max |a − b|. */
    static double maxAbsDifference(NDArray a, NDArray b) {
        try (NDArray d = a.sub(b); NDArray abs = d.abs(); NDArray max = abs.max()) {
            return max.getFloat();
        }
    }

    /** max |a|. */
    static double maxAbs(NDArray a) {
        try (NDArray abs = a.abs(); NDArray max = abs.max()) {
            return max.getFloat();
        }
    }

    /** ‖a − b‖₂. */
    static double l2Difference(NDArray a, NDArray b) {
        try (NDArray d = a.sub(b)) {
            return l2(d);
        }
    }
}
