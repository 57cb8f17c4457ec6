package com.receivableshub.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.ModelJson;
import java.io.IOException;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Parses the bytes of an envelope, or says exactly where and why they are not one. */
@Component
public class EnvelopeReader {

    private final ObjectMapper json;

    public EnvelopeReader(ObjectMapper json) {
        this.json = json;
    }

    public Envelope read(byte[] body) {
        if (body == null || body.length == 0) {
            throw new RefusedException(400, "body", "is empty: an envelope (JSON) is expected");
        }
        try {
            Envelope envelope = json.readValue(body, Envelope.class);
            if (envelope == null) {
                throw new RefusedException(400, "body", "is JSON null: an envelope is expected");
            }
            return envelope;
        } catch (JsonProcessingException e) {
            throw refusal(e);
        } catch (IOException e) {
            throw new RefusedException(400, "body", "cannot be read: " + e.getMessage());
        }
    }

    private RefusedException refusal(JsonProcessingException e) {
        // a reading limit first: Jackson reports a nesting too deep inside a bound value as a mapping failure
        var limit = ModelJson.constraintBroken(json, e);
        if (limit.isPresent()) {
            return new RefusedException(400, "body", limit.get());
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return new RefusedException(400, path(u), "is not a field of the envelope");
        }
        if (e instanceof InvalidFormatException i) {
            return new RefusedException(400, path(i), "value '" + i.getValue() + "' is not a valid "
                    + i.getTargetType().getSimpleName());
        }
        if (e instanceof JsonMappingException m) {
            return new RefusedException(400, path(m), m.getOriginalMessage());
        }
        return new RefusedException(400, "body", "is not valid JSON at line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "body" : path;
    }
}
