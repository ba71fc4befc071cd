package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Long work a serving node runs as a job: started, followed, and while it replays the projections, their readers wait. */
class JobRoutesTest {
    @TempDir Path dir;

    @Test
    void a_rebuild_runs_as_a_job_and_ends_with_the_projections_as_they_were() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            f.appendBatch(0, 50);
            var started = f.postJson("/v1/jobs", "{\"kind\":\"rebuild\"}");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            assertThat(started.headers().firstValue("Location")).contains("/v1/jobs/" + ServerFixture.json(started).path("id").asLong());
            JsonNode job = finished(f, ServerFixture.json(started).path("id").asLong());
            assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("done");
            assertThat(job.at("/result/identical").asBoolean()).isTrue();
            assertThat(job.path("done").asLong()).isEqualTo(job.path("total").asLong()).isEqualTo(f.node.ledger().size());
            assertThat(f.get("/v1/customers?identifier=email:user0@example.com").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void a_job_the_node_refuses_ends_failed_with_the_reason_and_no_stack_trace() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            var started = f.postJson("/v1/jobs", "{\"kind\":\"sentiment-train\"}");
            JsonNode job = finished(f, ServerFixture.json(started).path("id").asLong());
            assertThat(job.path("state").asText()).isEqualTo("failed");
            assertThat(job.path("error").asText()).contains("rated messages");
            ServerFixture.assertNoStackTrace(job.toString());
        }
    }

    @Test
    void an_unknown_kind_is_refused_naming_the_kinds_there_are() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            ServerFixture.assertError(f.postJson("/v1/jobs", "{\"kind\":\"defrag\"}"), 400, "defrag", "rebuild", "identity-resolve", "sentiment-train");
            ServerFixture.assertError(f.get("/v1/jobs/99"), 404, "no job 99");
        }
    }

    @Test
    void while_a_replay_runs_projection_readers_and_readiness_get_503_and_the_ledger_still_answers() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            CountDownLatch release = new CountDownLatch(1), running = new CountDownLatch(1);
            JobRoutes jobs = new JobRoutes(f.node).add("held-replay", true, progress -> {
                progress.update("replaying", 3, 10);
                running.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return ApiServer.F.objectNode().put("replayed", true);
            });
            Javalin app = Javalin.create(cfg -> cfg.showJavalinBanner = false);
            jobs.register(app);
            app.get("/v1/customers", ctx -> ctx.result("{}"));
            app.get("/v1/health/ready", ctx -> ctx.result("{}"));
            app.get("/v1/ledger/checkpoint", ctx -> ctx.result("checkpoint"));
            app.exception(Access.Refused.class, (e, ctx) -> ErrorAnswers.write(ctx, e.status, e.getMessage()));
            app.exception(IllegalStateException.class, (e, ctx) -> ErrorAnswers.write(ctx, HttpStatus.CONFLICT, e.getMessage()));
            app.start("127.0.0.1", 0);
            try {
                String base = "http://127.0.0.1:" + app.port();
                var started = send(base, "POST", "/v1/jobs", "{\"kind\":\"held-replay\"}");
                assertThat(started.statusCode()).isEqualTo(202);
                assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

                var customers = send(base, "GET", "/v1/customers", null);
                assertThat(customers.statusCode()).isEqualTo(503);
                assertThat(customers.headers().firstValue("Retry-After")).contains("10");
                assertThat(customers.body()).contains("replaying", "30%");
                assertThat(send(base, "GET", "/v1/health/ready", null).statusCode()).isEqualTo(503);
                assertThat(send(base, "GET", "/v1/ledger/checkpoint", null).statusCode()).isEqualTo(200);
                assertThat(send(base, "POST", "/v1/jobs", "{\"kind\":\"rebuild\"}").statusCode()).isEqualTo(409);

                release.countDown();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                JsonNode job;
                do {
                    job = ServerFixture.json(send(base, "GET", "/v1/jobs/1", null));
                } while (job.path("state").asText().equals("running") && System.nanoTime() < deadline);
                assertThat(job.path("state").asText()).isEqualTo("done");
                assertThat(job.at("/result/replayed").asBoolean()).isTrue();
                assertThat(send(base, "GET", "/v1/customers", null).statusCode()).isEqualTo(200);
            } finally {
                release.countDown();
                app.stop();
            }
        }
    }

    private static HttpResponse<String> send(String base, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (body == null) b.GET();
        else b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode finished(ServerFixture f, long id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode job = f.okJson("/v1/jobs/" + id);
        while (job.path("state").asText().equals("running") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            job = f.okJson("/v1/jobs/" + id);
        }
        return job;
    }
}
