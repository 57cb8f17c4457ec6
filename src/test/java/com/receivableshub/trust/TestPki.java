package com.receivableshub.trust;

import com.receivableshub.participant.SignatureAlgorithm;
import java.nio.file.Path;
import java.util.List;

/** Parties of the trust tests, issued by {@link Pki} into a test folder. */
final class TestPki {

    static final String HUB = "12100000717800888F";
    static final String FUNDER = "91350200123456700W";
    static final String OTHER_FUNDER = "91440300777788800Y";
    static final String FACTORING = "91310100666677700N";

    static final List<Pki.Subject> SUBJECTS = List.of(
            new Pki.Subject("receivables-hub", HUB, SignatureAlgorithm.SM2),
            new Pki.Subject("Demo Bank, Fujian Branch (示范银行福建省分行)", FUNDER, SignatureAlgorithm.SM2),
            new Pki.Subject("Pearl River Demo Bank", OTHER_FUNDER, SignatureAlgorithm.SM2),
            new Pki.Subject("Haixi Commercial Factoring (海西商业保理)", FACTORING, SignatureAlgorithm.ECDSA_P256));

    private TestPki() {
    }

    static Path create(Path dir) {
        Pki.generate(dir, SUBJECTS);
        return dir;
    }
}
