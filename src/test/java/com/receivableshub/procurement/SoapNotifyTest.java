package com.receivableshub.procurement;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.receivableshub.demo.FunderClient;
import com.receivableshub.demo.ProcurementSoapClient;
import com.receivableshub.model.BankAccount;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.FinancingApplication;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.NoticeConfirmation;
import com.receivableshub.model.RepaymentAccount;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.smoke.SmokeSamples;
import com.receivableshub.soap.procurement.ProcurementIntakePort;
import com.receivableshub.support.HubTestSupport;
import com.receivableshub.support.Partners;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A procurement system whose adapter names a SOAP service (endpoints.notify-soap) gets the confirmed repayment
 * account over SOAP (ProcurementNotify, contracts/wsdl/procurement-notify.wsdl), signed, instead of REST.
 */
class SoapNotifyTest extends HubTestSupport {

    static final String SUPPLIER = "913501002611234009";
    static final String BANK = "91350200123456700W";
    static final Partners PARTNERS = new Partners();

    @DynamicPropertySource
    static void setUp(DynamicPropertyRegistry registry) {
        PARTNERS.register(registry);
        Path adapters = tempDir("adapters");
        try (Stream<Path> files = Files.list(Path.of("adapters"))) {
            for (Path f : files.toList()) {
                String text = Files.readString(f);
                if (f.getFileName().toString().startsWith("procurement-")) {
                    text = text.replace("endpoints:\n",
                            "endpoints:\n  notify-soap: ${hub.partners.procurement-url}/notify\n");
                }
                Files.writeString(adapters.resolve(f.getFileName()), text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("hub.adapters-dir", adapters::toString);
    }

    @AfterAll
    static void stopPartners() {
        PARTNERS.stop();
    }

    @Test
    void theRepaymentAccountGoesOverSoapWhenTheAdapterSaysSo() throws Exception {
        Participant procurement = first(ParticipantRole.PROCUREMENT_SYSTEM);
        assertThat(procurement.endpoint("notify-soap")).isPresent();
        ProcurementIntakePort port = ProcurementSoapClient.connect(baseUrl(), apiKey(procurement));
        String contractId = "HT-" + UUID.randomUUID();
        port.submitContract(SmokeSamples.request("r-" + contractId, SmokeSamples.contract(procurement, contractId, null)));
        try (FunderClient bank = funderClient(participant(BANK))) {
            assertThat(bank.receive(Duration.ofSeconds(10)).orElseThrow().type()).isEqualTo(MessageType.CONTRACT);
            assertThat(post(SUPPLIER, MessageType.FINANCING_APPLICATION, new FinancingApplication(
                    "APP-" + UUID.randomUUID(), SUPPLIER, BANK, contractId, null, new BigDecimal("1000.00"), "plan")))
                    .isEqualTo(202);
            String designation = "RA-" + UUID.randomUUID();
            bank.send(envelope(BANK, MessageType.REPAYMENT_ACCOUNT, new RepaymentAccount(designation, BANK, SUPPLIER,
                    contractId, new BankAccount("6222020200776655443", "Demo Bank repayment", "Demo Bank"))));
            await().atMost(Duration.ofSeconds(10)).until(() -> !PARTNERS.server().findAll(
                    postRequestedFor(urlEqualTo("/portal/repayment-accounts"))
                            .withRequestBody(containing(designation))).isEmpty());
            assertThat(post(SUPPLIER, MessageType.NOTICE_CONFIRMATION, new NoticeConfirmation(designation, SUPPLIER,
                    true))).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> PARTNERS.server().verify(
                    postRequestedFor(urlEqualTo("/procurement/notify"))
                            .withRequestBody(containing("<designationId>" + designation + "</designationId>"))
                            .withRequestBody(containing("<signatureAlgorithm>SM2</signatureAlgorithm>"))));
            assertThat(PARTNERS.server().findAll(postRequestedFor(urlEqualTo("/procurement/api/repayment-accounts"))))
                    .isEmpty();
        }
    }

    int post(String sender, MessageType type, Object payload) throws Exception {
        return http().post("/api/v1/messages", apiKey(participant(sender)), "application/json",
                json.writeValueAsString(envelope(sender, type, payload))).statusCode();
    }

    Envelope envelope(String sender, MessageType type, Object payload) {
        String id = UUID.randomUUID().toString();
        return new Envelope(id, id, type, sender, List.of(), OffsetDateTime.now(), json.valueToTree(payload), null);
    }
}
