package com.receivableshub.procurement;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.demo.FunderClient;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.participant.SecretResolver;
import com.receivableshub.support.HubProcess;
import com.receivableshub.support.HubTestSupport;
import com.receivableshub.support.Partners;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The hub stops in the middle of reading a paged feed; started again, it neither loses nor repeats anything. */
class FeedRestartTest {

    static final Partners PARTNERS = new Partners();

    @AfterAll
    static void stopPartners() {
        PARTNERS.stop();
    }

    @Test
    void aRestartInTheMiddleOfPollingNeitherLosesNorRepeatsAnAward() throws Exception {
        Path dataDir = HubTestSupport.tempDir("hub-feed-restart");
        int brokerPort = HubTestSupport.freePort();
        Map<String, Object> props = Map.of(
                "hub.partners.procurement-url", PARTNERS.url() + "/procurement",
                "hub.partners.erp-url", PARTNERS.url() + "/erp",
                "hub.feed.auto-startup", false);
        // The second page is not there until the hub has stopped.
        var missingPage = PARTNERS.server().stubFor(get(urlPathEqualTo("/procurement/ocds")).atPriority(1)
                .withQueryParam("page", equalTo("2")).willReturn(aResponse().withStatus(503)));
        try (ConfigurableApplicationContext hub = HubProcess.start(dataDir, brokerPort, props)) {
            hub.getBean(FeedPoller.class).pollAll();
            assertThat(hub.getBean(JdbcTemplate.class).queryForObject("SELECT next_url FROM feed_watermark",
                    String.class)).endsWith("page=2");
        }
        PARTNERS.server().removeStub(missingPage);
        try (ConfigurableApplicationContext hub = HubProcess.start(dataDir, brokerPort, props)) {
            hub.getBean(FeedPoller.class).pollAll();
            JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM award_notice", Integer.class)).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM procurement_payment", Integer.class)).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT next_url FROM feed_watermark", String.class)).isNull();
            Participant bank = hub.getBean(ParticipantDirectory.class).byCode("91350200123456700W").orElseThrow();
            String password = hub.getBean(SecretResolver.class).resolve(bank.brokerPassword().orElseThrow());
            try (FunderClient client = new FunderClient("tcp://127.0.0.1:" + brokerPort, bank.brokerUser().orElseThrow(),
                    password, bank.queue(), hub.getBean(ObjectMapper.class))) {
                Envelope award = client.receive(Duration.ofSeconds(10)).orElseThrow();
                assertThat(award.type()).isEqualTo(MessageType.AWARD_NOTICE);
                assertThat(client.receive(Duration.ofSeconds(10)).orElseThrow().type()).isEqualTo(MessageType.CONTRACT);
                assertThat(client.receive(Duration.ofMillis(700))).as("nothing twice").isEmpty();
            }
        }
    }
}
