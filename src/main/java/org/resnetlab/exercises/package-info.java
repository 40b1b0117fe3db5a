/**
 * The checkers of the notebooks' Exercises sections: right / not yet with a hint, computed from the units, the paper's numbers and the recorded runs; never the answer. Answers and Grading serve the course release and the batch grader.
 */
package org.resnetlab.exercises;
