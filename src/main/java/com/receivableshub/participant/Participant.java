package com.receivableshub.participant;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A connected party as its adapter file describes it: who it is, how it proves it, where the hub reaches it,
 * how it signs and which formats it speaks.
 *
 * @param source       the adapter file it was loaded from
 * @param code         unified social credit code
 * @param regions      administrative division codes it serves (funders, procurement systems) or belongs to
 * @param apiKey       REST/SOAP API key, by reference
 * @param clientCertificate PEM of the TLS client certificate it calls with, if any
 * @param brokerUser   its user on the hub's broker (funders)
 * @param brokerPassword its broker password, by reference
 * @param soapPassword the password of its WS-Security UsernameToken on SOAP (username: its credit code), by reference
 * @param endpoints    named outside endpoints (erp, registry, treasury, feed, ...), placeholders resolved
 * @param certificate  PEM of the certificate its signatures verify against
 * @param formats      named mapping files in mappings/
 * @param retry        how long the hub keeps retrying calls to it
 * @param values       facts about it that its formats need and cannot carry (e.g. the finance department a
 *                     procurement system's contracts are paid by), named as the mapping files use them
 */
public record Participant(
        Path source,
        String code,
        String name,
        Set<ParticipantRole> roles,
        List<String> regions,
        Optional<SecretRef> apiKey,
        Optional<Path> clientCertificate,
        Optional<String> brokerUser,
        Optional<SecretRef> brokerPassword,
        Optional<SecretRef> soapPassword,
        Map<String, URI> endpoints,
        Optional<Path> certificate,
        SignatureAlgorithm signature,
        Map<String, String> formats,
        RetryPolicy retry,
        Map<String, String> values) {

    public boolean has(ParticipantRole role) {
        return roles.contains(role);
    }

    /** The durable queue the hub delivers this funder's messages to. */
    public String queue() {
        return FunderQueues.queueOf(code);
    }

    public Optional<URI> endpoint(String name) {
        return Optional.ofNullable(endpoints.get(name));
    }
}
