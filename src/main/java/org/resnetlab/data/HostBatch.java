package org.resnetlab.data;

/** A batch prepared in Java memory (NCHW floats and class labels), ready to become NDArrays on the training thread. */
public record HostBatch(int iteration, float[] images, float[] labels, int size, int channels, int height, int width) {}
