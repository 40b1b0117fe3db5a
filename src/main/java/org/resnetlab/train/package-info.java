/**
 * One recorded, resumable run: the protocol (lr schedule, absolute warm-up), momentum SGD with savable state, the runner, run.json and metrics.csv (RunRecord is their only reader and writer), checkpoints with checksums, the run-folder lock, the project root (ProjectPaths), run-folder names (RunFolders) and grids.
 */
package org.resnetlab.train;
