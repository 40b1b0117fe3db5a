/**
 * The notebooks' experiments per mode and the evidence they give: the run list of each notebook (one folder per configuration, pooled seeds), the claims of [1] and [2], the decision rule and the fail rule, the scorecard, the pilot, paper-vs-ours tables (PaperComparison for a notebook's runs, Report for every run.json under folders; FailRule owns the median text and "fail") and training dynamics.
 */
package org.resnetlab.experiments;
