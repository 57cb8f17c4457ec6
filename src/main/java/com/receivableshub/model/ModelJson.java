package com.receivableshub.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * The one JSON configuration of the hub. Strict on input, because a silently ignored or coerced
 * field in a financing message is a fraud or a loss: unknown fields, duplicate keys, numbers as
 * enums, strings as numbers and floats as integers are all errors. Boolean and int components of
 * the records are marked {@code @JsonProperty(required = true)}: a missing one would otherwise read
 * as false or 0. JSON numbers are read exactly as BigDecimal, so an exponent form is exact too.
 */
public final class ModelJson {

    private ModelJson() {
    }

    /** Nesting of objects and arrays read by default (hub.limits.json-depth); the model itself needs fewer than 10. */
    public static final int DEFAULT_MAX_DEPTH = 64;

    /** A new mapper; it is thread-safe, so build it once and share it. */
    public static ObjectMapper newMapper() {
        return newMapper(DEFAULT_MAX_DEPTH);
    }

    /**
     * A new mapper that refuses JSON nested deeper than {@code maxDepth}, as a stream constraint: the parser stops at
     * the first level too deep, before any tree or record is built.
     */
    public static ObjectMapper newMapper(int maxDepth) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
                .build();
        return JsonMapper.builder(factory)
                .addModule(new JavaTimeModule())
                .addModule(moneyModule())
                // Getters and constructors called through generated lambdas rather than reflection: the same JSON,
                // less CPU for every funder batch of a payables file (BENCHMARKS.md)
                .addModule(new BlackbirdModule())
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                // keep the sender's offset: OffsetDateTime equality and signatures depend on it
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // 12.30 must stay 12.30 inside an envelope's payload tree, not become 12.3
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                // a number or boolean where text is expected is a mapping error upstream, not an id
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
    }

    /**
     * Every BigDecimal in the model is CNY: an amount read or written with fewer than two decimals
     * ("12.3", 100) is padded to two so that equal amounts are equal records. More decimals are kept
     * as they are, for {@link ModelValidator} to refuse with the field name.
     */
    private static SimpleModule moneyModule() {
        SimpleModule module = new SimpleModule("cny-money");
        module.addSerializer(BigDecimal.class, new StdSerializer<>(BigDecimal.class) {
            @Override
            public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeNumber(pad(value));
            }
        });
        module.addDeserializer(BigDecimal.class, new NumberDeserializers.BigDecimalDeserializer() {
            @Override
            public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                BigDecimal value = super.deserialize(p, ctxt);
                return value == null ? null : pad(value);
            }
        });
        return module;
    }

    /**
     * The broken stream constraint behind a read failure, as the sender should read it ("is nested deeper than the
     * limit of 64 levels (hub.limits.json-depth)"); empty when the failure is of another kind. Jackson wraps the
     * constraint when it breaks inside a value being bound, so the causes are looked at too.
     */
    public static java.util.Optional<String> constraintBroken(ObjectMapper mapper, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamConstraintsException e) {
                return java.util.Optional.of(describe(mapper, e));
            }
            if (t.getMessage() != null && t.getMessage().contains("StreamReadConstraints.getMaxNestingDepth")) {
                return java.util.Optional.of(depth(mapper));
            }
        }
        return java.util.Optional.empty();
    }

    private static String depth(ObjectMapper mapper) {
        return "is nested deeper than the limit of " + mapper.getFactory().streamReadConstraints().getMaxNestingDepth()
                + " levels (hub.limits.json-depth)";
    }

    private static String describe(ObjectMapper mapper, StreamConstraintsException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (message.contains("nesting depth")) {
            return depth(mapper);
        }
        return "breaks a JSON reading limit: " + message.lines().findFirst().orElse("");
    }

    private static BigDecimal pad(BigDecimal value) {
        return value.scale() < Money.SCALE ? value.setScale(Money.SCALE) : value;
    }
}
