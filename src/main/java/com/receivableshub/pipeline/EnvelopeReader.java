package com.receivableshub.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
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
        } catch (UnrecognizedPropertyException e) {
            throw new RefusedException(400, path(e), "is not a field of the envelope");
        } catch (InvalidFormatException e) {
            throw new RefusedException(400, path(e), "value '" + e.getValue() + "' is not a valid "
                    + e.getTargetType().getSimpleName());
        } catch (JsonMappingException e) {
            throw new RefusedException(400, path(e), e.getOriginalMessage());
        } catch (StreamConstraintsException e) {
            throw new RefusedException(400, "body", ModelJson.constraintBroken(json, e));
        } catch (JsonProcessingException e) {
            throw new RefusedException(400, "body", "is not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RefusedException(400, "body", "cannot be read: " + e.getMessage());
        }
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "body" : path;
    }
}
