package org.touchline.cli;

import org.junit.jupiter.api.Test;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** Tables are for people (numbers rounded, thousands grouped); libraries' log lines never land in a command's output. */
class OutputForPeopleTest {
    @Test
    void a_long_fraction_is_shown_to_three_significant_digits() {
        assertThat(TextTable.number("5.240972222222222")).isEqualTo("5.24");
        assertThat(TextTable.number(0.000123456)).isEqualTo("0.000123");
        assertThat(TextTable.number(-0.5)).isEqualTo("-0.5");
    }

    @Test
    void whole_numbers_are_grouped_and_large_ones_keep_one_decimal() {
        assertThat(TextTable.number(1234567.0)).isEqualTo("1,234,567");
        assertThat(TextTable.number(12345.678)).isEqualTo("12,345.7");
        assertThat(TextTable.number("call_centre")).isEqualTo("call_centre");
    }

    @Test
    void java_util_logging_from_a_library_does_not_reach_standard_output() {
        Touchline.commandLine();
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            Logger.getLogger("org.tribuo.classification.sgd.linear.LinearSGDTrainer").info("Training SGD classifier with 1000 examples");
            Logger.getLogger("com.example.library").warning("a library warning");
        } finally {
            System.setOut(original);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(Logger.getLogger("").getHandlers()).singleElement().isInstanceOf(SLF4JBridgeHandler.class);
    }
}
