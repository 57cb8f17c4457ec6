package com.receivableshub.trust;

import com.receivableshub.HubProperties;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.SignatureAlgorithm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The demo certificate authority in {@code ${hub.data-dir}/pki}: where secrets may be generated (demo, development,
 * tests), every participant and the hub get a key and a certificate on first start, so that the adapters'
 * {@code certificate:} files exist and the simulators can sign. The hub's ECDSA key lives in {@code pki/ecdsa}.
 * Each participant also gets a TLS client certificate from the demo TLS authority ({@link TlsPki}) in
 * {@code pki/tls}. In production the adapters name real certificates and nothing is generated.
 */
@Component
public class DemoPki {

    private final HubProperties hub;

    public DemoPki(HubProperties hub) {
        this.hub = hub;
    }

    public Path sm2Dir() {
        return hub.dataPath().resolve("pki");
    }

    public Path ecdsaDir() {
        return sm2Dir().resolve("ecdsa");
    }

    /** The demo TLS authority: the hub's server key store, the trust store and the participants' client certificates. */
    public Path tlsDir() {
        return sm2Dir().resolve("tls");
    }

    /** Makes what is missing; keeps what exists. */
    public void ensure(List<Participant> participants) {
        if (!hub.secrets().generateMissing()) {
            return;
        }
        List<Pki.Subject> subjects = new ArrayList<>();
        boolean hubListed = false;
        for (Participant p : participants) {
            subjects.add(new Pki.Subject(p.name(), p.code(), p.signature()));
            hubListed |= p.code().equals(hub.code());
        }
        if (!hubListed) {
            subjects.add(new Pki.Subject("receivables-hub", hub.code(), SignatureAlgorithm.SM2));
        }
        Pki.generate(sm2Dir(), subjects);
        Pki.generate(ecdsaDir(), List.of(new Pki.Subject("receivables-hub", hub.code(), SignatureAlgorithm.ECDSA_P256)));
        TlsPki.ensureClients(tlsDir(), participants.stream().map(p -> new TlsPki.Client(p.name(), p.code())).toList());
    }
}
