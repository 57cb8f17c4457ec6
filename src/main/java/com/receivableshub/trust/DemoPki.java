package com.receivableshub.trust;

import com.receivableshub.HubProperties;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.SignatureAlgorithm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The demo certificate authority in {@code ${hub.data-dir}/pki}: where secrets may be generated (demo, development,
 * tests), every participant and the hub get a key and a certificate on first start, so that the adapters'
 * {@code certificate:} files exist and the simulators can sign. The hub's ECDSA key lives in {@code pki/ecdsa}.
 * Each participant also gets a TLS client certificate from the demo TLS authority ({@link TlsPki}) in
 * {@code pki/tls}. In production the adapters name real certificates and nothing is generated.
 *
 * <p>When the hub runs from its main class, the authority is made before the context's beans are
 * ({@link DemoPkiEarlyStart}); then every use of its folders waits for that to finish.
 */
@Component
public class DemoPki {

    private final HubProperties hub;
    private final ObjectProvider<DemoPkiEarlyStart.Started> early;

    public DemoPki(HubProperties hub, ObjectProvider<DemoPkiEarlyStart.Started> early) {
        this.hub = hub;
        this.early = early;
    }

    public Path sm2Dir() {
        awaitEarlyStart();
        return sm2Dir(hub);
    }

    public Path ecdsaDir() {
        awaitEarlyStart();
        return ecdsaDir(hub);
    }

    /** The demo TLS authority: the hub's server key store, the trust store and the participants' client certificates. */
    public Path tlsDir() {
        awaitEarlyStart();
        return tlsDir(hub);
    }

    /**
     * Waits until the authority started before the context (if it was) is made, and rethrows what stopped it.
     *
     * @return whether it had been started so; if not, {@link #ensure} makes it
     */
    public boolean awaitEarlyStart() {
        DemoPkiEarlyStart.Started started = early.getIfAvailable();
        if (started == null) {
            return false;
        }
        try {
            started.done().join();
            return true;
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("making the demo authority failed: " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    /** Makes what is missing; keeps what exists. */
    public void ensure(List<Participant> participants) {
        awaitEarlyStart();
        make(hub, participants);
    }

    /** Makes what is missing for these participants and the hub; keeps what exists. */
    static void make(HubProperties hub, List<Participant> participants) {
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
        Pki.generate(sm2Dir(hub), subjects);
        Pki.generate(ecdsaDir(hub), List.of(new Pki.Subject("receivables-hub", hub.code(), SignatureAlgorithm.ECDSA_P256)));
        TlsPki.ensureClients(tlsDir(hub), participants.stream().map(p -> new TlsPki.Client(p.name(), p.code())).toList());
    }

    private static Path sm2Dir(HubProperties hub) {
        return hub.dataPath().resolve("pki");
    }

    private static Path ecdsaDir(HubProperties hub) {
        return sm2Dir(hub).resolve("ecdsa");
    }

    private static Path tlsDir(HubProperties hub) {
        return sm2Dir(hub).resolve("tls");
    }
}
