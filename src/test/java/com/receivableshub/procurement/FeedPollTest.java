package com.receivableshub.procurement;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.receivableshub.demo.FunderClient;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.support.HubTestSupport;
import com.receivableshub.support.Partners;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Step 1, pull: the Fujian procurement system's OCDS feed (WireMock, two pages) read page by page; a read cut off
 * after the first page resumes at the second without losing or repeating anything; the next poll asks only for
 * what is newer than the watermark.
 */
class FeedPollTest extends HubTestSupport {

    static final String BANK = "91350200123456700W";
    static final String FACTOR = "91310100666677700N";
    static final Partners PARTNERS = new Partners();

    @Autowired
    FeedPoller poller;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void partners(DynamicPropertyRegistry registry) {
        PARTNERS.register(registry);
    }

    @AfterAll
    static void stopPartners() {
        PARTNERS.stop();
    }

    @Test
    void aCutOffReadResumesWithoutLossOrRepeatAndTheNextPollStartsAtTheWatermark() throws Exception {
        // The second page fails once, as if the hub had stopped after the first.
        PARTNERS.server().stubFor(get(urlPathEqualTo("/procurement/ocds")).atPriority(1)
                .withQueryParam("page", equalTo("2")).inScenario("cut").whenScenarioStateIs("Started")
                .willSetStateTo("back").willReturn(aResponse().withStatus(503)));
        poller.pollAll();
        Map<String, Object> mark = jdbc.queryForMap("SELECT * FROM feed_watermark");
        assertThat((String) mark.get("next_url")).endsWith("/procurement/ocds?page=2");

        poller.pollAll();
        mark = jdbc.queryForMap("SELECT * FROM feed_watermark");
        assertThat(mark.get("next_url")).isNull();
        assertThat((String) mark.get("watermark")).startsWith("2026-11-01T09:00");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM procurement_payment WHERE payment_id = 'TX-1'",
                Integer.class)).isEqualTo(1);

        poller.pollAll();
        PARTNERS.server().verify(getRequestedFor(urlPathEqualTo("/procurement/ocds"))
                .withQueryParam("since", matching("2026-11-01T09:00.*")));

        for (String funder : List.of(BANK, FACTOR)) {
            try (FunderClient client = funderClient(participant(funder))) {
                Envelope award = client.receive(Duration.ofSeconds(10)).orElseThrow();
                Envelope contract = client.receive(Duration.ofSeconds(10)).orElseThrow();
                assertThat(award.type()).isEqualTo(MessageType.AWARD_NOTICE);
                assertThat(award.payload().path("noticeId").asText()).isEqualTo("AW-FEED-1");
                assertThat(award.payload().path("supplierCode").asText()).isEqualTo("913501002611234009");
                assertThat(award.payload().path("region").asText()).isEqualTo("350102");
                assertThat(contract.type()).isEqualTo(MessageType.CONTRACT);
                assertThat(contract.payload().path("paymentPlan")).hasSize(2);
                assertThat(client.receive(Duration.ofMillis(700))).as("nothing twice").isEmpty();
            }
        }
    }
}
