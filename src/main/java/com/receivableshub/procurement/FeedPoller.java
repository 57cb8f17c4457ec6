package com.receivableshub.procurement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.HubProperties;
import com.receivableshub.mapping.FeedError;
import com.receivableshub.mapping.FeedMappedRecord;
import com.receivableshub.mapping.FeedMapper;
import com.receivableshub.mapping.FeedMapping;
import com.receivableshub.mapping.FeedPage;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.ModelJson;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.pipeline.Channel;
import com.receivableshub.pipeline.IntakeResult;
import com.receivableshub.pipeline.IntakeService;
import com.receivableshub.pipeline.RefusedException;
import com.receivableshub.security.HubLimits;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Step 1, pull: reads each procurement system's feed ({@code endpoints.feed} of its adapter, in the format of
 * {@code formats.feed}) page by page from where it stopped. Each record is taken like a pushed one, under an id made
 * from its own (so a page read twice, after a crash or a restart, changes nothing); the watermark (the newest release
 * date, and the next page while a paged read is under way) is stored after the page.
 */
@Component("feedPoller")
public class FeedPoller {

    private static final Logger LOG = LoggerFactory.getLogger(FeedPoller.class);

    private final ParticipantDirectory directory;
    private final IntakeService intake;
    private final JdbcTemplate jdbc;
    private final HubProperties hub;
    private final ObjectMapper json;
    private final Clock clock;
    private final HubLimits limits;
    /**
     * Made at the first poll, on the poll's thread: building it loads the JVM's default TLS context and trust store
     * (a tenth of a second of the start's main thread when it was made with the bean).
     */
    private HttpClient http;
    private final Map<String, FeedMapper> mappers = new ConcurrentHashMap<>();

    public FeedPoller(ParticipantDirectory directory, IntakeService intake, JdbcTemplate jdbc, HubProperties hub,
                      ObjectMapper json, Clock clock, HubLimits limits) {
        this.limits = limits;
        this.directory = directory;
        this.intake = intake;
        this.jdbc = jdbc;
        this.hub = hub;
        this.json = json;
        this.clock = clock;
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        }
        return http;
    }

    /** One poll of every procurement system with a feed. A system that fails does not stop the others. */
    public void pollAll() {
        for (Participant system : directory.withRole(ParticipantRole.PROCUREMENT_SYSTEM)) {
            if (system.endpoint("feed").isEmpty() || !system.formats().containsKey("feed")) {
                continue;
            }
            try {
                poll(system);
            } catch (IOException | RuntimeException e) {
                LOG.warn("feed of {} not read this time: {}", system.code(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Reads the system's feed until its last page; returns the records taken. */
    public long poll(Participant system) throws IOException, InterruptedException {
        FeedMapper mapper = mappers.computeIfAbsent(system.code(), code -> new FeedMapper(
                FeedMapping.load(hub.homePath().resolve(system.formats().get("feed"))), adapterValues(system)));
        long taken = 0;
        for (String url = start(system); url != null; ) {
            FeedPage page = mapper.map(fetch(system, url));
            for (FeedError error : page.errors()) {
                LOG.error("feed of {}: release {} item {} field '{}': {}", system.code(), error.releaseId(),
                        error.itemPath(), error.field(), error.reason());
            }
            long onPage = 0;
            for (FeedMappedRecord record : page.records()) {
                onPage += take(system, record) ? 1 : 0;
            }
            taken += onPage;
            url = page.next();
            advance(system, page.watermark(), url, onPage);
        }
        return taken;
    }

    private boolean take(Participant system, FeedMappedRecord r) {
        MessageType type = MessageType.forPayload(r.record().getClass());
        String id = "feed:" + type.name() + ":" + r.uniqueId();
        Envelope envelope = new Envelope(id, r.ocid(), type, system.code(), List.of(), OffsetDateTime.now(clock),
                json.valueToTree(r.record()), null);
        try {
            byte[] raw = json.writeValueAsBytes(envelope);
            return intake.accept(system, Channel.FEED, envelope, raw).status() == IntakeResult.Status.ACCEPTED;
        } catch (RefusedException e) {
            LOG.error("feed of {}: release {} ({}) refused: {}", system.code(), r.releaseId(), id, e.getMessage());
            return false;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ${adapter.*} values of its feed mapping: its code, its (first) region, and its adapter's values. */
    private static Map<String, String> adapterValues(Participant system) {
        Map<String, String> values = new HashMap<>(system.values());
        values.put("code", system.code());
        if (!system.regions().isEmpty()) {
            values.put("region", system.regions().get(0));
        }
        return values;
    }

    /** Where to read from: the page an interrupted read stopped at, or everything since the watermark. */
    private String start(Participant system) {
        String feed = system.endpoint("feed").orElseThrow().toString();
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT watermark, next_url FROM feed_watermark"
                + " WHERE system_code = ?", system.code());
        if (rows.isEmpty()) {
            return feed;
        }
        Object next = rows.get(0).get("next_url");
        if (next != null) {
            return next.toString();
        }
        Object watermark = rows.get(0).get("watermark");
        return watermark == null ? feed : feed + (feed.contains("?") ? "&" : "?") + "since="
                + URLEncoder.encode(watermark.toString(), StandardCharsets.UTF_8);
    }

    private void advance(Participant system, OffsetDateTime watermark, String next, long taken) {
        Timestamp now = Timestamp.from(clock.instant());
        String mark = watermark == null ? null : watermark.toString();
        int updated = jdbc.update("UPDATE feed_watermark SET watermark = COALESCE(?, watermark), next_url = ?,"
                + " records = records + ?, updated_at = ? WHERE system_code = ?", mark, next, taken, now, system.code());
        if (updated == 0) {
            jdbc.update("INSERT INTO feed_watermark (system_code, watermark, next_url, records, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", system.code(), mark, next, taken, now);
        }
    }

    /** One page, read within {@code hub.limits.feed-page} and {@code hub.limits.json-depth}, or why it is refused. */
    private JsonNode fetch(Participant system, String url) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET()
                .header("Accept", "application/json");
        HttpResponse<InputStream> response = http().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        byte[] body;
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("GET " + url + " answered HTTP " + response.statusCode());
            }
            long limit = limits.feedPage().toBytes();
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                throw new IOException("GET " + url + ": the page is more than " + limit + " bytes, "
                        + HubLimits.over(limits.feedPage(), "feed-page"));
            }
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            var limit = ModelJson.constraintBroken(json, e);
            if (limit.isPresent()) {
                throw new IOException("GET " + url + ": the page " + limit.get(), e);
            }
            throw new IOException("GET " + url + ": the page is not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        }
    }
}
