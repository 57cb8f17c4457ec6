package com.receivableshub.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.model.BankAccount;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.ModelJson;
import com.receivableshub.model.NoticeKind;
import com.receivableshub.model.PledgeNotice;
import com.receivableshub.model.ReceivableKey;
import com.receivableshub.participant.SignatureAlgorithm;
import com.receivableshub.trust.CanonicalJson;
import com.receivableshub.trust.CmsSignatureService;
import com.receivableshub.trust.EnvelopeSigner;
import com.receivableshub.trust.Pki;
import com.receivableshub.trust.SigningKey;
import com.receivableshub.trust.Verification;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Signed notices per second through the hub's signing path ({@link EnvelopeSigner} over {@link CmsSignatureService}:
 * canonical JSON of the payload, detached CMS SignedData with signed attributes and the certificate, DER, base64)
 * against raw Bouncy Castle {@code SM3withSM2} {@link Signature}s over the same canonical bytes with the same key.
 * One thread each, in the same run, after a warm-up of both; the measuring time is cut in rounds that alternate the
 * two, so that the other work on a shared machine falls on both alike.
 */
public final class SigningBench implements BenchPart {

    private static final String HUB_CODE = "12100000717800888F";
    private static final int ROUNDS = 4;

    private volatile Result last;

    @Override
    public String name() {
        return "signing";
    }

    public Result last() {
        return last;
    }

    /** Signatures made and the rates, of the measuring rounds only. */
    public record Result(long hubSignatures, long rawSignatures, double hubPerSecond, double rawPerSecond) {
    }

    @Override
    public void run(BenchOptions options, BenchReport report) throws Exception {
        Path pki = Files.createDirectories(options.workDir().resolve("signing-pki"));
        Pki.generate(pki, List.of(new Pki.Subject("receivables-hub", HUB_CODE, SignatureAlgorithm.SM2)));
        SigningKey key = Pki.load(pki, HUB_CODE);
        CmsSignatureService service = new CmsSignatureService(key);
        ObjectMapper json = ModelJson.newMapper();
        Envelope notice = notice(json);
        byte[] content = CanonicalJson.bytes(notice.payload());

        Signature raw = Signature.getInstance("SM3withSM2", new BouncyCastleProvider());
        raw.initSign(key.privateKey());

        // Both paths must make signatures that verify, or their rates mean nothing.
        Envelope signed = EnvelopeSigner.sign(notice, key, service);
        Verification hubCheck = service.verify(content, signed.signature(), key.certificate());
        if (!hubCheck.valid()) {
            throw new IllegalStateException("the hub's signature does not verify: " + hubCheck);
        }
        Signature check = Signature.getInstance("SM3withSM2", new BouncyCastleProvider());
        check.initVerify(key.certificate().getPublicKey());
        check.update(content);
        if (!check.verify(rawSign(raw, content))) {
            throw new IllegalStateException("the raw signature does not verify");
        }

        Duration total = Duration.ofSeconds(Math.max(1, options.soapSeconds()));
        Duration warmUp = SoapBench.warmUp(options.soapSeconds());
        Runnable hubOnce = () -> EnvelopeSigner.sign(notice, key, service);
        Runnable rawOnce = () -> rawSign(raw, content);
        // Warm-up by time and by count: the JIT compiles after so many calls, and on a busy machine a second of
        // wall time can be far too few of them.
        long warmCalls = 500L * warmUp.toSeconds();
        for (long hubCalls = 0, rawCalls = 0; hubCalls < warmCalls || rawCalls < warmCalls; ) {
            hubCalls += loop(hubOnce, warmUp.toNanos() / 4);
            rawCalls += loop(rawOnce, warmUp.toNanos() / 4);
        }
        long roundNanos = total.toNanos() / ROUNDS;
        long[] hub = new long[3];
        long[] rawBc = new long[3];
        for (int round = 0; round < ROUNDS; round++) {
            add(hub, timed(hubOnce, roundNanos));
            add(rawBc, timed(rawOnce, roundNanos));
        }
        Result result = new Result(hub[0], rawBc[0], hub[0] / (hub[1] / 1e9), rawBc[0] / (rawBc[1] / 1e9));
        last = result;
        report.figure("signing.hub_per_s", Math.round(result.hubPerSecond() * 10) / 10.0, "signatures/s");
        report.figure("signing.raw_bc_per_s", Math.round(result.rawPerSecond() * 10) / 10.0, "signatures/s");
        // Per second of the signing thread's own CPU time: what the two cost, whatever else the machine runs.
        report.figure("signing.hub_per_cpu_s", Math.round(hub[0] / (hub[2] / 1e9) * 10) / 10.0, "signatures/s");
        report.figure("signing.raw_bc_per_cpu_s", Math.round(rawBc[0] / (rawBc[2] / 1e9) * 10) / 10.0, "signatures/s");
        report.figure("signing.content_bytes", content.length, "bytes");
        report.ratio("signing", result.hubPerSecond(), result.rawPerSecond(), 0.8);
    }

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    /** Runs {@code once} over and over for about {@code nanos} of wall time; returns how often. */
    private static long loop(Runnable once, long nanos) {
        long end = System.nanoTime() + nanos;
        long n = 0;
        do {
            once.run();
            n++;
        } while (System.nanoTime() < end);
        return n;
    }

    /** As {@link #loop}: {calls, wall nanoseconds, this thread's CPU nanoseconds}. */
    private static long[] timed(Runnable once, long nanos) {
        long cpu0 = CPU.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long n = loop(once, nanos);
        return new long[] {n, System.nanoTime() - t0, CPU.getCurrentThreadCpuTime() - cpu0};
    }

    private static void add(long[] sum, long[] part) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += part[i];
        }
    }

    private static byte[] rawSign(Signature engine, byte[] content) {
        try {
            engine.update(content);
            return engine.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A pledge notice as the hub sends them signed. */
    static Envelope notice(ObjectMapper json) {
        PledgeNotice payload = new PledgeNotice("PN-BENCH-000001", NoticeKind.PLEDGE, "91350200123456700W",
                "913501002611234009", "91350100705432100M",
                List.of(new ReceivableKey("913501002611234009", "91350100705432100M", "AP-2026-000123")), null,
                new BigDecimal("90000.00"),
                new BankAccount("6222020200112233445", "Demo Bank pledge account", "Demo Bank, Fujian Branch"),
                OffsetDateTime.of(2026, 11, 30, 9, 0, 0, 0, ZoneOffset.ofHours(8)));
        return Envelope.of(MessageType.PLEDGE_NOTICE, HUB_CODE, List.of("91350100705432100M"), payload, json);
    }

    /** Runs this part alone: {@code SigningBench [seconds]}, scratch in a temp dir. */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        BenchReport report = new BenchReport(System.out);
        new SigningBench().run(new BenchOptions(0, seconds, 1, null, Files.createTempDirectory("bench-signing")),
                report);
        System.exit(report.missed() == 0 ? 0 : 1);
    }
}
