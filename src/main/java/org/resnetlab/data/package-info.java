/**
 * Datasets at the bottom layer: CIFAR-10/100 and Fashion-MNIST readers (size caps from the official shapes), the synthetic set, safe downloads and archives, normalisation and the paper's per-image augmentation, batches prepared ahead on a thread.
 */
package org.resnetlab.data;
