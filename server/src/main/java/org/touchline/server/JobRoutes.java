package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.touchline.domain.Progress;
import org.touchline.node.Node;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import static org.touchline.server.AccessPolicy.ADMINISTRATOR;

/**
 * Long work a serving node runs for its owner, so that the command line need not stop it: a rebuild of the
 * projections, re-resolving the history under new identity rules, training the sentiment model. {@code POST /v1/jobs}
 * starts one ({@code {"kind": "rebuild"}}) and answers 202 with its id; {@code GET /v1/jobs/{id}} tells its phase,
 * progress and, once done, its result or why it failed. One job runs at a time.
 * <p>
 * A rebuild (and a re-resolution, which is one) replays the ledger into the live projections in place: appends wait
 * for it in the node anyway, and a read would see customers half replayed. So while it runs every route that reads or
 * writes projections answers 503 with Retry-After (readiness too), and what stays sound is served: liveness, the
 * ledger itself (checkpoint, entries, tiles, proofs) and the jobs. A replay into a scratch store swapped in at the end
 * would keep reads going, but needs twice the disk and a swap the stores do not offer; a rebuild is a repair, rare
 * and minutes long, so the node says it is busy instead.
 */
final class JobRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(JobRoutes.class);
    /** Finished jobs kept for their owners to read back. */
    private static final int KEPT = 32;
    static final Routes<JobRoutes> ROUTES = Routes.of(JobRoutes.class, r -> {
        r.post("/v1/jobs", JobRoutes::start).roles(ADMINISTRATOR).answersDuringReplay();
        r.get("/v1/jobs", JobRoutes::list).roles(ADMINISTRATOR).answersDuringReplay();
        r.get("/v1/jobs/{id}", (self, ctx) -> ctx.json(self.job(ctx.pathParam("id")).json())).roles(ADMINISTRATOR).answersDuringReplay();
    });

    private final Node node;
    private final Map<String, Kind> kinds = new LinkedHashMap<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "touchline-job");
        t.setDaemon(true);
        return t;
    });
    private final Map<Long, Job> jobs = new LinkedHashMap<>();
    private long lastId;
    private volatile Job running;

    /** What a kind of job does, and whether it replays the projections (then the node refuses their readers meanwhile). */
    private record Kind(String name, boolean replays, Function<Progress, JsonNode> work) {}

    JobRoutes(Node node) {
        this.node = node;
        add("rebuild", true, this::rebuild);
        add("identity-resolve", true, this::resolveAll);
        add("sentiment-train", false, this::trainSentiment);
    }

    /** A kind of job: its name in {@code POST /v1/jobs}, whether it replays the projections, and its work. */
    JobRoutes add(String name, boolean replays, Function<Progress, JsonNode> work) {
        kinds.put(name, new Kind(name, replays, work));
        return this;
    }

    /** The jobs' routes, and the refusal of projection readers while a job replays, on an app of their own. */
    void register(Javalin app) {
        app.beforeMatched(this::refuseDuringReplay);
        ROUTES.install(app, this);
    }

    private void list(Context ctx) {
        ArrayNode a = ApiServer.F.arrayNode();
        synchronized (this) {
            jobs.values().forEach(j -> a.add(j.json()));
        }
        ctx.json(ApiServer.F.objectNode().set("jobs", a));
    }

    private void start(Context ctx) throws IOException {
        JsonNode body = IdentityJson.body(ctx.body());
        String name = IdentityJson.required(body, "kind");
        Kind kind = kinds.get(name);
        if (kind == null) throw new IllegalArgumentException("field 'kind': '" + name + "' is not a job; the jobs are " + String.join(", ", kinds.keySet()));
        Job job;
        synchronized (this) {
            Job busy = running;
            if (busy != null)
                throw new IllegalStateException("job " + busy.id + " (" + busy.kind.name + ") is running: wait for it (GET /v1/jobs/" + busy.id + ")");
            job = new Job(++lastId, kind);
            jobs.put(job.id, job);
            while (jobs.size() > KEPT) jobs.remove(jobs.keySet().iterator().next());
            running = job;
        }
        runner.execute(job::run);
        ctx.status(HttpStatus.ACCEPTED).header("Location", "/v1/jobs/" + job.id).json(job.json());
    }

    private synchronized Job job(String id) {
        long n;
        try {
            n = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("job id must be a number, not '" + id + "'");
        }
        Job j = jobs.get(n);
        if (j == null) throw new NoSuchElementException("no job " + id);
        return j;
    }

    void refuseDuringReplay(Context ctx) {
        Job j = running;
        if (j == null || !j.kind.replays || !ctx.path().startsWith("/v1/")) return;
        if (RouteTable.find(ctx.method().name(), ctx.endpointHandlerPath()).map(Route::answersDuringReplay).orElse(false)) return;
        ctx.header("Retry-After", "10");
        throw new Access.Refused(HttpStatus.SERVICE_UNAVAILABLE, "the node is replaying its ledger into its projections (job " + j.id + ", " + j.kind.name
                + ": " + j.phase + " " + j.percent() + "%): customers, identity and analytics answer again when it is done; the ledger answers meanwhile");
    }

    private JsonNode rebuild(Progress progress) {
        String before = node.projections().digest();
        var caches = node.rebuild(progress);
        String after = node.projections().digest();
        var out = ApiServer.F.objectNode().put("digestBefore", before).put("digestAfter", after).put("identical", before.equals(after));
        out.set("caches", ApiServer.JSON.valueToTree(caches));
        return out;
    }

    private JsonNode resolveAll(Progress progress) {
        var r = node.resolveAllUnderFiles(progress);
        return ApiServer.JSON.valueToTree(r);
    }

    private JsonNode trainSentiment(Progress progress) {
        var t = node.intelligence().trainSentiment(progress);
        ObjectNode out = ApiServer.F.objectNode().put("examples", t.examples()).put("kept", t.kept());
        out.putObject("trained").put("macroF1", t.trained().macroF1()).put("accuracy", t.trained().accuracy());
        out.putObject("lexicon").put("macroF1", t.lexicon().macroF1()).put("accuracy", t.lexicon().accuracy());
        if (t.kept()) out.put("file", t.file().toString());
        return out;
    }

    /** One run of a job: its progress as the work reports it, then its result or its failure. */
    private final class Job implements Progress {
        final long id;
        final Kind kind;
        final Instant started = Instant.now();
        volatile String state = "running", phase = "starting", error;
        volatile long done, total;
        volatile JsonNode result;
        volatile Instant finished;

        Job(long id, Kind kind) {
            this.id = id;
            this.kind = kind;
        }

        @Override
        public void update(String phase, long done, long total) {
            this.phase = phase;
            this.done = done;
            this.total = total;
        }

        long percent() { return total <= 0 ? 0 : Math.min(100, done * 100 / total); }

        void run() {
            String outcome = "failed";
            try {
                result = kind.work.apply(this);
                outcome = "done";
            } catch (IllegalStateException | IllegalArgumentException | NoSuchElementException refused) {
                error = refused.getMessage();
            } catch (RuntimeException e) {
                LOG.error("job {} ({}) failed", id, kind.name, e);
                error = "the node could not finish it: " + e + " (the node's log has the details)";
            } finally {
                synchronized (JobRoutes.this) {
                    running = null;
                    finished = Instant.now();
                    state = outcome;
                }
            }
        }

        ObjectNode json() {
            ObjectNode o = ApiServer.F.objectNode().put("id", id).put("kind", kind.name).put("state", state).put("phase", phase)
                    .put("done", done).put("total", total).put("started", started.toString());
            if (finished != null) o.put("finished", finished.toString());
            if (result != null) o.set("result", result);
            if (error != null) o.put("error", error);
            return o;
        }
    }
}
