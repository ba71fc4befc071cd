package org.touchline.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.Identifier;
import org.touchline.domain.store.DeadLetter;
import org.touchline.intelligence.sentiment.LexiconSentimentAnalyzer;
import org.touchline.node.AccessTokens;
import org.touchline.node.Consents;
import org.touchline.node.command.Ingestion;
import org.touchline.node.LocalAdministrator;
import org.touchline.node.spi.HttpFront;

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
    private HttpFront.Api server;
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
        server = HttpFront.find().of(open.node(), null, false).start("127.0.0.1", 0);
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
                {"tokens", "balance", customer}, {"journeys", "funnel", "--steps", "awareness,interest"},
                {"journeys", "cohorts", "--by", "product", "--period", "week"}}) {
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
        assertThat(Consents.allowedBy("marketing", open.node().consents().consents(customer).get("marketing"))).isFalse();
    }

    @Test
    void a_consent_given_earlier_shows_at_the_time_given_and_when_it_was_recorded() {
        CommandRun run = CommandRun.of("consent", "-d", dir.toString(), customer, "analytics", "granted", "--channel", "web", "--at", "2026-01-02T09:30:00Z");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("analytics +allowed +granted at 2026-01-02T09:30:00Z \\(recorded 20");
        CommandRun timeline = CommandRun.of("customer", "-d", dir.toString(), "--identifier", "email:ann@example.com", "--all");
        // Among the interactions of 1 to 3 January, not above them with the time it was recorded.
        assertThat(timeline.out()).containsSubsequence("2026-01-03T10:00:00Z", "2026-01-02T10:00:00Z", "2026-01-02T09:30:00Z  (consent)", "entry 4, recorded 20", "2026-01-01T10:00:00Z");
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
        server = HttpFront.find().of(open.node(), null, false); // closed again by stop(): never started
    }

    @Test
    void source_files_ingested_through_a_mapping_go_through_the_node_with_refusals_kept_as_dead_letters() throws Exception {
        Path csv = crmFile("crm-changes.csv");
        CommandRun first = CommandRun.of("ingest", "-d", dir.toString(), "--source", mapping().toString(), csv.toString());
        assertThat(first.exit()).as(first.err()).isEqualTo(ExitCode.PARTIAL);
        assertThat(first.out()).contains("2 accepted, 0 already in the ledger, 1 refused").contains("through the node at " + "http://127.0.0.1:" + server.port());
        assertThat(open.node().customers().findByIdentifier(new Identifier("email", "bo@example.com"))).isPresent();
        var letter = open.node().deadLetters().list(DeadLetter.OPEN, 0, 10).get(0);
        assertThat(letter.origin()).isEqualTo(Ingestion.ORIGIN_MAPPING + mapping().toAbsolutePath().normalize());
        assertThat(letter.recordRef()).contains("crm-changes.csv");
        assertThat(letter.problems()).contains("event_time");
    }

    @Test
    void a_source_file_sent_again_through_the_node_adds_nothing() throws Exception {
        Path csv = crmFile("again.csv");
        CommandRun.of("ingest", "-d", dir.toString(), "--source", mapping().toString(), csv.toString());
        long size = open.node().ledger().size();
        CommandRun again = CommandRun.of("ingest", "-d", dir.toString(), "--source", mapping().toString(), csv.toString());
        assertThat(again.out()).contains("0 accepted, 2 already in the ledger, 1 refused");
        assertThat(open.node().ledger().size()).isEqualTo(size);
    }

    @Test
    void a_broken_mapping_is_named_before_anything_is_sent() throws Exception {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "source: crm\nformat: csv\n");
        long size = open.node().ledger().size();
        CommandRun run = CommandRun.of("ingest", "-d", dir.toString(), "--source", broken.toString(), crmFile("x.csv").toString());
        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("broken.yaml");
        assertThat(open.node().ledger().size()).isEqualTo(size);
    }

    @Test
    void rebuild_is_run_by_the_serving_node_as_a_job_and_its_projections_come_back_identical() {
        CommandRun run = CommandRun.of("rebuild", "-d", dir.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("rebuild").contains("(identical)");
        assertThat(open.node().customers().findByIdentifier(new Identifier("email", "ann@example.com"))).contains(customer);
    }

    @Test
    void resolve_all_makes_the_serving_node_take_the_rules_file_as_it_is_now() throws Exception {
        Files.writeString(dir.resolve("identity-rules.yaml"), Files.readString(Path.of("../examples/identity-rules.yaml")).replace("  email: 5", "  email: 2"));
        assertThat(open.node().identityRules().limit("email")).isEqualTo(5);
        long size = open.node().ledger().size();
        CommandRun run = CommandRun.of("identity", "resolve", "--all", "-d", dir.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("recorded at entry " + size).contains("customers now: 1");
        assertThat(open.node().identityRules().limit("email")).isEqualTo(2);
    }

    @Test
    void the_match_model_is_fitted_beside_the_serving_node_from_a_read_only_store() {
        // Three records are too few to fit: the refusal comes from the fitting itself, not from a locked directory.
        CommandRun run = CommandRun.of("identity", "fit", "-d", dir.toString());
        assertThat(run.exit()).isEqualTo(ExitCode.FAILURE);
        assertThat(run.err()).contains("too few to fit a model").doesNotContain("in use");
    }

    @Test
    void token_expiry_is_appended_by_the_serving_node() {
        CommandRun run = CommandRun.of("tokens", "expire", "-d", dir.toString(), "--as-of", "2026-06-01", "--days", "30");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("nothing to expire");
        CommandRun refused = CommandRun.of("tokens", "expire", "-d", dir.toString(), "--as-of", "2026-06-01", "--days", "0");
        assertThat(refused.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.err()).contains("http://127.0.0.1:" + server.port()).contains("days must be at least 1");
    }

    @Test
    void the_sentiment_model_is_trained_by_the_serving_node_which_uses_it_at_once() {
        for (int c = 0; c < 25; c++) {
            StringBuilder batch = new StringBuilder();
            for (int k = 0; k < 10; k++) {
                boolean happy = (c + k) % 2 == 0;
                batch.append("{\"source\":\"survey\",\"sourceRecordId\":\"s").append(c).append('-').append(k)
                        .append("\",\"occurredAt\":\"2026-02-01T10:00:00Z\",\"channel\":\"web\",\"type\":\"survey\",\"identifiers\":[{\"type\":\"email\",\"value\":\"p")
                        .append(c).append("@example.com\"}],\"text\":\"").append(happy ? "great service thank you so much, lovely staff" : "awful delay, rude and useless, never again")
                        .append(" ").append(k).append("\",\"rating\":").append(happy ? 5 : 1).append("}\n");
            }
            open.node().ingestion().ndjson(batch.toString(), "test");
            String who = open.node().customers().findByIdentifier(new Identifier("email", "p" + c + "@example.com")).orElseThrow();
            open.node().customerEvents().consent(who, "model_training", "granted", "web", null);
        }
        CommandRun run = CommandRun.of("intelligence", "sentiment", "--train", "-d", dir.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("of 250 rated messages");
        if (run.out().contains("Saved to"))
            assertThat(open.node().intelligence().sentiment()).isNotInstanceOf(LexiconSentimentAnalyzer.class);
    }

    @Test
    void a_job_the_node_refuses_says_why_through_the_command() {
        CommandRun run = CommandRun.of("intelligence", "sentiment", "--train", "-d", dir.toString());
        assertThat(run.exit()).isEqualTo(ExitCode.FAILURE);
        assertThat(run.err()).contains("http://127.0.0.1:" + server.port()).contains("rated messages");
    }

    @Test
    void a_second_node_on_the_directory_is_refused_naming_the_node_that_serves_it() {
        CommandRun run = CommandRun.of("serve", "-d", dir.toString(), "--port", "0");
        assertThat(run.exit()).isEqualTo(ExitCode.FAILURE);
        assertThat(run.err()).contains("http://127.0.0.1:" + server.port()).contains("stop the node");
    }

    private Path mapping() { return Path.of("../examples/mappings/crm.yaml"); }

    /** Three CRM changes: two good ones and one whose time cannot be read. */
    private Path crmFile(String name) throws Exception {
        Path csv = dir.resolve(name);
        Files.writeString(csv, """
                event_id,event_time,changed_via,event_type,crm_id,account_no,email,mobile,home_phone,full_name,address,postcode,date_of_birth,plan
                e1,2026-01-05 09:00:00,WEB,ACCOUNT_OPENED,C1,A1,bo@example.com,,,Bo Ray,,,,basic
                e2,2026-01-06 09:00:00,PHONE,PLAN_CHANGED,C1,A1,bo@example.com,,,Bo Ray,,,,plus
                e3,yesterday,WEB,DETAILS_UPDATED,C2,A2,cy@example.com,,,Cy Ode,,,,basic
                """);
        return csv;
    }
}
