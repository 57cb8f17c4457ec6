package com.receivableshub.trust;

import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The certificate each participant registered in its adapter file, read once at start. */
public final class RegisteredCertificates {

    private final Map<String, X509Certificate> byCode = new HashMap<>();

    public RegisteredCertificates(ParticipantDirectory directory) {
        for (Participant p : directory.all()) {
            p.certificate().ifPresent(path -> byCode.put(p.code(), KeyMaterial.readCertificate(path)));
        }
    }

    public Optional<X509Certificate> of(String code) {
        return Optional.ofNullable(byCode.get(code));
    }
}
