package com.receivableshub.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

import static com.receivableshub.model.SampleMessages.FUNDER;
import static com.receivableshub.model.SampleMessages.HUB;
import static org.assertj.core.api.Assertions.assertThat;

/** The JSON Schemas in the repo and the records describe the same messages, and the schemas bite. */
class SchemaConformanceTest {

    private static final ObjectMapper JSON = ModelJson.newMapper();
    private static final String BAD_CODE = "91350100M00010OY43"; // letter O is not in the GB 32100 alphabet
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(MessageType.SCHEMA_BASE_URI,
                    "classpath:" + MessageType.SCHEMA_FOLDER)));
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();
    private static final Map<String, JsonNode> SCHEMA_TREES = new ConcurrentHashMap<>();

    // --- samples conform ---------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void everySampleConformsToItsSchema(MessageType type) {
        assertThat(errors(type.schemaFile(), wire(SampleMessages.sample(type)))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("com.receivableshub.model.SampleMessages#variants")
    void everyVariantConformsToItsSchema(Record variant) {
        MessageType type = MessageType.forPayload(variant.getClass());
        assertThat(errors(type.schemaFile(), wire(variant))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void everySampleEnvelopeConformsToTheEnvelopeSchema(MessageType type) {
        Envelope envelope = Envelope.of(type, HUB, List.of(FUNDER), SampleMessages.sample(type), JSON)
                .withCorrelationId("3f0c9a52-1d2e-4b8f-9c41-2a7e5d6b8c10")
                .withSignature(new Signature("SM3withSM2", "MIIBXwYJKoZIhvcNAQcCoIIBUDCCAUwCAQEx+/8="));
        assertThat(errors("envelope.schema.json", wire(envelope))).isEmpty();
    }

    // --- mutated samples fail ------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("typesWithCodes")
    void aBadCreditCodeFailsTheSchema(MessageType type) {
        JsonNode json = wire(SampleMessages.sample(type));
        Field code = find(json, (name, value) -> name.endsWith("Code") && value.isTextual()).orElseThrow();
        code.parent().put(code.name(), BAD_CODE);

        assertThat(errors(type.schemaFile(), json)).as("%s with %s = %s", type, code.name(), BAD_CODE).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("typesWithMoney")
    void anAmountWithThreeDecimalsFailsTheSchema(MessageType type) {
        JsonNode json = wire(SampleMessages.sample(type));
        Field amount = find(json, (name, value) -> value.isBigDecimal()).orElseThrow();
        BigDecimal threeDecimals = amount.parent().get(amount.name()).decimalValue().add(new BigDecimal("0.001"));
        amount.parent().put(amount.name(), threeDecimals);

        assertThat(errors(type.schemaFile(), json)).as("%s with %s = %s", type, amount.name(), threeDecimals)
                .isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void anUnknownTopLevelFieldFailsTheSchema(MessageType type) {
        ObjectNode json = (ObjectNode) wire(SampleMessages.sample(type));
        json.put("unexpectedField", "x");

        assertThat(errors(type.schemaFile(), json)).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("typesWithNestedRecords")
    void anUnknownNestedFieldFailsTheSchema(MessageType type) {
        JsonNode json = wire(SampleMessages.sample(type));
        ObjectNode nested = firstNestedObject(json).orElseThrow();
        nested.put("unexpectedField", "x");

        assertThat(errors(type.schemaFile(), json)).isNotEmpty();
    }

    @Test
    void mutationsReachMostTypes() {
        assertThat(typesWithCodes()).hasSizeGreaterThan(20);
        assertThat(typesWithMoney()).hasSizeGreaterThan(12);
        assertThat(typesWithNestedRecords()).hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void aNoticeWithBothReceivablesAndAContractFailsTheSchema() {
        ObjectNode json = (ObjectNode) wire(SampleMessages.sample(MessageType.PLEDGE_NOTICE));
        json.put("contractId", "HT-1");

        assertThat(errors("pledge-notice.schema.json", json)).isNotEmpty();
    }

    @Test
    void aRefusalWithoutReasonFailsTheSchema() {
        ObjectNode json = (ObjectNode) wire(SampleMessages.sample(MessageType.ACCOUNT_LOCK_ACK));
        json.remove("reason");

        assertThat(errors("account-lock-ack.schema.json", json)).isNotEmpty();
    }

    @Test
    void anEnvelopeWhosePayloadDoesNotMatchItsTypeFailsTheSchema() {
        ObjectNode json = (ObjectNode) wire(Envelope.of(MessageType.PING, HUB, List.of(FUNDER), new Ping("x"), JSON));
        json.set("payload", wire(SampleMessages.sample(MessageType.PAYABLE)));

        assertThat(errors("envelope.schema.json", json)).isNotEmpty();
    }

    @Test
    void anEnvelopeWithABadPayloadFailsTheSchema() {
        ObjectNode json = (ObjectNode) wire(Envelope.of(MessageType.PAYABLE, HUB, List.of(FUNDER),
                SampleMessages.sample(MessageType.PAYABLE), JSON));
        ((ObjectNode) json.get("payload")).put("amount", new BigDecimal("86500.001"));

        assertThat(errors("envelope.schema.json", json)).isNotEmpty();
    }

    @Test
    void anEnvelopeWithoutReceiversFailsTheSchemaButAnEmptyListPasses() {
        ObjectNode json = (ObjectNode) wire(Envelope.of(MessageType.PING, HUB, List.of(FUNDER), new Ping("x"), JSON));
        json.putArray("receivers");
        assertThat(errors("envelope.schema.json", json)).isEmpty();

        json.remove("receivers");
        assertThat(errors("envelope.schema.json", json)).isNotEmpty();
    }

    // --- the folder and the enum agree ---------------------------------------------------------------

    @Test
    void everySchemaFileBelongsToAMessageTypeOrIsShared() throws IOException, URISyntaxException {
        Path folder = Path.of(getClass().getClassLoader().getResource(MessageType.SCHEMA_FOLDER).toURI());
        List<String> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.map(p -> p.getFileName().toString()).toList();
        }
        List<String> expected = new ArrayList<>(List.of("envelope.schema.json", "common.schema.json"));
        Arrays.stream(MessageType.values()).map(MessageType::schemaFile).forEach(expected::add);

        assertThat(files).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void everyMessageTypeHasItsSchemaWithItsId(MessageType type) {
        JsonNode schema = tree(type.schemaFile());

        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText()).isEqualTo(type.schemaId());
        assertThat(schema.path("title").asText()).isEqualTo(type.payloadClass().getSimpleName());
        assertThat(schema.path("description").asText()).isNotBlank();
    }

    @Test
    void theEnvelopeSchemaKnowsEveryTypeAndItsPayloadSchema() {
        JsonNode schema = tree("envelope.schema.json");
        List<String> enumerated = new ArrayList<>();
        schema.at("/properties/type/enum").forEach(n -> enumerated.add(n.asText()));
        List<String> dispatched = new ArrayList<>();
        schema.get("allOf").forEach(rule -> {
            String type = rule.at("/if/properties/type/const").asText();
            assertThat(rule.at("/then/properties/payload/$ref").asText())
                    .isEqualTo(MessageType.valueOf(type).schemaFile());
            dispatched.add(type);
        });

        List<String> names = Arrays.stream(MessageType.values()).map(Enum::name).toList();
        assertThat(enumerated).containsExactlyElementsOf(names);
        assertThat(dispatched).containsExactlyElementsOf(names);
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void schemaMirrorsTheRecord(MessageType type) {
        SchemaMirror.assertMirrors(type.payloadClass(), type.schemaFile(), SchemaConformanceTest::tree);
    }

    @Test
    void envelopeSchemaMirrorsTheEnvelopeRecord() {
        SchemaMirror.assertMirrors(Envelope.class, "envelope.schema.json", SchemaConformanceTest::tree);
    }

    // --- helpers -------------------------------------------------------------------------------------

    static Stream<MessageType> typesWithCodes() {
        return Arrays.stream(MessageType.values())
                .filter(t -> SchemaMirror.hasComponent(t.payloadClass(), c -> c.getName().endsWith("Code")));
    }

    static Stream<MessageType> typesWithMoney() {
        return Arrays.stream(MessageType.values())
                .filter(t -> SchemaMirror.hasComponent(t.payloadClass(), c -> c.getType() == BigDecimal.class));
    }

    static Stream<MessageType> typesWithNestedRecords() {
        return Arrays.stream(MessageType.values()).filter(t -> Arrays.stream(t.payloadClass().getRecordComponents())
                .anyMatch(c -> SchemaMirror.recordTypeOf(c).isPresent()));
    }

    private static Set<ValidationMessage> errors(String file, JsonNode json) {
        JsonSchema schema = SCHEMAS.computeIfAbsent(file,
                f -> FACTORY.getSchema(SchemaLocation.of(MessageType.SCHEMA_BASE_URI + f)));
        return schema.validate(json);
    }

    /** As a partner would receive it: serialized, then parsed. */
    private static JsonNode wire(Object value) {
        try {
            return JSON.readTree(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode tree(String file) {
        return SCHEMA_TREES.computeIfAbsent(file, f -> {
            try (InputStream in = SchemaConformanceTest.class.getClassLoader()
                    .getResourceAsStream(MessageType.SCHEMA_FOLDER + f)) {
                assertThat(in).as("schema file %s", f).isNotNull();
                return JSON.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private record Field(ObjectNode parent, String name) {
    }

    /** Depth first, the first field whose name and value match. */
    private static Optional<Field> find(JsonNode node, BiPredicate<String, JsonNode> match) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (match.test(field.getKey(), field.getValue())) {
                    return Optional.of(new Field((ObjectNode) node, field.getKey()));
                }
                Optional<Field> deeper = find(field.getValue(), match);
                if (deeper.isPresent()) {
                    return deeper;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                Optional<Field> deeper = find(element, match);
                if (deeper.isPresent()) {
                    return deeper;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<ObjectNode> firstNestedObject(JsonNode root) {
        for (JsonNode value : root) {
            if (value.isObject()) {
                return Optional.of((ObjectNode) value);
            }
            if (value.isArray() && !value.isEmpty() && value.get(0).isObject()) {
                return Optional.of((ObjectNode) value.get(0));
            }
        }
        return Optional.empty();
    }
}
