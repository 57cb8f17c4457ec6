package com.receivableshub.trust;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.receivableshub.demo.FunderClient;
import com.receivableshub.model.BankAccount;
import com.receivableshub.model.CreditLineApproval;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.NoticeKind;
import com.receivableshub.model.PledgeNotice;
import com.receivableshub.model.ReceivableKey;
import com.receivableshub.support.HubTestSupport;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What must come in signed, through the real interfaces: unsigned, wrongly signed and someone else's signatures are
 * refused with the reason, recorded nowhere and sent nowhere.
 */
class InboundSignaturesFlowTest extends HubTestSupport {

    static final String CORE = "91350100705432100M";
    static final String SUPPLIER = "91350100M000100Y43";
    static final String BANK = "91350200123456700W";
    static final String FACTOR = "91310100666677700N";

    @Autowired
    JdbcTemplate jdbc;

    Envelope notice(String id) {
        PledgeNotice n = new PledgeNotice(id, NoticeKind.PLEDGE, BANK, SUPPLIER, CORE,
                List.of(new ReceivableKey(SUPPLIER, CORE, "FP-1")), null, new BigDecimal("100.00"),
                new BankAccount("6222020200998877665", "Repayment", "Demo Bank"), OffsetDateTime.now());
        return new Envelope(id, id, MessageType.PLEDGE_NOTICE, BANK, List.of(), OffsetDateTime.now(),
                json.valueToTree(n), null);
    }

    String refusal(Envelope sent) throws Exception {
        try (FunderClient bank = funderClient(participant(BANK))) {
            bank.send(sent);
            Envelope report = bank.receive(Duration.ofSeconds(10)).orElseThrow();
            assertThat(report.type()).isEqualTo(MessageType.ERROR_REPORT);
            assertThat(report.payload().path("refMessageId").asText()).isEqualTo(sent.messageId());
            assertThat(report.payload().path("errors").get(0).path("field").asText()).isEqualTo("signature");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbound_message WHERE message_id = ?", Integer.class,
                    sent.messageId())).as("a refused message is not recorded as taken").isZero();
            return report.payload().path("errors").get(0).path("reason").asText();
        }
    }

    @Test
    void anUnsignedNoticeIsRefused() throws Exception {
        assertThat(refusal(notice("PN-" + UUID.randomUUID()))).startsWith("unsigned");
    }

    @Test
    void aNoticeSignedWithAnotherParticipantsKeyIsRefused() throws Exception {
        Envelope byOtherBank = signed(notice("PN-" + UUID.randomUUID()), participant("91440300777788800Y"));
        assertThat(refusal(byOtherBank)).contains("not by the registered certificate");
        Envelope byFactor = signed(notice("PN-" + UUID.randomUUID()), participant(FACTOR));
        assertThat(refusal(byFactor)).contains("does not match the registered certificate of the sender");
    }

    @Test
    void aNoticeChangedAfterSigningIsRefused() throws Exception {
        Envelope e = signed(notice("PN-" + UUID.randomUUID()), participant(BANK));
        ((ObjectNode) e.payload()).put("amount", new BigDecimal("999999.00"));
        assertThat(refusal(e)).contains("does not match");
    }

    @Test
    void garbageInTheSignatureIsRefused() throws Exception {
        Envelope e = notice("PN-" + UUID.randomUUID());
        Envelope garbage = new Envelope(e.messageId(), e.correlationId(), e.type(), e.sender(), e.receivers(),
                e.time(), e.payload(), new com.receivableshub.model.Signature("SM2", "bm90IGEgQ01T"));
        assertThat(refusal(garbage)).isNotBlank();
    }

    @Test
    void anUnsignedApprovalOverRestIsRefusedWithTheField() throws Exception {
        Envelope e = new Envelope(UUID.randomUUID().toString(), null, MessageType.CREDIT_LINE_APPROVAL, CORE,
                List.of(), OffsetDateTime.now(), json.valueToTree(new CreditLineApproval("CL-1", CORE, true, null)),
                null);
        HttpResponse<String> response = http().post("/api/v1/messages", apiKey(participant(CORE)),
                "application/json", json.writeValueAsString(e));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json.readTree(response.body()).path("errors").get(0).path("field").asText()).isEqualTo("signature");
    }
}
