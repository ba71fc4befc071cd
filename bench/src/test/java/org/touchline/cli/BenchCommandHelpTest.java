package org.touchline.cli;

/**
 * The help, descriptions and examples every command must have ({@link CommandHelpTest}), over the tree with the bench
 * commands in it: this module on the class path adds them, as in the tools jar.
 */
class BenchCommandHelpTest extends CommandHelpTest {
}
