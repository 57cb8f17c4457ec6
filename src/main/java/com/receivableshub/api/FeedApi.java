package com.receivableshub.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.model.FeedBatch;
import com.receivableshub.model.JsonViolations;
import com.receivableshub.model.ModelJson;
import com.receivableshub.model.Violation;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.pipeline.RefusedException;
import com.receivableshub.reversefactoring.FeedIngest;
import com.receivableshub.reversefactoring.FeedIngest.FeedRecord;
import com.receivableshub.reversefactoring.FeedIngest.FeedResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * POST /api/v1/feed: a core enterprise's daily feed as one REST batch. The answer counts what was accepted, what was
 * known already, and names every rejected record by its place in the batch (payables[3]), field and reason.
 */
@Component("feedApi")
public class FeedApi {

    private final RestIntake callers;
    private final FeedIngest feed;
    private final ObjectMapper json;

    public FeedApi(RestIntake callers, FeedIngest feed, ObjectMapper json) {
        this.callers = callers;
        this.feed = feed;
        this.json = json;
    }

    public FeedResult accept(Exchange exchange) {
        Participant caller = callers.caller(exchange);
        if (!caller.has(ParticipantRole.CORE_ENTERPRISE)) {
            throw new RefusedException(403, "X-Api-Key", "only a core enterprise sends a daily feed");
        }
        byte[] body = exchange.getMessage().getBody(byte[].class);
        FeedBatch batch;
        try {
            batch = json.readValue(body, FeedBatch.class);
        } catch (JsonMappingException e) {
            ModelJson.constraintBroken(json, e).ifPresent(reason -> {
                throw new RefusedException(400, "body", reason);
            });
            // the field and why: payables[2].confirmed, 'MAYBE' is not one of [...]
            Violation v = JsonViolations.of("", e);
            throw new RefusedException(400, v.field().isEmpty() ? "body" : v.field(), v.reason());
        } catch (IOException e) {
            ModelJson.constraintBroken(json, e).ifPresent(reason -> {
                throw new RefusedException(400, "body", reason);
            });
            throw new RefusedException(400, "body", "is not a feed batch: " + e.getMessage().lines().findFirst()
                    .orElse(""));
        }
        if (batch == null || batch.batchId() == null || batch.batchId().isBlank()) {
            throw new RefusedException(422, "batchId", "is missing");
        }
        if (!caller.code().equals(batch.coreEnterpriseCode())) {
            throw new RefusedException(403, "coreEnterpriseCode", "'" + batch.coreEnterpriseCode()
                    + "' is not the caller " + caller.code() + ": nobody may send in another participant's name");
        }
        List<FeedRecord> records = new ArrayList<>();
        add(records, "payables", batch.payables());
        add(records, "adjustments", batch.adjustments());
        add(records, "payments", batch.payments());
        add(records, "collectionAccounts", batch.collectionAccounts());
        return feed.ingest(caller, batch.batchId(), records, body);
    }

    private static void add(List<FeedRecord> records, String field, List<?> list) {
        if (list == null) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            records.add(new FeedRecord(field + "[" + i + "]", list.get(i)));
        }
    }
}
