package com.receivableshub.participant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every participant the hub knows, looked up by credit code, API key or broker user. Built once at start from
 * the adapter files; all secrets are resolved then, so a missing one stops start-up rather than a later call.
 */
public final class ParticipantDirectory {

    private final Map<String, Participant> byCode = new LinkedHashMap<>();
    private final Map<String, Participant> byApiKeyHash = new LinkedHashMap<>();
    private final Map<String, Participant> byBrokerUser = new LinkedHashMap<>();
    private final Map<String, String> brokerPasswordHash = new LinkedHashMap<>();
    private final Map<String, Participant> byClientCertificate = new LinkedHashMap<>();
    private final Map<String, byte[]> soapPasswords = new LinkedHashMap<>();

    public ParticipantDirectory(List<Participant> participants, SecretResolver secrets) {
        List<String> problems = new ArrayList<>();
        for (Participant p : participants) {
            byCode.put(p.code(), p);
            p.apiKey().ifPresent(ref -> {
                try {
                    Participant other = byApiKeyHash.putIfAbsent(hash(secrets.resolve(ref)), p);
                    if (other != null) {
                        problems.add(p.source() + ": field 'identity.apiKey': the key is also " + other.source() + "'s");
                    }
                } catch (RuntimeException e) {
                    problems.add(p.source() + ": field 'identity.apiKey': " + e.getMessage());
                }
            });
            p.clientCertificate().ifPresent(path -> {
                try {
                    Participant other = byClientCertificate.putIfAbsent(fingerprint(Certificates.readPem(path)), p);
                    if (other != null) {
                        problems.add(p.source() + ": field 'identity.clientCertificate': the certificate is also "
                                + other.source() + "'s");
                    }
                } catch (RuntimeException e) {
                    problems.add(p.source() + ": field 'identity.clientCertificate': " + e.getMessage());
                }
            });
            p.soapPassword().ifPresent(ref -> {
                try {
                    soapPasswords.put(p.code(), secrets.resolve(ref).getBytes(StandardCharsets.UTF_8));
                } catch (RuntimeException e) {
                    problems.add(p.source() + ": field 'identity.soapPassword': " + e.getMessage());
                }
            });
            p.brokerUser().ifPresent(user -> {
                byBrokerUser.put(user, p);
                try {
                    brokerPasswordHash.put(user, hash(secrets.resolve(p.brokerPassword().orElseThrow())));
                } catch (RuntimeException e) {
                    problems.add(p.source() + ": field 'identity.brokerPassword': " + e.getMessage());
                }
            });
        }
        if (!problems.isEmpty()) {
            throw new AdapterException(problems);
        }
    }

    public Optional<Participant> byCode(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    public Optional<Participant> byApiKey(String apiKey) {
        return apiKey == null || apiKey.isBlank() ? Optional.empty() : Optional.ofNullable(byApiKeyHash.get(hash(apiKey)));
    }

    public Optional<Participant> byClientCertificate(X509Certificate certificate) {
        return Optional.ofNullable(byClientCertificate.get(fingerprint(certificate)));
    }

    /**
     * The participant whose WS-Security UsernameToken this is: {@code user} is its credit code and {@code digest}
     * is Base64-decoded {@code SHA-1(nonce + created + password)} (UsernameToken Profile 1.1, PasswordDigest).
     */
    public Optional<Participant> authenticateSoapDigest(String user, byte[] nonce, String created, byte[] digest) {
        byte[] password = user == null ? null : soapPasswords.get(user);
        if (password == null || nonce == null || created == null || digest == null) {
            return Optional.empty();
        }
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(nonce);
            sha1.update(created.getBytes(StandardCharsets.UTF_8));
            sha1.update(password);
            return MessageDigest.isEqual(sha1.digest(), digest) ? byCode(user) : Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SHA-256 fingerprint of a certificate's DER encoding, as the hub compares client certificates. */
    public static String certificateFingerprint(X509Certificate certificate) {
        return fingerprint(certificate);
    }

    public Optional<Participant> byBrokerUser(String user) {
        return Optional.ofNullable(user == null ? null : byBrokerUser.get(user));
    }

    /** The participant whose broker user and password these are, if they match. */
    public Optional<Participant> authenticateBrokerUser(String user, String password) {
        String expected = user == null ? null : brokerPasswordHash.get(user);
        if (expected == null || password == null) {
            return Optional.empty();
        }
        boolean same = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                hash(password).getBytes(StandardCharsets.US_ASCII));
        return same ? byBrokerUser(user) : Optional.empty();
    }

    public List<Participant> all() {
        return List.copyOf(byCode.values());
    }

    public List<Participant> withRole(ParticipantRole role) {
        return byCode.values().stream().filter(p -> p.has(role)).toList();
    }

    /** Funders that serve a region (6-digit division code; a province code such as 350000 covers its cities). */
    public List<Participant> fundersOfRegion(String region) {
        return withRole(ParticipantRole.FUNDER).stream()
                .filter(f -> f.regions().stream().anyMatch(r -> covers(r, region)))
                .toList();
    }

    public static boolean covers(String served, String region) {
        return region.startsWith(regionPrefix(served));
    }

    /**
     * What every division code inside a served region starts with: a province code (350000) covers its cities
     * (35xxxx), a city code (350100) its districts (3501xx), a district only itself.
     */
    public static String regionPrefix(String served) {
        if (served.endsWith("0000")) {
            return served.substring(0, 2);
        }
        if (served.endsWith("00")) {
            return served.substring(0, 4);
        }
        return served;
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
