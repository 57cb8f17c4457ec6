package com.receivableshub.mapping;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The YAML of a feed mapping file, merged over the file it {@code extends}: a province whose feed differs from
 * OCDS 1.1 in a few places writes only those places. Sections merge key by key; a field's value replaces the
 * base's as a whole (merging two expressions would make a third that nobody wrote), and {@code ~} removes it.
 *
 * @param source the file, and the files it extends, for messages
 * @param root   the merged YAML tree, without {@code extends}
 */
record FeedMappingFile(String source, JsonNode root) {

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            // yes/no and the like are values of the feed here, not YAML booleans
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            // a field mapped twice would silently keep the last one
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());
    /** Where keys merge; everywhere else the extending file's value replaces the base's. */
    private static final Set<String> SECTIONS = Set.of("", "package", "release", "records", "records.*",
            "records.*.fields");

    static FeedMappingFile read(Path file) {
        return read(file, new ArrayList<>());
    }

    private static FeedMappingFile read(Path file, List<Path> extending) {
        JsonNode root = parse(file);
        JsonNode base = root.get("extends");
        if (base == null) {
            return new FeedMappingFile(file.toString(), root);
        }
        if (!"json".equals(root.path("format").asText())) {
            // every file says what it is, so that nobody takes it for a CSV layout
            throw problem(file, "field 'format': is missing: a feed mapping has format: json, also when it extends"
                    + " another");
        }
        if (!base.isTextual() || base.asText().isBlank()) {
            throw problem(file, "field 'extends': must name a mapping file, e.g. ocds-1.1.yaml");
        }
        Path basePath = file.resolveSibling(base.asText()).normalize();
        extending.add(file.toAbsolutePath().normalize());
        if (extending.contains(basePath.toAbsolutePath().normalize())) {
            throw problem(file, "field 'extends': '" + base.asText() + "' extends this file again");
        }
        if (!Files.isRegularFile(basePath)) {
            throw problem(file, "field 'extends': file '" + base.asText() + "' not found (looked for " + basePath
                    + ")");
        }
        FeedMappingFile loaded = read(basePath, extending);
        ObjectNode merged = (ObjectNode) merge(loaded.root(), root, "");
        merged.remove("extends");
        return new FeedMappingFile(file + " (extends " + loaded.source() + ")", merged);
    }

    private static JsonNode parse(Path file) {
        String text;
        try {
            // strict decoding: a mapping saved as GBK would otherwise yield mojibake constants
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw problem(file, "is not UTF-8 text");
        } catch (IOException e) {
            throw problem(file, "cannot be read: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw problem(file, "is not valid YAML" + (at == null ? "" : " (line " + at.getLineNr() + ")") + ": "
                    + yamlProblem(e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw problem(file, "is empty or not a YAML mapping");
        }
        return root;
    }

    /** The parser's own lines ("expected ',' or '}', but got ["), without the quoted source and caret lines. */
    private static String yamlProblem(String message) {
        String problem = String.join(": ", message.lines()
                .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0))).toList());
        // the usual slip: inside { } and [ ], YAML reads the brackets of suppliers[0].id as its own
        return problem.contains("flow") ? problem + " (inside { } or [ ], quote a path with brackets:"
                + " \"suppliers[0].id\")" : problem;
    }

    private static JsonNode merge(JsonNode base, JsonNode over, String at) {
        if (!SECTIONS.contains(at) || !base.isObject() || !over.isObject()) {
            return over;
        }
        ObjectNode merged = ((ObjectNode) base).deepCopy();
        for (Map.Entry<String, JsonNode> e : over.properties()) {
            String inside = at.isEmpty() ? e.getKey() : at.equals("records") ? "records.*" : at + "." + e.getKey();
            if (e.getValue().isNull()) {
                merged.remove(e.getKey());
            } else if (merged.has(e.getKey())) {
                merged.set(e.getKey(), merge(merged.get(e.getKey()), e.getValue(), inside));
            } else {
                merged.set(e.getKey(), e.getValue());
            }
        }
        return merged;
    }

    private static FeedMappingException problem(Path file, String reason) {
        return new FeedMappingException(List.of(file + ": " + reason));
    }
}
