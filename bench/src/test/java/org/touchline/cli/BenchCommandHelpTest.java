package org.touchline.cli;

/**
 * The help, descriptions and examples every command must have ({@link CommandHelpTest}), over the tree with the bench
 * commands in it: this module on the class path adds them, as in the tools jar. The tests over the whole tree (every
 * option described, whole sentences in the list) run again here; those command by command cover the bench commands.
 */
class BenchCommandHelpTest extends CommandHelpTest {
    /** The other commands' help is checked one by one in module cli, over the same classes. */
    @Override
    boolean checks(String qualifiedName) {
        return qualifiedName.startsWith("touchline bench");
    }
}
