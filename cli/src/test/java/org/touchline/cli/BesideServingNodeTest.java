package org.touchline.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.Identifier;
import org.touchline.node.AccessTokens;
import org.touchline.node.CustomerEvents;
import org.touchline.server.ApiServer;
import org.touchline.server.LocalAdministrator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line beside a node that serves the same data directory: reading commands open the store read-only,
 * writing commands go through the node's API with the credential it left for its owner, and nothing asks for the node
 * to be stopped.
 */
class BesideServingNodeTest {
    @TempDir Path dir;
    private DataDirOption.OpenNode open;
    private ApiServer server;
    private String customer;

    @BeforeEach
    void serve() throws Exception {
        DataDirOption data = new DataDirOption();
        data.dataDir = dir;
        open = data.open();
        for (int k = 0; k < 3; k++)
            open.node().ingestion().one("{\"source\":\"crm\",\"sourceRecordId\":\"" + k + "\",\"occurredAt\":\"2026-01-0" + (k + 1) + "T10:00:00Z\",\"channel\":\"web\","
                    + "\"type\":\"enquiry\",\"identifiers\":[{\"type\":\"email\",\"value\":\"ann@example.com\"},{\"type\":\"name\",\"value\":\"Ann Lee\"}],\"text\":\"hello\"}", "test");
        customer = open.node().customers().findByIdentifier(new Identifier("email", "ann@example.com")).orElseThrow();
        open.node().customerEvents().consent(customer, "marketing", "granted", "web", null);
        server = new ApiServer(open.node()).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
        open.close();
    }

    @Test
    void a_customer_is_shown_while_the_node_serves_and_bookkeeping_entries_do_not_break_it() {
        CommandRun run = CommandRun.of("customer", "-d", dir.toString(), "--identifier", "email:ann@example.com", "--all");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains(customer).contains("enquiry").contains("(consent)").contains("marketing granted");
    }

    @Test
    void reading_commands_run_beside_the_node() {
        for (String[] args : new String[][]{{"checkpoint"}, {"verify"}, {"dead-letters", "list"}, {"identity", "reviews"}, {"consent", customer},
                {"tokens", "balance", customer}, {"journeys", "funnel", "--steps", "awareness,interest"}}) {
            String[] full = new String[args.length + 2];
            System.arraycopy(args, 0, full, 0, args.length);
            full[args.length] = "-d";
            full[args.length + 1] = dir.toString();
            CommandRun run = CommandRun.of(full);
            assertThat(run.exit()).as(String.join(" ", args) + ": " + run.err()).isZero();
        }
    }

    @Test
    void a_consent_recorded_on_the_command_line_is_appended_by_the_serving_node() {
        CommandRun run = CommandRun.of("consent", "-d", dir.toString(), customer, "marketing", "withdrawn", "--channel", "call_centre");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("marketing withdrawn: recorded at entry");
        assertThat(CustomerEvents.allowedBy("marketing", open.node().customerEvents().consents(customer).get("marketing"))).isFalse();
    }

    @Test
    void a_customer_token_is_granted_while_the_node_serves() {
        CommandRun run = CommandRun.of("access", "grant", "customer", "-d", dir.toString(), "--customer", customer, "--name", "Ann");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(new AccessTokens(dir).find(run.out().strip())).map(AccessTokens.Principal::customer).contains(customer);
    }

    @Test
    void the_node_leaves_its_address_and_credential_for_its_owner_only_and_takes_them_away_when_it_stops() throws Exception {
        Path file = dir.resolve(LocalAdministrator.FILE);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThat(LocalAdministrator.find(dir)).map(LocalAdministrator.Serving::url).contains("http://127.0.0.1:" + server.port());
        server.close();
        assertThat(file).doesNotExist();
        server = new ApiServer(open.node()); // closed again by stop(): never started
    }

    @Test
    void a_command_the_node_cannot_take_says_which_node_owns_the_directory_and_what_to_do() {
        CommandRun run = CommandRun.of("rebuild", "-d", dir.toString());
        assertThat(run.exit()).isEqualTo(ExitCode.FAILURE);
        assertThat(run.err()).contains("http://127.0.0.1:" + server.port()).contains("stop the node");
    }
}
