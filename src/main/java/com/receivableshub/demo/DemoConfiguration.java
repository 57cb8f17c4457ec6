package com.receivableshub.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.trust.DemoPki;
import com.receivableshub.trust.EnvelopeSigner;
import com.receivableshub.trust.Pki;
import com.receivableshub.trust.SignatureService;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** The demo's simulated outside systems; the demo adapters point at them (hub.partners.*-url). */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
public class DemoConfiguration {

    @Bean(destroyMethod = "close")
    PartnerSimulator partnerSimulator(@Value("${hub.demo.partners-port}") int port, ObjectMapper json,
                                      ParticipantDirectory directory, DemoPki pki, SignatureService signatures)
            throws IOException {
        String treasury = directory.withRole(ParticipantRole.TREASURY).get(0).code();
        return new PartnerSimulator(port, json, treasury,
                envelope -> EnvelopeSigner.sign(envelope, Pki.load(pki.sm2Dir(), treasury), signatures));
    }
}
