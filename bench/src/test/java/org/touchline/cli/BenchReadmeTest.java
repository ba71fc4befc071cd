package org.touchline.cli;

/**
 * The documents' shell blocks ({@link ReadmeTest}), run here where the bench commands are on the class path as
 * {@code ./touchline} has them (it runs the tools jar for those), so that every line runs and the demo starts once.
 */
class BenchReadmeTest extends ReadmeTest {
}
