package org.touchline.node;

import org.touchline.domain.Progress;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.Identifier;
import org.touchline.domain.Interaction;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.node.NodeFixture.*;

/** docs/architecture.md, principles 1 and 3 with identity limits, priority and the blocklist in play. */
class IdentityRulesRebuildTest {
    @TempDir Path dir;

    @RepeatedTest(5)
    void rebuildUnderLimitsAndBlocklistReproducesTheProjections(RepetitionInfo rep) throws Exception {
        Files.writeString(dir.resolve("identity-rules.yaml"), """
                strong: { account: 1, email: 2, phone: 2, loyalty_card: 1 }
                priority: [account, email]
                blocklist:
                  values: { email: [nobody@example.com] }
                """);
        Random random = new Random(5000 + rep.getCurrentRepetition());
        String[] junk = {"null", "anonymous", "test@test.com", "nobody@example.com", "unknown"};
        try (NodeFixture f = new NodeFixture(dir)) {
            for (int batch = 0; batch < 10; batch++) {
                List<Interaction> records = new ArrayList<>();
                for (int k = 0; k < 50; k++) {
                    List<Identifier> ids = new ArrayList<>();
                    if (random.nextInt(3) == 0) ids.add(account("ACC-" + random.nextInt(30)));
                    if (random.nextInt(4) > 0) ids.add(email("p" + random.nextInt(60) + "@example.com"));
                    if (random.nextInt(3) == 0) ids.add(phone("0770090" + (1000 + random.nextInt(60))));
                    if (random.nextInt(6) == 0) ids.add(email(junk[random.nextInt(junk.length)]));
                    if (random.nextInt(8) == 0) ids.add(phone("0" + String.valueOf(random.nextInt(10)).repeat(10)));
                    if (random.nextInt(5) == 0 || ids.isEmpty()) ids.add(new Identifier("cookie", random.nextInt(8) == 0 ? "null" : "ck" + random.nextInt(40)));
                    String at = "2026-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10) + "T10:00:00Z";
                    records.add(random.nextInt(10) == 0
                            ? proxyPurchase("b" + batch + "-" + k, at, new Identifier("loyalty_card", "LC-" + random.nextInt(30)), ids.get(0))
                            : interaction("mix", "b" + batch + "-" + k, at, "web", ids.toArray(Identifier[]::new)));
                }
                f.append(records.toArray(Interaction[]::new));
            }
            assertThat(f.node.identityRules().limit("email")).isEqualTo(2);
            assertThat(f.node.customers().findByIdentifier(email("test@test.com"))).isEmpty();
            assertThat(f.node.customers().findByIdentifier(email("nobody@example.com"))).isEmpty();
            String live = f.node.projections().digest();
            f.node.rebuild(Progress.NONE);
            assertThat(f.node.projections().digest()).isEqualTo(live);
            // The writer carries on from the rebuilt (restored) graph, limits included.
            f.append(interaction("mix", "after", "2026-10-01T00:00:00Z", "web", email("p1@example.com"), account("ACC-1")));
            String afterLive = f.node.projections().digest();
            f.node.rebuild(Progress.NONE);
            assertThat(f.node.projections().digest()).isEqualTo(afterLive);
            assertThat(f.node.verify(Progress.NONE).ok()).isTrue();
        }
    }
}
