package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.ColorScheme;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.touchline.contracts.ContractDefinition;
import org.touchline.contracts.SignedContract;
import org.touchline.demo.DemoCompany;
import org.touchline.demo.DemoSize;
import org.touchline.demo.SourceFile;
import org.touchline.domain.EntryKind;
import org.touchline.domain.Progress;
import org.touchline.domain.store.DeadLetter;
import org.touchline.ledger.Hashes;
import org.touchline.ledger.NoteKeys;
import org.touchline.ledger.NoteSigner;
import org.touchline.node.AccessTokens;
import org.touchline.node.command.CustomerEvents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger explorer (docs/pages.md) in Debian's Chromium against a node holding the demo company, with example
 * contracts deployed and access tokens granted: the checkpoint's signature verifies in the browser, the tree-growth
 * chart draws the API's checkpoint list, an entry's inclusion proof and a consistency proof verify and tampered ones
 * fail with the reason, contracts show what they did, a corrected dead letter is accepted and leaves the queue, the
 * lookup works from the keyboard alone, and an analyst's token is refused in words. Screenshots go to
 * target/screenshots/explorer*.png.
 *
 * <p>Skipped when /usr/bin/chromium is missing, unless TOUCHLINE_REQUIRE_CHROMIUM=1 (CI), when it fails instead.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExplorerBrowserTest {
    /** Corrections for the ways the demo's sources are broken (demo Writers): what a person would type in the textarea. */
    static final Map<String, String> FIXES = new LinkedHashMap<>(Map.of(
            ";ZZ9;", ";GEN;",
            "31/13/2025 25:61:00", "31/12/2025 12:00:00",
            "0000-00-00 00:00:00", "2025-06-01 10:00:00",
            "<timestamp>2025-13-45 25:99</timestamp>", "<timestamp>2025-06-01 10:00</timestamp>"));

    static Path dir;
    static ServerFixture f;
    static Playwright playwright;
    static Browser browser;
    static BrowserContext context;
    static String adminToken, auditorToken, analystToken;
    /** The page as an administrator first opens it, shared by the tests that only read it or look entries up. */
    static Page page;

    @BeforeAll
    static void demoCompanyWithContractsTokensAndBrowser() throws Exception {
        DebianChromium.orSkip();
        dir = Files.createTempDirectory("touchline-explorer");
        Path data = dir.resolve("node");
        f = new ServerFixture(data);
        // Contracts first, as the demo deploys them, so they act on the company's history as it is ingested.
        Path examples = Files.isDirectory(Path.of("..", "examples")) ? Path.of("..", "examples") : Path.of("examples");
        NoteKeys admin = NoteKeys.generate("admin.test/alice");
        Files.writeString(data.resolve("contract-admins.vkeys"), admin.verifierKey() + "\n");
        for (String contract : List.of("welcome-new-customer", "reward-consent"))
            f.node.contracts().deploy(SignedContract.sign(ContractDefinition.read(examples.resolve("contracts/" + contract + ".yaml")),
                    NoteSigner.parse(admin.signerKey())).encode(), "alice");
        for (SourceFile s : new DemoCompany(new DemoSize(40, 1_500, 6), 7).generate(dir.resolve("sources"), Progress.NONE))
            f.node.ingestion().file(s.mapping(), s.data(), Progress.NONE);
        List<CustomerEvents.ConsentChange> consents = new ArrayList<>();
        f.node.projections().loadCustomers(c -> f.node.customers().current(c.id()).filter(x -> x.equals(c.id()))
                .ifPresent(x -> consents.add(new CustomerEvents.ConsentChange(x, "marketing", "granted", "web", "sign-up form"))));
        f.node.customerEvents().consents(consents.subList(0, Math.min(10, consents.size())));
        AccessTokens tokens = new AccessTokens(data);
        adminToken = tokens.grant("administrator", "ada", null, null);
        auditorToken = tokens.grant("auditor", "aud", null, null);
        analystToken = tokens.grant("analyst", "ann", null, null);
        f.close();
        f = new ServerFixture(data);   // the server reads the tokens when it starts

        playwright = DebianChromium.start();
        browser = DebianChromium.launch(playwright);
        context = DebianChromium.context(browser, 1366);
        page = open();
    }

    @AfterAll
    static void close() {
        if (playwright != null) playwright.close();
        if (f != null) f.close();
    }

    /** A new tab on the explorer, signed in with {@code token} through the page's own sign-in dialog, once it has loaded. */
    static Page open(String token, String hash) {
        Page p = context.newPage();
        p.navigate(f.base + "/explorer.html" + hash);
        p.locator("[data-testid=sign-in] input").fill(token);
        p.locator("[data-testid=sign-in] button[type=submit]").click();
        p.waitForFunction("() => document.body.dataset.ready === 'true'");
        return p;
    }

    static Page open() { return open(adminToken, ""); }

    /** The API's answer with the administrator's token, as the page sees it. */
    static JsonNode api(String path) {
        var r = f.send(HttpRequest.newBuilder(URI.create(f.base + path)).header("Authorization", "Bearer " + adminToken).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return ServerFixture.json(r);
    }

    static String count(long n) { return String.format(Locale.UK, "%,d", n); }

    static String entries(long n) { return count(n) + (n == 1 ? " entry" : " entries"); }

    static Locator verdict(Page p, String id) {
        Locator v = p.locator("#" + id);
        p.waitForCondition(() -> v.getAttribute("data-outcome") != null);
        return v;
    }

    static void lookUp(Page p, long index) {
        p.getByLabel("Entry index").fill(Long.toString(index));
        p.click("[data-testid=lookup-button]");
    }

    /** A route answer whose first hash in {@code field} has one bit flipped. */
    static void flipFirstHash(Page p, String glob, String field) {
        p.route(glob, route -> {
            var answer = route.fetch();
            try {
                ObjectNode body = (ObjectNode) ServerFixture.JSON.readTree(answer.text());
                ArrayNode hashes = (ArrayNode) body.get(field);
                byte[] h = Base64.getDecoder().decode(hashes.get(0).asText());
                h[0] ^= 0x01;
                hashes.set(0, Base64.getEncoder().encodeToString(h));
                route.fulfill(new Route.FulfillOptions().setResponse(answer).setBody(body.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    // ---- the tests ------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void the_latest_checkpoints_signature_verifies_against_the_published_key_and_cosigners_show_an_empty_state() {
        Page p = page;
        String[] key = f.node.identity().verifierKey().split("\\+", 3);
        Locator signature = p.locator("[data-testid=signature]");
        assertThat(signature.count()).isEqualTo(1);
        assertThat(signature.getAttribute("data-outcome")).isEqualTo("verified");
        assertThat(signature.textContent()).contains(key[0]).contains(key[1]).contains("Verifies with the node's published key");
        assertThat(p.textContent("[data-testid=cp-size]")).isEqualTo(entries(f.node.reader().signedSize()));
        assertThat(p.textContent("[data-testid=cp-origin]")).isEqualTo(ServerFixture.ORIGIN);
        assertThat(p.textContent("[data-testid=cp-note]")).isEqualTo(f.node.reader().checkpoint());
        assertThat(p.isVisible("[data-testid=cosignatures]")).isFalse();
        assertThat(p.textContent("[data-testid=cosignatures-empty]")).contains("No cosigners configured");
        assertThat(p.isVisible("[data-testid=page-error]")).isFalse();
    }

    @Test
    @Order(2)
    void a_checkpoint_whose_signature_does_not_match_its_text_is_shown_as_failing() {
        Page p = context.newPage();
        p.addInitScript("sessionStorage.setItem('touchline.token', '" + adminToken + "')");
        p.route("**/v1/ledger/checkpoint", route -> {
            var answer = route.fetch();
            String[] lines = answer.text().split("\n", -1);
            lines[1] = Long.toString(Long.parseLong(lines[1]) + 1);   // a bigger tree than the node signed
            route.fulfill(new Route.FulfillOptions().setResponse(answer).setBody(String.join("\n", lines)));
        });
        p.navigate(f.base + "/explorer.html");
        p.waitForFunction("() => document.body.dataset.ready === 'true'");
        Locator signature = p.locator("[data-testid=signature]");
        assertThat(signature.getAttribute("data-outcome")).isEqualTo("failed");
        assertThat(signature.textContent()).contains("Does not verify with the node's published key");
        p.close();
    }

    /** C2SP tlog-cosignature: a witness signs "cosignature/v1\ntime T\n" + the note text; its line carries key id, time, signature. */
    @Test
    @Order(3)
    void a_witness_cosignature_on_the_same_note_is_listed_with_its_time_beside_the_nodes_verified_signature() throws Exception {
        KeyPair witness = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] x509 = witness.getPublic().getEncoded();
        byte[] pub = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
        String name = "witness.test/w1";
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update((name + "\n").getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0x04);   // the cosignature/v1 key type
        byte[] keyId = Arrays.copyOf(sha.digest(pub), 4);
        long time = 1_790_000_000L;
        String note = f.node.reader().checkpoint();
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(witness.getPrivate());
        signer.update(("cosignature/v1\ntime " + time + "\n" + note.substring(0, note.indexOf("\n\n") + 1)).getBytes(StandardCharsets.UTF_8));
        byte[] blob = ByteBuffer.allocate(4 + 8 + 64).put(keyId).putLong(time).put(signer.sign()).array();
        String line = "\u2014 " + name + " " + Base64.getEncoder().encodeToString(blob) + "\n";

        Page p = context.newPage();
        p.addInitScript("sessionStorage.setItem('touchline.token', '" + adminToken + "')");
        p.route("**/v1/ledger/checkpoint", route -> {
            var answer = route.fetch();
            route.fulfill(new Route.FulfillOptions().setResponse(answer).setBody(answer.text() + line));
        });
        p.navigate(f.base + "/explorer.html");
        p.waitForFunction("() => document.body.dataset.ready === 'true'");
        assertThat(p.locator("[data-testid=signature]").getAttribute("data-outcome")).isEqualTo("verified");
        Locator cosignature = p.locator("[data-testid=cosignature]");
        assertThat(cosignature.count()).isEqualTo(1);
        assertThat(cosignature.textContent()).contains(name).contains(HexFormat.of().formatHex(keyId))
                .contains("Not checked: the witness's key is not published by this node");
        assertThat(Instant.parse(cosignature.locator("time").getAttribute("datetime"))).isEqualTo(Instant.ofEpochSecond(time));
        assertThat(p.isVisible("[data-testid=cosignatures-empty]")).isFalse();
        p.close();
    }

    @Test
    @Order(4)
    void the_tree_growth_chart_draws_exactly_the_apis_checkpoint_list() throws IOException {
        Page p = page;
        List<Long> sizes = new ArrayList<>();
        for (JsonNode c : api("/v1/ledger/checkpoints").path("checkpoints")) sizes.add(c.path("size").asLong());
        assertThat(sizes).hasSizeGreaterThan(3).isSorted().last().isEqualTo(f.node.reader().signedSize());
        Object json = p.evaluate("() => JSON.stringify(echarts.getInstanceByDom(document.getElementById('growth-chart')).getOption())");
        JsonNode option = ServerFixture.JSON.readTree((String) json);
        List<Long> drawn = new ArrayList<>();
        option.path("series").get(0).path("data").forEach(n -> drawn.add(n.asLong()));
        assertThat(drawn).isEqualTo(sizes);
        assertThat(option.path("series").get(0).path("type").asText()).isEqualTo("line");
        assertThat(p.textContent("[data-testid=stat-checkpoints]")).isEqualTo(count(sizes.size()));
        assertThat(p.textContent("[data-testid=growth-summary]")).startsWith(count(sizes.size()) + " signed checkpoints, from "
                + count(sizes.get(0)) + " to " + count(sizes.get(sizes.size() - 1)) + " entries");
    }

    @Test
    @Order(5)
    void the_checkpoint_list_pages_with_after_and_limit() {
        JsonNode all = api("/v1/ledger/checkpoints").path("checkpoints");
        JsonNode first = api("/v1/ledger/checkpoints?limit=2");
        assertThat(first.path("checkpoints")).hasSize(2);
        long second = all.get(1).path("size").asLong();
        assertThat(first.path("next").asText()).isEqualTo("/v1/ledger/checkpoints?after=" + second + "&limit=2");
        JsonNode rest = api(first.path("next").asText());
        assertThat(rest.path("checkpoints").get(0).path("size").asLong()).isEqualTo(all.get(2).path("size").asLong());
        assertThat(all.get(0).path("note").asText()).startsWith(ServerFixture.ORIGIN + "\n" + all.get(0).path("size").asLong() + "\n"
                + all.get(0).path("root").asText() + "\n\n\u2014 ");
        assertThat(api("/v1/ledger/checkpoints?after=" + f.node.reader().signedSize()).path("checkpoints")).isEmpty();
    }

    @Test
    @Order(6)
    void an_entry_looked_up_shows_its_fields_and_an_inclusion_proof_verified_in_the_browser() throws IOException {
        Page p = page;
        long index = firstOf(EntryKind.INTERACTION, 5);
        lookUp(p, index);
        Locator v = verdict(p, "inclusion-verdict");
        assertThat(v.getAttribute("data-outcome")).isEqualTo("verified");
        assertThat(v.textContent()).startsWith("Verified in this browser: entry " + count(index) + " is in the log of "
                + entries(f.node.reader().signedSize()) + " the node signed");
        JsonNode leaf = ServerFixture.JSON.readTree(f.node.ledger().leaf(index));
        assertThat(p.textContent("[data-field=kind] dd")).isEqualTo("interaction");
        assertThat(p.textContent("[data-field=channel] dd")).isEqualTo(leaf.path("channel").asText().replace('_', ' '));
        assertThat(p.textContent("[data-field=sourceRecordId] dd")).isEqualTo(leaf.path("sourceRecordId").asText());
        assertThat(p.textContent("[data-field=occurredAt] dd")).contains(leaf.path("occurredAt").asText());
        assertThat(p.textContent("[data-testid=entry-facts]")).contains(HexFormat.of().formatHex(
                Hashes.leafHash(f.node.ledger().leaf(index))));
        assertThat(p.url()).endsWith("#entry=" + index);
    }

    static long firstOf(EntryKind kind, long from) {
        for (long i = from; i < f.node.ledger().size(); i++) if (EntryKind.of(f.node.ledger().leaf(i)) == kind) return i;
        throw new AssertionError("no " + kind + " entry");
    }

    @Test
    @Order(7)
    void a_tampered_inclusion_proof_fails_with_the_reason() {
        Page p = open();
        flipFirstHash(p, "**/v1/ledger/proofs/inclusion**", "hashes");
        lookUp(p, 3);
        Locator v = verdict(p, "inclusion-verdict");
        assertThat(v.getAttribute("data-outcome")).isEqualTo("failed");
        assertThat(v.textContent()).startsWith("Not verified: the inclusion proof leads to root ").contains("but the signed checkpoint's root is");
        p.close();
    }

    @Test
    @Order(8)
    void a_consistency_proof_between_two_signed_checkpoints_verifies_and_a_tampered_one_fails() {
        JsonNode all = api("/v1/ledger/checkpoints").path("checkpoints");
        long older = all.get(1).path("size").asLong(), newer = all.get(all.size() - 1).path("size").asLong();
        Page p = open();
        p.getByLabel("Older checkpoint (tree size)").selectOption(Long.toString(older));
        assertThat(p.inputValue("#newer-size")).isEqualTo(Long.toString(newer));
        p.click("[data-testid=consistency-button]");
        Locator v = verdict(p, "consistency-verdict");
        assertThat(v.getAttribute("data-outcome")).isEqualTo("verified");
        assertThat(v.textContent()).startsWith("Consistent, checked in this browser: the signed log of " + entries(older)
                + " is exactly the start of the signed log of " + entries(newer) + " (");
        p.close();

        Page tampered = open();
        flipFirstHash(tampered, "**/v1/ledger/proofs/consistency**", "hashes");
        tampered.getByLabel("Older checkpoint (tree size)").selectOption(Long.toString(older));
        tampered.click("[data-testid=consistency-button]");
        Locator bad = verdict(tampered, "consistency-verdict");
        assertThat(bad.getAttribute("data-outcome")).isEqualTo("failed");
        assertThat(bad.textContent()).startsWith("Not consistent: the proof rebuilds the ");
        tampered.close();
    }

    /** proofs.js against the transparency-dev/merkle vectors the ledger module's own verifier passes (RFC 9162 §2.1.3, §2.1.4). */
    @Test
    @Order(9)
    void the_browsers_proof_verifier_agrees_with_the_transparency_dev_vectors() throws IOException {
        Page p = page;
        List<String> vectors;
        try (InputStream in = ExplorerBrowserTest.class.getResourceAsStream("/transparency-dev-merkle/index.txt")) {
            assertThat(in).as("the ledger module's test vectors on the test classpath").isNotNull();
            vectors = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip).filter(l -> l.endsWith(".json")).toList();
        }
        int consistency = 0, inclusion = 0;
        List<String> wrong = new ArrayList<>();
        for (String path : vectors) {
            String json;
            try (InputStream in = ExplorerBrowserTest.class.getResourceAsStream("/transparency-dev-merkle/" + path.replaceFirst("^\\./", ""))) {
                json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            boolean isConsistency = path.contains("consistency/");
            Object failed = p.evaluate(isConsistency
                    ? "async (v) => { const P = window.TouchlineProofs; try { await P.checkConsistency(BigInt(v.size1), BigInt(v.size2),"
                    + " P.b64(v.root1), P.b64(v.root2), (v.proof || []).map(P.b64)); return false; } catch (e) { if (!(e instanceof P.NotVerified)) throw e; return true; } }"
                    : "async (v) => { const P = window.TouchlineProofs; try { await P.checkInclusion(BigInt(v.leafIdx ?? v.leafIndex), BigInt(v.treeSize),"
                    + " P.b64(v.leafHash), (v.proof || []).map(P.b64), P.b64(v.root)); return false; } catch (e) { if (!(e instanceof P.NotVerified)) throw e; return true; } }",
                    ServerFixture.JSON.readValue(json, Map.class));
            boolean wantErr = ServerFixture.JSON.readTree(json).path("wantErr").asBoolean();
            if (!failed.equals(wantErr)) wrong.add(path + ": wantErr " + wantErr + ", failed " + failed);
            if (isConsistency) consistency++;
            else inclusion++;
        }
        assertThat(wrong).isEmpty();
        assertThat(consistency).isGreaterThanOrEqualTo(10);
        assertThat(inclusion).isGreaterThanOrEqualTo(10);
    }

    @Test
    @Order(10)
    void contracts_are_listed_with_the_actions_they_took() {
        Page p = page;
        JsonNode deployed = api("/v1/contracts").path("contracts");
        assertThat(p.locator("#contract-rows > tr").count()).isEqualTo(deployed.size()).isEqualTo(2);
        assertThat(p.textContent("[data-testid=stat-contracts]")).isEqualTo("2");
        JsonNode actions = api("/v1/contracts/welcome-new-customer/actions?limit=50");
        assertThat(actions.path("total").asLong()).isGreaterThan(0);
        p.click("[data-testid=show-actions-welcome-new-customer]");
        Locator rows = p.locator("[data-testid=contract-action]");
        rows.first().waitFor();
        assertThat(rows.count()).isEqualTo(actions.path("actions").size());
        JsonNode newest = actions.path("actions").get(0);
        assertThat(rows.first().getAttribute("data-entry")).isEqualTo(newest.path("entry").asText());
        assertThat(rows.first().textContent()).contains(newest.path("action").asText().replace('_', ' ')).contains(newest.path("customerId").asText());
        assertThat(p.textContent("[data-testid=contract-actions]")).contains("Deployed v1 by alice");
        assertThat(p.getAttribute("[data-testid=show-actions-welcome-new-customer]", "aria-expanded")).isEqualTo("true");
        // Every action the API lists names the contract and the entry that triggered it.
        for (JsonNode a : actions.path("actions")) {
            assertThat(a.path("contract").asText()).isEqualTo("welcome-new-customer");
            assertThat(a.path("about").asLong()).isLessThan(a.path("entry").asLong());
        }
        // An action's entry opens in the lookup, verified.
        rows.first().locator("button[data-entry]").first().click();
        Locator v = verdict(p, "inclusion-verdict");
        assertThat(v.getAttribute("data-outcome")).isEqualTo("verified");
        assertThat(p.textContent("[data-field='fields.contract'] dd")).isEqualTo("welcome-new-customer");
    }

    @Test
    @Order(11)
    void the_reward_contracts_token_awards_are_listed_as_its_actions() {
        Page p = page;
        p.click("[data-testid=show-actions-reward-consent]");
        Locator rows = p.locator("[data-testid=contract-action]");
        rows.first().waitFor();
        assertThat(rows.count()).isEqualTo(api("/v1/contracts/reward-consent/actions").path("total").asInt()).isGreaterThan(0);
        assertThat(rows.first().textContent()).contains("Awarded 100 tokens").contains("thank you for your consent");
    }

    @Test
    @Order(12)
    void a_corrected_dead_letter_is_resubmitted_accepted_and_gone_from_the_queue() {
        Page p = open();
        long open = f.node.deadLetters().count(DeadLetter.OPEN);
        assertThat(open).as("the demo's broken records").isGreaterThan(0);
        assertThat(p.textContent("[data-testid=stat-dead-letters]")).isEqualTo(count(open));
        assertThat(p.locator("[data-testid=dead-letter]").count()).isEqualTo((int) Math.min(open, 100));
        Locator letter = null;
        String fixed = null;
        for (Locator l : p.locator("[data-testid=dead-letter]").all()) {
            String raw = l.locator("textarea").inputValue();
            for (var fix : FIXES.entrySet())
                if (raw.contains(fix.getKey()) && fixed == null) {
                    letter = l;
                    fixed = raw.replace(fix.getKey(), fix.getValue());
                }
        }
        assertThat(letter).as("a demo dead letter with a correction this test knows").isNotNull();
        long id = Long.parseLong(letter.getAttribute("data-id"));
        assertThat(letter.textContent()).contains(f.node.deadLetters().get(id).orElseThrow().recordRef());
        long size = f.node.ledger().size();
        letter.locator("textarea").fill(fixed);
        letter.locator("[data-testid=resubmit]").click();
        Locator outcome = p.locator("[data-testid=dead-letters-outcome]");
        p.waitForCondition(() -> !outcome.textContent().isEmpty());
        assertThat(outcome.textContent()).startsWith("Dead letter " + id + " (").contains("was accepted as entry " + count(size));
        assertThat(p.locator("[data-testid=dead-letter][data-id='" + id + "']").count()).isZero();
        assertThat(p.textContent("[data-testid=stat-dead-letters]")).isEqualTo(count(open - 1));
        assertThat(f.node.deadLetters().get(id).orElseThrow().status()).isEqualTo(DeadLetter.RESUBMITTED);
        assertThat(f.node.ledger().size()).isGreaterThan(size);
        p.close();
    }

    @Test
    @Order(13)
    void a_resubmission_that_is_still_wrong_shows_the_problems_and_the_letter_stays() {
        Page p = open();
        Locator letter = p.locator("[data-testid=dead-letter]").first();
        long id = Long.parseLong(letter.getAttribute("data-id"));
        letter.locator("textarea").fill("not a record at all");
        letter.locator("[data-testid=resubmit]").click();
        Locator result = letter.locator("[data-testid=dead-letter-result]");
        p.waitForCondition(() -> result.textContent().startsWith("Refused again"));
        assertThat(result.locator("li").count()).isGreaterThan(0);
        assertThat(f.node.deadLetters().get(id).orElseThrow().status()).isEqualTo(DeadLetter.OPEN);
        p.close();
    }

    @Test
    @Order(14)
    void the_lookup_form_works_from_the_keyboard_alone() {
        Page p = open();
        for (int k = 0; k < 60 && !"entry-index".equals(p.evaluate("document.activeElement.id")); k++) p.keyboard().press("Tab");
        assertThat(p.evaluate("document.activeElement.id")).as("Tab reaches the entry index").isEqualTo("entry-index");
        p.keyboard().type("7");
        p.keyboard().press("Enter");
        Locator v = verdict(p, "inclusion-verdict");
        assertThat(v.getAttribute("data-outcome")).isEqualTo("verified");
        assertThat(p.evaluate("document.activeElement.id")).as("focus moves to the result").isEqualTo("lookup-result");
        // A wrong index is refused in words beside the field, and focus goes back to it.
        p.getByLabel("Entry index").fill("");
        p.getByLabel("Entry index").press("Enter");
        assertThat(p.textContent("[data-testid=entry-index-error]")).isEqualTo("Type an entry index: a whole number, 0 or more.");
        assertThat(p.getAttribute("#entry-index", "aria-invalid")).isEqualTo("true");
        p.keyboard().type(Long.toString(f.node.reader().signedSize()));
        p.keyboard().press("Enter");
        p.waitForCondition(() -> p.textContent("[data-testid=entry-index-error]").contains("not in the signed log"));
        assertThat(p.textContent("[data-testid=entry-index-error]")).isEqualTo("Entry " + count(f.node.reader().signedSize())
                + " is not in the signed log: it holds entries 0 to " + count(f.node.reader().signedSize() - 1) + ".");
        p.close();
    }

    @Test
    @Order(15)
    void an_analysts_token_is_refused_with_a_message_that_says_who_may_use_the_page() {
        Page p = open(analystToken, "");
        Locator error = p.locator("[data-testid=page-error]");
        assertThat(error.isVisible()).isTrue();
        assertThat(error.textContent()).contains("You cannot use the ledger explorer with this token")
                .contains("This page is for auditors and administrators").contains("a token of role analyst may not call")
                .contains("touchline access grant auditor").doesNotContain("Exception");
        assertThat(p.isVisible("[data-testid=sign-in-again]")).isTrue();
        assertThat(p.locator("[data-testid=dead-letter]").count()).isZero();
        assertThat(p.isVisible("#lookup")).as("only the public checkpoint stays").isFalse();
        assertThat(p.locator("[data-testid=signature]").getAttribute("data-outcome")).isEqualTo("verified");
        AnalyticsPageBrowserTest.SCREENSHOTS.toFile().mkdirs();
        p.screenshot(new Page.ScreenshotOptions().setPath(AnalyticsPageBrowserTest.SCREENSHOTS.resolve("explorer-refused.png")));
        p.close();
    }

    @Test
    @Order(16)
    void an_auditor_reads_everything_and_is_told_that_resubmitting_needs_an_administrator() {
        Page p = open(auditorToken, "");
        assertThat(p.isVisible("[data-testid=page-error]")).isFalse();
        assertThat(p.locator("[data-testid=signature]").getAttribute("data-outcome")).isEqualTo("verified");
        Locator letter = p.locator("[data-testid=dead-letter]").first();
        letter.locator("[data-testid=resubmit]").click();
        Locator result = letter.locator("[data-testid=dead-letter-result]");
        p.waitForCondition(() -> result.textContent().startsWith("Not re-submitted"));
        assertThat(result.textContent()).contains("needs an administrator token").contains("a token of role auditor may not call");
        p.close();
    }

    @Test
    @Order(17)
    void every_control_has_a_name_for_screen_readers() {
        Page p = page;
        p.click("[data-testid=show-actions-welcome-new-customer]");
        p.locator("[data-testid=contract-action]").first().waitFor();
        Object unnamed = p.evaluate("() => [...document.querySelectorAll('main button, main select, main input, main textarea')]"
                + ".filter(e => !(e.getAttribute('aria-label') || (e.labels && e.labels.length) || e.textContent.trim()))"
                + ".map(e => e.outerHTML.slice(0, 80))");
        assertThat((List<?>) unnamed).isEmpty();
    }

    @Test
    @Order(18)
    void screenshots_on_a_laptop_and_a_tablet() {
        Page p = open(adminToken, "#entry=" + firstOf(EntryKind.INTERACTION, 20));
        assertThat(verdict(p, "inclusion-verdict").getAttribute("data-outcome")).isEqualTo("verified");
        p.click("[data-testid=show-actions-reward-consent]");
        p.locator("[data-testid=contract-action]").first().waitFor();
        p.click("[data-testid=consistency-button]");
        verdict(p, "consistency-verdict");
        p.evaluate("window.scrollTo(0, 0)");
        PortalBrowserTest.shot(p, "explorer.png", true);
        PortalBrowserTest.shot(p, "explorer-laptop-top.png", false);
        // The README's picture: from the top to the consistency check, every check on it verified.
        double bottom = ((Number) p.evaluate("() => document.getElementById('consistency').getBoundingClientRect().bottom + window.scrollY + 16")).doubleValue();
        p.screenshot(new Page.ScreenshotOptions().setPath(AnalyticsPageBrowserTest.SCREENSHOTS.resolve("explorer-overview.png")).setFullPage(true)
                .setClip(0, 0, 1366, bottom).setStyle(AnalyticsPageBrowserTest.STATIC_TOPBAR));
        for (String section : List.of("checkpoint", "growth", "lookup", "consistency", "contracts", "dead-letters"))
            p.locator("#" + section).screenshot(new Locator.ScreenshotOptions().setStyle(AnalyticsPageBrowserTest.STATIC_TOPBAR)
                    .setPath(AnalyticsPageBrowserTest.SCREENSHOTS.resolve("explorer-" + section + ".png")));
        p.close();
        Page tablet = context.newPage();
        tablet.setViewportSize(820, 1180);
        tablet.addInitScript("sessionStorage.setItem('touchline.token', '" + adminToken + "')");
        tablet.navigate(f.base + "/explorer.html");
        tablet.waitForFunction("() => document.body.dataset.ready === 'true'");
        PortalBrowserTest.shot(tablet, "explorer-tablet.png", false);
        Object overflow = tablet.evaluate("() => document.documentElement.scrollWidth > window.innerWidth");
        assertThat(overflow).as("nothing wider than a tablet's screen").isEqualTo(false);
        tablet.close();
        try (BrowserContext darkContext = browser.newContext(DebianChromium.window(1366).setColorScheme(ColorScheme.DARK))) {
            Page dark = darkContext.newPage();
            dark.addInitScript("sessionStorage.setItem('touchline.token', '" + adminToken + "')");
            dark.navigate(f.base + "/explorer.html#growth");
            dark.waitForFunction("() => document.body.dataset.ready === 'true'");
            dark.locator("#growth").scrollIntoViewIfNeeded();
            PortalBrowserTest.shot(dark, "explorer-dark.png", false);
        }
    }

    @Test
    void the_page_breaks_no_rule_of_its_content_security_policy() {
        open().close();
        assertThat(DebianChromium.CSP_VIOLATIONS).as("refused by the Content-Security-Policy").isEmpty();
    }
}
