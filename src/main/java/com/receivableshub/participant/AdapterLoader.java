package com.receivableshub.participant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Reads the adapter files ({@code adapters/*.yaml}), one per connected participant, and checks each field.
 * Every problem of every file is collected, so an operator fixes them in one go.
 */
public final class AdapterLoader {

    private static final Set<String> TOP_FIELDS = Set.of(
            "code", "name", "roles", "regions", "identity", "endpoints", "certificate", "signature", "formats", "retry",
            "values", "description");
    private static final Set<String> IDENTITY_FIELDS = Set.of("apiKey", "clientCertificate", "brokerUser", "brokerPassword",
            "soapPassword");
    private static final Set<String> RETRY_FIELDS = Set.of("initialDelay", "maxDelay", "budget");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final Path baseDir;
    private final UnaryOperator<String> placeholders;
    private final boolean certificatesMustExist;

    /**
     * @param baseDir      relative paths in adapter files (certificates, mappings) are resolved against it
     * @param placeholders resolves {@code ${...}} in string values (Spring's environment in the hub)
     */
    public AdapterLoader(Path baseDir, UnaryOperator<String> placeholders) {
        this(baseDir, placeholders, true);
    }

    /**
     * @param certificatesMustExist false for a first pass that only learns who the participants are, before the
     *                              demo certificate authority makes their missing certificates
     */
    public AdapterLoader(Path baseDir, UnaryOperator<String> placeholders, boolean certificatesMustExist) {
        this.baseDir = baseDir;
        this.placeholders = placeholders;
        this.certificatesMustExist = certificatesMustExist;
    }

    public List<Participant> load(Path dir) {
        List<String> problems = new ArrayList<>();
        List<Participant> participants = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            throw new AdapterException(List.of(dir + ": adapters folder not found"));
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        } catch (IOException e) {
            throw new AdapterException(List.of(dir + ": cannot list: " + e.getMessage()));
        }
        for (Path file : files) {
            FileProblems fp = new FileProblems(file, problems);
            try {
                JsonNode root = yaml.readTree(file.toFile());
                if (root == null || !root.isObject()) {
                    fp.add(null, "is empty or not a YAML mapping");
                    continue;
                }
                Participant p = parse(root, fp);
                if (p != null && !fp.any) {
                    participants.add(p);
                }
            } catch (IOException e) {
                fp.add(null, "is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        checkDuplicates(participants, problems);
        if (!problems.isEmpty()) {
            throw new AdapterException(problems);
        }
        return List.copyOf(participants);
    }

    private Participant parse(JsonNode root, FileProblems fp) {
        unknownFields(root, TOP_FIELDS, "", fp);
        String code = text(root, "code", fp, true);
        if (code != null) {
            CreditCode.problem(code).ifPresent(reason -> fp.add("code", "'" + code + "' " + reason));
        }
        String name = text(root, "name", fp, true);
        Set<ParticipantRole> roles = EnumSet.noneOf(ParticipantRole.class);
        JsonNode rolesNode = root.get("roles");
        if (rolesNode == null || !rolesNode.isArray() || rolesNode.isEmpty()) {
            fp.add("roles", "is missing: a list of " + List.of(ParticipantRole.values()));
        } else {
            for (int i = 0; i < rolesNode.size(); i++) {
                String r = rolesNode.get(i).asText();
                try {
                    roles.add(ParticipantRole.valueOf(r));
                } catch (IllegalArgumentException e) {
                    fp.add("roles[" + i + "]", "'" + r + "' is not one of " + List.of(ParticipantRole.values()));
                }
            }
        }
        List<String> regions = new ArrayList<>();
        JsonNode regionsNode = root.get("regions");
        if (regionsNode != null) {
            for (int i = 0; i < regionsNode.size(); i++) {
                String region = regionsNode.get(i).asText();
                if (!region.matches("\\d{6}")) {
                    fp.add("regions[" + i + "]", "'" + region + "' is not a 6-digit administrative division code");
                }
                regions.add(region);
            }
        }
        if ((roles.contains(ParticipantRole.FUNDER) || roles.contains(ParticipantRole.PROCUREMENT_SYSTEM))
                && regions.isEmpty()) {
            fp.add("regions", "is missing: a funder or procurement system must name the regions it serves");
        }

        JsonNode identity = root.path("identity");
        unknownFields(identity, IDENTITY_FIELDS, "identity.", fp);
        Optional<SecretRef> apiKey = secret(identity, "apiKey", "identity.apiKey", fp);
        Optional<Path> clientCert = file(identity, "clientCertificate", "identity.clientCertificate", fp);
        Optional<String> brokerUser = Optional.ofNullable(text(identity, "brokerUser", fp, false));
        Optional<SecretRef> brokerPassword = secret(identity, "brokerPassword", "identity.brokerPassword", fp);
        Optional<SecretRef> soapPassword = secret(identity, "soapPassword", "identity.soapPassword", fp);
        if (apiKey.isEmpty() && clientCert.isEmpty() && brokerUser.isEmpty()
                && (roles.contains(ParticipantRole.SUPPLIER) || roles.contains(ParticipantRole.CORE_ENTERPRISE)
                || roles.contains(ParticipantRole.FUNDER) || roles.contains(ParticipantRole.PROCUREMENT_SYSTEM))) {
            fp.add("identity", "is missing: a participant that calls the hub needs an apiKey, a clientCertificate or a brokerUser");
        }
        if (roles.contains(ParticipantRole.FUNDER) && brokerUser.isEmpty()) {
            fp.add("identity.brokerUser", "is missing: a funder consumes its queue as a broker user");
        }
        if (brokerUser.isPresent() && brokerPassword.isEmpty()) {
            fp.add("identity.brokerPassword", "is missing for broker user '" + brokerUser.get() + "'");
        }
        if (brokerUser.isPresent() && !brokerUser.get().matches("[a-z0-9][a-z0-9._-]{2,63}")) {
            fp.add("identity.brokerUser", "'" + brokerUser.get() + "' must be 3-64 of a-z 0-9 . _ -");
        }

        Map<String, URI> endpoints = new LinkedHashMap<>();
        JsonNode endpointsNode = root.path("endpoints");
        for (Iterator<Map.Entry<String, JsonNode>> it = endpointsNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = "endpoints." + e.getKey();
            try {
                URI uri = URI.create(placeholders.apply(e.getValue().asText()));
                if (uri.getScheme() == null || uri.getHost() == null) {
                    fp.add(field, "'" + uri + "' is not an absolute URL");
                }
                endpoints.put(e.getKey(), uri);
            } catch (IllegalArgumentException ex) {
                fp.add(field, ex.getMessage());
            }
        }
        Optional<Path> certificate = file(root, "certificate", "certificate", fp);

        SignatureAlgorithm signature = SignatureAlgorithm.SM2;
        String sig = text(root, "signature", fp, false);
        if (sig != null) {
            try {
                signature = SignatureAlgorithm.valueOf(sig.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                fp.add("signature", "'" + sig + "' is not one of " + List.of(SignatureAlgorithm.values()));
            }
        }

        Map<String, String> formats = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("formats").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String mapping = e.getValue().asText();
            if (!Files.isRegularFile(baseDir.resolve(mapping))) {
                fp.add("formats." + e.getKey(), "mapping file '" + mapping + "' not found");
            }
            formats.put(e.getKey(), mapping);
        }

        RetryPolicy retry = retry(root.path("retry"), fp);
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("values").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode()) {
                fp.add("values." + e.getKey(), "must be a single value");
            } else {
                values.put(e.getKey(), placeholders.apply(e.getValue().asText()));
            }
        }
        if (fp.any) {
            return null;
        }
        return new Participant(fp.file, code, name, Set.copyOf(roles), List.copyOf(regions), apiKey, clientCert,
                brokerUser, brokerPassword, soapPassword, Map.copyOf(endpoints), certificate, signature, Map.copyOf(formats), retry,
                Map.copyOf(values));
    }

    private RetryPolicy retry(JsonNode node, FileProblems fp) {
        if (node.isMissingNode()) {
            return RetryPolicy.DEFAULT;
        }
        unknownFields(node, RETRY_FIELDS, "retry.", fp);
        Duration initial = duration(node, "initialDelay", RetryPolicy.DEFAULT.initialDelay(), fp);
        Duration max = duration(node, "maxDelay", RetryPolicy.DEFAULT.maxDelay(), fp);
        Duration budget = duration(node, "budget", RetryPolicy.DEFAULT.budget(), fp);
        if (initial != null && max != null && initial.compareTo(max) > 0) {
            fp.add("retry.initialDelay", "is longer than retry.maxDelay");
        }
        return new RetryPolicy(initial, max, budget);
    }

    private Duration duration(JsonNode node, String name, Duration fallback, FileProblems fp) {
        JsonNode value = node.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            Duration d = Duration.parse(value.asText());
            if (d.isNegative() || d.isZero()) {
                fp.add("retry." + name, "must be positive");
            }
            return d;
        } catch (DateTimeParseException e) {
            fp.add("retry." + name, "'" + value.asText() + "' is not an ISO-8601 duration such as PT30S");
            return fallback;
        }
    }

    private String text(JsonNode node, String name, FileProblems fp, boolean required) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            if (required) {
                fp.add(name, "is missing");
            }
            return null;
        }
        if (!value.isValueNode()) {
            fp.add(name, "must be a single value");
            return null;
        }
        return placeholders.apply(value.asText().trim());
    }

    private Optional<SecretRef> secret(JsonNode node, String name, String field, FileProblems fp) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SecretRef.parse(field, placeholders.apply(value.asText())));
        } catch (IllegalArgumentException e) {
            fp.add(field, e.getMessage().substring(field.length() + 1));
            return Optional.empty();
        }
    }

    private Optional<Path> file(JsonNode node, String name, String field, FileProblems fp) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        Path path = baseDir.resolve(placeholders.apply(value.asText()));
        if (certificatesMustExist && !Files.isRegularFile(path)) {
            fp.add(field, "file '" + value.asText() + "' not found");
        }
        return Optional.of(path);
    }

    private static void unknownFields(JsonNode node, Set<String> known, String prefix, FileProblems fp) {
        node.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                fp.add(prefix + f, "is not a known field (known: " + known.stream().sorted().toList() + ")");
            }
        });
    }

    private static void checkDuplicates(List<Participant> participants, List<String> problems) {
        Map<String, Participant> byCode = new HashMap<>();
        Map<String, Participant> byUser = new HashMap<>();
        for (Participant p : participants) {
            Participant other = byCode.putIfAbsent(p.code(), p);
            if (other != null) {
                problems.add(p.source() + ": field 'code': '" + p.code() + "' is already used by " + other.source());
            }
            p.brokerUser().ifPresent(u -> {
                Participant o = byUser.putIfAbsent(u, p);
                if (o != null) {
                    problems.add(p.source() + ": field 'identity.brokerUser': '" + u + "' is already used by " + o.source());
                }
            });
        }
    }

    /** Collects the problems of one file, each naming the file and the field. */
    private static final class FileProblems {
        private final Path file;
        private final List<String> sink;
        private boolean any;

        FileProblems(Path file, List<String> sink) {
            this.file = file;
            this.sink = sink;
        }

        void add(String field, String reason) {
            any = true;
            sink.add(field == null ? file + ": " + reason : file + ": field '" + field + "': " + reason);
        }
    }
}
