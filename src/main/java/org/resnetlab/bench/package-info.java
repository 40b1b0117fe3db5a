/**
 * The benchmark command's measurements (runner, bare block, pipeline, memory): what make bench drives and bench/report.py turns into RESULTS.md.
 */
package org.resnetlab.bench;
