package com.receivableshub.smoke;

import static com.receivableshub.smoke.SmokeContext.expect;

import com.fasterxml.jackson.databind.JsonNode;
import com.receivableshub.demo.FunderClient;
import com.receivableshub.demo.PartnerSimulator;
import com.receivableshub.model.Authorisation;
import com.receivableshub.model.BankAccount;
import com.receivableshub.model.CreditLine;
import com.receivableshub.model.CreditLineApproval;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.FeedBatch;
import com.receivableshub.model.FinancingMode;
import com.receivableshub.model.FinancingRelationship;
import com.receivableshub.model.FinancingRequest;
import com.receivableshub.model.HistoricalTrades;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.NoticeConfirmation;
import com.receivableshub.model.NoticeKind;
import com.receivableshub.model.Payable;
import com.receivableshub.model.Payment;
import com.receivableshub.model.PledgeNotice;
import com.receivableshub.model.ReceivableKey;
import com.receivableshub.model.RelationshipStatus;
import com.receivableshub.model.Trade;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantRole;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Reverse factoring (线上反保理) steps 1 to 10 with the demo participants: the supplier and the ERP over REST, the bank
 * on the broker, the ERP, portal and registry simulated over HTTP.
 */
@Component
@Profile("demo")
public class ReverseFactoringSmokeSteps implements SmokeSteps {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Override
    public int order() {
        return 10;
    }

    @Override
    public List<SmokeStep> steps(SmokeContext c) {
        return new Run(c).steps();
    }

    /** One run's participants and the ids it made, shared by its steps. */
    private static final class Run {
        final SmokeContext c;
        final Participant supplier;
        final Participant core;
        final Participant bank;
        final PartnerSimulator partners;
        final LocalDate today = LocalDate.now();
        final String tag = UUID.randomUUID().toString().substring(0, 8);
        final String relationshipId = "REL-" + tag;
        final String p1 = "FP-" + tag + "-1";
        final String p2 = "FP-" + tag + "-2";
        final String noticeId = "PN-" + tag;
        FunderClient bankClient;

        Run(SmokeContext c) {
            this.c = c;
            this.supplier = c.directory().byCode("91350100M000100Y43").orElseThrow();
            this.core = c.directory().withRole(ParticipantRole.CORE_ENTERPRISE).get(0);
            this.bank = c.directory().withRole(ParticipantRole.FUNDER).get(0);
            this.partners = c.bean(PartnerSimulator.class);
        }

        List<SmokeStep> steps() {
            return List.of(
                    new SmokeStep("reverse-factoring.1", this::authorisation),
                    new SmokeStep("reverse-factoring.2", this::history),
                    new SmokeStep("reverse-factoring.3", this::creditLine),
                    new SmokeStep("reverse-factoring.4", this::dailyFeed),
                    new SmokeStep("reverse-factoring.5", this::relationship),
                    new SmokeStep("reverse-factoring.6", this::financingRequest),
                    new SmokeStep("reverse-factoring.7", this::pledgeNotice),
                    new SmokeStep("reverse-factoring.8", this::trade),
                    new SmokeStep("reverse-factoring.9", this::poolTopUp),
                    new SmokeStep("reverse-factoring.10", this::continuingFeed));
        }

        String authorisation() throws Exception {
            bankClient = c.funder(bank);
            String id = "AUTH-" + tag;
            expect(c.post(supplier, MessageType.AUTHORISATION, new Authorisation(id, supplier.code(), core.code(),
                    bank.code(), LocalDate.of(today.getYear() - 1, 1, 1), today.plusYears(1))), 202);
            c.arrived("/erp/authorisations", "authorisationId", id);
            return "authorisation " + id + " reached the ERP";
        }

        String history() throws Exception {
            expect(c.post(
                    core, MessageType.HISTORICAL_TRADES, new HistoricalTrades(supplier.code(), core.code(),
                    bank.code(), LocalDate.of(today.getYear() - 1, 1, 1),
                    List.of(payable("HIST-" + tag, "12000.00")))), 202);
            next(MessageType.HISTORICAL_TRADES);
            return "history delivered to " + bank.queue() + " only";
        }

        String creditLine() throws Exception {
            String id = "CL-" + tag;
            bankClient.send(c.envelope(bank, MessageType.CREDIT_LINE, new CreditLine(id, bank.code(), supplier.code(),
                    core.code(), new BigDecimal("5000000.00"), today, today.plusYears(1))));
            c.arrived("/erp/credit-lines", "creditLineId", id);
            expect(c.post(
                    core, MessageType.CREDIT_LINE_APPROVAL, new CreditLineApproval(id, core.code(), true, null)),
                    202);
            next(MessageType.CREDIT_LINE_APPROVAL);
            return "credit line " + id + " approved by the ERP, answer on the bank's queue";
        }

        String dailyFeed() throws Exception {
            JsonNode result = feed(List.of(payable(p1, "100000.00"), payable(p2, "30000.00")), List.of());
            FoundationSmokeSteps.check(result.path("accepted").asInt() == 2, "feed answered " + result);
            return "2 payables accepted by REST batch";
        }

        String relationship() throws Exception {
            expect(c.post(supplier, MessageType.FINANCING_RELATIONSHIP, new FinancingRelationship(relationshipId,
                    supplier.code(), core.code(), bank.code(), FinancingMode.POOL, RelationshipStatus.ACTIVE)), 202);
            next(MessageType.FINANCING_RELATIONSHIP);
            feed(List.of(payable("FP-" + tag + "-3", "500.00")), List.of());
            Envelope batch = next(MessageType.FEED_BATCH);
            return "relationship " + relationshipId + " open; the bank received " + batch.payload().path("payables").size()
                    + " new payable(s)";
        }

        String financingRequest() throws Exception {
            HttpResponse<String> refused = c.post(supplier, MessageType.FINANCING_REQUEST, new FinancingRequest(
                    "REQ-" + tag + "-x", relationshipId, supplier.code(), bank.code(),
                    List.of(key("FP-UNKNOWN-" + tag)), new BigDecimal("1.00")));
            expect(refused, 409);
            expect(c.post(supplier, MessageType.FINANCING_REQUEST, new FinancingRequest("REQ-" + tag, relationshipId,
                    supplier.code(), bank.code(), List.of(key(p1)), new BigDecimal("90000.00"))), 202);
            next(MessageType.FINANCING_REQUEST);
            return "unknown payable refused; request on " + p1 + " delivered";
        }

        String pledgeNotice() throws Exception {
            bankClient.send(c.envelope(bank, MessageType.PLEDGE_NOTICE, new PledgeNotice(noticeId, NoticeKind.PLEDGE,
                    bank.code(), supplier.code(), core.code(), List.of(key(p1)), null, new BigDecimal("90000.00"),
                    new BankAccount("6222020200998877665", "Repayment account", "Demo Bank, Fuzhou Branch"),
                    OffsetDateTime.now())));
            c.arrived("/portal/pledge-notices", "noticeId", noticeId);
            expect(c.post(supplier, MessageType.NOTICE_CONFIRMATION, new NoticeConfirmation(noticeId, supplier.code(),
                    true)), 202);
            c.arrived("/erp/pledge-notices", "noticeId", noticeId);
            next(MessageType.NOTICE_CONFIRMATION);
            Envelope registered = next(MessageType.REGISTRATION_RESULT);
            return "notice " + noticeId + " confirmed, sent to the ERP, registered as "
                    + registered.payload().path("registrationNumber").asText();
        }

        String trade() throws Exception {
            String id = "TR-" + tag;
            bankClient.send(c.envelope(bank, MessageType.TRADE, new Trade(id, bank.code(), supplier.code(), core.code(),
                    List.of(key(p1)), null, new BigDecimal("90000.00"), today, noticeId)));
            c.arrived("/portal/trades", "tradeId", id);
            c.arrived("/erp/trades", "tradeId", id);
            return "trade " + id + " sent to the supplier and the ERP";
        }

        String poolTopUp() throws Exception {
            expect(c.post(supplier, MessageType.FINANCING_REQUEST, new FinancingRequest("REQ-" + tag + "-pool",
                    relationshipId, supplier.code(), bank.code(), List.of(key(p2)), new BigDecimal("30000.00"))), 202);
            next(MessageType.FINANCING_REQUEST);
            String id = "TR-" + tag + "-pool";
            bankClient.send(c.envelope(bank, MessageType.TRADE, new Trade(id, bank.code(), supplier.code(), core.code(),
                    List.of(key(p2)), null, new BigDecimal("30000.00"), today, null)));
            c.arrived("/erp/trades", "tradeId", id);
            HttpResponse<String> again = c.post(supplier, MessageType.FINANCING_REQUEST, new FinancingRequest(
                    "REQ-" + tag + "-again", relationshipId, supplier.code(), bank.code(), List.of(key(p2)),
                    new BigDecimal("1.00")));
            expect(again, 409);
            return p2 + " added to the pool and financed; asking again is refused";
        }

        String continuingFeed() throws Exception {
            try (FunderClient client = bankClient) {
                expect(c.post(supplier, MessageType.FINANCING_RELATIONSHIP, new FinancingRelationship(relationshipId,
                        supplier.code(), core.code(), bank.code(), FinancingMode.POOL, RelationshipStatus.ENDED)), 202);
                next(MessageType.FINANCING_RELATIONSHIP);
                feed(List.of(), List.of(new Payment("PAY-" + tag, supplier.code(), core.code(), p1,
                        new BigDecimal("40000.00"), today)));
                Envelope batch = next(MessageType.FEED_BATCH);
                FoundationSmokeSteps.check(batch.payload().path("payments").size() == 1, "got " + batch.payload());
                return "after the relationship ended, the payment on financed " + p1 + " still reached the bank";
            }
        }

        // --- helpers ------------------------------------------------------------------------------------------



        JsonNode feed(List<Payable> payables, List<Payment> payments) throws Exception {
            FeedBatch batch = new FeedBatch("SMOKE-" + UUID.randomUUID(), core.code(), payables, List.of(), payments,
                    List.of());
            HttpResponse<String> response = c.http().post("/api/v1/feed", c.apiKey(core), "application/json",
                    c.json().writeValueAsString(batch));
            expect(response, 200);
            return c.json().readTree(response.body());
        }

        Envelope next(MessageType type) throws Exception {
            return c.next(bankClient, type);
        }


        Payable payable(String document, String amount) {
            return new Payable(core.code(), supplier.code(), document, new BigDecimal(amount), today,
                    today.plusMonths(6), true, "CNY");
        }

        ReceivableKey key(String document) {
            return new ReceivableKey(supplier.code(), core.code(), document);
        }

    }
}
