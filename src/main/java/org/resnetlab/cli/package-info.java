/**
 * The picocli commands of bin/resnetlab (describe, train, grid, report, experiments, scorecard, bench): parse, validate, call the layers below, one sentence and an exit code per failure.
 */
package org.resnetlab.cli;
