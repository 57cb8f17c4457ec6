package com.receivableshub.trust;

import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/** Subject names for messages. Bouncy Castle's style names SERIALNUMBER, where the JDK prints an OID and hex. */
final class CertificateNames {

    private CertificateNames() {
    }

    static String subject(X509Certificate certificate) {
        return subject(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()));
    }

    static String subject(X500Name name) {
        return X500Name.getInstance(BCStyle.INSTANCE, name).toString();
    }
}
