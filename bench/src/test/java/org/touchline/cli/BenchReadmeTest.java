package org.touchline.cli;

/**
 * The documents' shell blocks ({@link ReadmeTest}) with the bench commands on the class path, as {@code ./touchline}
 * has them (it runs the tools jar for those): the lines the cli's run leaves out run here.
 */
class BenchReadmeTest extends ReadmeTest {
}
