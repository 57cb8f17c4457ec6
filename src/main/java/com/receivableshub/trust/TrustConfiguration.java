package com.receivableshub.trust;

import com.receivableshub.HubProperties;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.participant.SecretRef;
import com.receivableshub.participant.SecretResolver;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Signing and verification. The hub's keys are PEM files ({@code hub.signing.sm2-key} and
 * {@code hub.signing.sm2-certificate}, {@code hub.signing.ecdsa-key} and {@code hub.signing.ecdsa-certificate}) or
 * PKCS#12 files with their password by reference ({@code hub.signing.sm2-pkcs12}, {@code hub.signing.ecdsa-pkcs12},
 * {@code hub.signing.pkcs12-password}). By default they are the demo certificate authority's, in
 * {@code ${hub.data-dir}/pki}.
 */
@Configuration(proxyBeanMethods = false)
public class TrustConfiguration {

    @Bean
    HubKeys hubKeys(HubProperties hub, SecretResolver secrets, DemoPki demoPki,
                    @Value("${hub.signing.sm2-key:}") String sm2Key,
                    @Value("${hub.signing.sm2-certificate:}") String sm2Certificate,
                    @Value("${hub.signing.sm2-pkcs12:}") String sm2Pkcs12,
                    @Value("${hub.signing.ecdsa-key:}") String ecdsaKey,
                    @Value("${hub.signing.ecdsa-certificate:}") String ecdsaCertificate,
                    @Value("${hub.signing.ecdsa-pkcs12:}") String ecdsaPkcs12,
                    @Value("${hub.signing.pkcs12-password:}") String pkcs12Password) {
        return new HubKeys(
                key(hub, secrets, sm2Key, sm2Certificate, sm2Pkcs12, pkcs12Password, demoPki.sm2Dir(), hub.code()),
                key(hub, secrets, ecdsaKey, ecdsaCertificate, ecdsaPkcs12, pkcs12Password, demoPki.ecdsaDir(),
                        hub.code()));
    }

    private static SigningKey key(HubProperties hub, SecretResolver secrets, String key, String certificate,
                                  String pkcs12, String password, Path demoDir, String code) {
        if (!pkcs12.isBlank()) {
            return KeyMaterial.pkcs12(hub.homePath().resolve(pkcs12),
                    secrets.resolve(SecretRef.parse("hub.signing.pkcs12-password", password)));
        }
        if (!key.isBlank()) {
            return KeyMaterial.pem(hub.homePath().resolve(key), hub.homePath().resolve(certificate));
        }
        return Pki.load(demoDir, code);
    }

    @Bean
    SignatureService signatureService(HubKeys keys) {
        return new CmsSignatureService(keys.sm2());
    }

    @Bean
    RegisteredCertificates registeredCertificates(ParticipantDirectory directory) {
        return new RegisteredCertificates(directory);
    }

    @Bean
    InboundSignatures inboundSignatures(SignatureService signatures, RegisteredCertificates certificates) {
        return new InboundSignatures(signatures, certificates);
    }
}
