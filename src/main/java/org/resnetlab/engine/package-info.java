/**
 * The DJL engines the module runs on (Engines: their names and the one mapping from what a user types). The bottom
 * layer, so that units (channels-last on PyTorch, low-precision casts on MXNet) and everything above name an engine
 * the same way.
 */
package org.resnetlab.engine;
