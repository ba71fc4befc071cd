package org.touchline.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The web console's scripts are native ES modules, a page's code split by page and panel around one shared helpers
 * module: no function is defined in two of them, every import names something its module exports, and every page
 * loads its own code as a module (the Content-Security-Policy allows only same-origin scripts, no inline ones).
 */
class WebModulesTest {

    // A function at the top level of a module: `function name(`, `async function name(`, `const name = (…) =>`,
    // `const name = async x =>`, `const name = function`, each possibly exported.
    private static final Pattern TOP_LEVEL_FUNCTION = Pattern.compile(
            "^(?:export\\s+)?(?:(?:async\\s+)?function\\*?\\s+([A-Za-z_$][\\w$]*)\\s*\\("
                    + "|(?:const|let)\\s+([A-Za-z_$][\\w$]*)\\s*=\\s*(?:async\\s*)?(?:function\\b|\\([^)]*\\)\\s*=>|[A-Za-z_$][\\w$]*\\s*=>))",
            Pattern.MULTILINE);
    private static final Pattern NAMED_IMPORT = Pattern.compile("^import\\s*\\{([^}]*)}\\s*from\\s*'([^']+)';", Pattern.MULTILINE);
    private static final Pattern EXPORT = Pattern.compile(
            "^export\\s+(?:async\\s+)?(?:function\\*?|const|let|class)\\s+([A-Za-z_$][\\w$]*)", Pattern.MULTILINE);
    private static final Pattern SCRIPT_TAG = Pattern.compile("<script\\b([^>]*)>");

    @Test
    void no_function_name_is_defined_in_two_web_modules() throws Exception {
        Map<String, List<String>> definedIn = new TreeMap<>();
        for (Path module : modules()) {
            for (String name : topLevelFunctions(read(module))) {
                definedIn.computeIfAbsent(name, k -> new ArrayList<>()).add(relative(module));
            }
        }
        definedIn.values().removeIf(where -> where.size() < 2);
        assertThat(definedIn).as("functions defined in more than one web module: move each to one module and import it").isEmpty();
    }

    @Test
    void the_scan_finds_top_level_functions_of_every_form_and_skips_nested_ones() {
        String module = """
                function plain(a) {}
                async function waits() {}
                export function shared(x) { function nested() {} }
                export const arrow = (a, b) => a + b;
                const single = x => x;
                const later = async (x) => x;
                const old = function () {};
                const value = 42;
                  function indented() {}
                """;
        assertThat(topLevelFunctions(module)).containsExactly("plain", "waits", "shared", "arrow", "single", "later", "old");
    }

    @Test
    void every_named_import_is_exported_by_the_module_it_names() throws Exception {
        List<String> missing = new ArrayList<>();
        for (Path module : modules()) {
            Matcher m = NAMED_IMPORT.matcher(read(module));
            while (m.find()) {
                Path from = module.resolveSibling(m.group(2)).normalize();
                if (!Files.isRegularFile(from)) {
                    missing.add(relative(module) + " imports from " + m.group(2) + ", which does not exist");
                    continue;
                }
                List<String> exported = EXPORT.matcher(read(from)).results().map(r -> r.group(1)).toList();
                for (String spec : m.group(1).split(",")) {
                    String name = spec.strip().split("\\s+as\\s+")[0];
                    if (!name.isEmpty() && !exported.contains(name)) missing.add(relative(module) + " imports " + name + " from " + m.group(2) + ", which does not export it");
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void every_page_loads_its_own_code_as_a_module_and_only_vendored_scripts_as_classic_ones() throws Exception {
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> pages = Files.list(web())) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher m = SCRIPT_TAG.matcher(read(page));
                int modules = 0;
                while (m.find()) {
                    String attrs = m.group(1);
                    if (!attrs.contains("src=")) wrong.add(page.getFileName() + ": an inline script, which the CSP refuses");
                    else if (attrs.contains("type=\"module\"")) modules++;
                    else if (!attrs.contains("src=\"/vendor/")) wrong.add(page.getFileName() + ": a classic script outside /vendor: <script" + attrs + ">");
                }
                if (modules != 1) wrong.add(page.getFileName() + ": " + modules + " module scripts, not one entry module");
            }
        }
        assertThat(wrong).isEmpty();
    }

    static List<String> topLevelFunctions(String module) {
        return TOP_LEVEL_FUNCTION.matcher(module).results().map(r -> r.group(1) != null ? r.group(1) : r.group(2)).toList();
    }

    private static Path web() throws URISyntaxException {
        return Path.of(WebModulesTest.class.getResource("/web/common.js").toURI()).getParent();
    }

    /** Every script of our own under web/ (the vendored libraries are not ours to split). */
    private static List<Path> modules() throws IOException, URISyntaxException {
        Path web = web();
        try (Stream<Path> all = Files.walk(web)) {
            List<Path> modules = all.filter(p -> p.toString().endsWith(".js") && !web.relativize(p).startsWith("vendor")).sorted().toList();
            assertThat(modules).as("the web modules on the classpath").hasSizeGreaterThan(5);
            return modules;
        }
    }

    private static String relative(Path module) throws URISyntaxException {
        return web().relativize(module).toString();
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
