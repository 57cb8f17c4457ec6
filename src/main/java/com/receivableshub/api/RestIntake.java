package com.receivableshub.api;

import com.receivableshub.model.Envelope;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.pipeline.Channel;
import com.receivableshub.pipeline.EnvelopeReader;
import com.receivableshub.pipeline.IntakeResult;
import com.receivableshub.pipeline.IntakeService;
import com.receivableshub.pipeline.RefusedException;
import com.receivableshub.security.CallerIdentityFilter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** The REST side of the intake: who is calling, the envelope they sent, and the answer. */
@Component("restIntake")
public class RestIntake {

    private final ParticipantDirectory directory;
    private final EnvelopeReader reader;
    private final IntakeService intake;

    public RestIntake(ParticipantDirectory directory, EnvelopeReader reader, IntakeService intake) {
        this.directory = directory;
        this.reader = reader;
        this.intake = intake;
    }

    /** POST /api/v1/messages: 202 when accepted, 200 when the same message was already taken. */
    public IntakeResult accept(Exchange exchange) {
        Participant caller = caller(exchange);
        byte[] body = exchange.getMessage().getBody(byte[].class);
        Envelope envelope = reader.read(body);
        IntakeResult result = intake.accept(caller, Channel.REST, envelope, body);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE,
                result.status() == IntakeResult.Status.ACCEPTED ? 202 : 200);
        return result;
    }

    /** GET /api/v1/participants/me: who the hub takes the caller for. */
    public Map<String, Object> me(Exchange exchange) {
        Participant p = caller(exchange);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("code", p.code());
        view.put("name", p.name());
        view.put("roles", p.roles().stream().map(Enum::name).sorted().toList());
        view.put("regions", p.regions());
        p.brokerUser().ifPresent(u -> view.put("queue", p.queue()));
        return view;
    }

    public Participant caller(Exchange exchange) {
        String code = exchange.getMessage().getHeader(CallerIdentityFilter.CALLER, String.class);
        return directory.byCode(code)
                .orElseThrow(() -> new RefusedException(401, CallerIdentityFilter.API_KEY, "caller is not identified"));
    }
}
