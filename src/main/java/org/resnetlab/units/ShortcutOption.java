package org.resnetlab.units;

/** Where the width grows: option A (identity + zero padding, [1] §4.2) or option B (1×1 projection). */
public enum ShortcutOption {
    A, B;

    /** The papers' choice for a body: A for [1]'s basic CIFAR nets, B for [2]'s bottleneck nets (164, 1001). */
    public static ShortcutOption paper(Body body) {
        return body == Body.BOTTLENECK ? B : A;
    }
}
