package com.receivableshub.smoke;

import static com.receivableshub.smoke.SmokeContext.expect;

import com.receivableshub.demo.FunderClient;
import com.receivableshub.demo.PartnerSimulator;
import com.receivableshub.demo.ProcurementSoapClient;
import com.receivableshub.model.AwardHistoryQuery;
import com.receivableshub.model.BankAccount;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.FinancingApplication;
import com.receivableshub.model.FinancingIntent;
import com.receivableshub.model.FinancingSettled;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.NoticeConfirmation;
import com.receivableshub.model.RepaymentAccount;
import com.receivableshub.model.Trade;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.procurement.FeedPoller;
import com.receivableshub.soap.procurement.AckStatus;
import com.receivableshub.soap.procurement.ProcurementIntakePort;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Procurement financing (政府采购类应收账款线上融资) with the demo participants: the procurement system over SOAP, the
 * supplier over REST, the Fujian funders on the broker, the portal, procurement API and treasury simulated over HTTP.
 */
@Component
@Profile("demo")
public class ProcurementSmokeSteps implements SmokeSteps {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Override
    public int order() {
        return 15;
    }

    @Override
    public List<SmokeStep> steps(SmokeContext c) {
        return new Run(c).steps();
    }

    /** One run's participants and the ids it made, shared by its steps. */
    private static final class Run {
        final SmokeContext c;
        final Participant procurement;
        final Participant supplier;
        final Participant bank;
        final Participant factor;
        final PartnerSimulator partners;
        final String tag = UUID.randomUUID().toString().substring(0, 8);
        final String noticeId = "ZB-" + tag;
        final String contractId = "HT-" + tag;
        final String tradeId = "TR-" + tag;
        FunderClient bankClient;
        FunderClient factorClient;

        Run(SmokeContext c) {
            this.c = c;
            this.procurement = c.directory().withRole(ParticipantRole.PROCUREMENT_SYSTEM).get(0);
            this.supplier = c.directory().byCode("913501002611234009").orElseThrow();
            this.bank = c.directory().byCode("91350200123456700W").orElseThrow();
            this.factor = c.directory().byCode("91310100666677700N").orElseThrow();
            this.partners = c.bean(PartnerSimulator.class);
        }

        List<SmokeStep> steps() {
            return List.of(
                    new SmokeStep("procurement.1", this::pull),
                    new SmokeStep("procurement.2", this::push),
                    new SmokeStep("procurement.3", this::delivery),
                    new SmokeStep("procurement.4", this::intent),
                    new SmokeStep("procurement.5", this::history),
                    new SmokeStep("procurement.6", this::application),
                    new SmokeStep("procurement.7", this::repaymentAccount),
                    new SmokeStep("procurement.8", this::tradeAndLock));
        }

        String pull() throws Exception {
            bankClient = c.funder(bank);
            factorClient = c.funder(factor);
            String awardId = "AW-" + tag;
            partners.publish(SmokeSamples.ocdsRelease(c.json(), "ocds-smoke-" + tag, awardId, "CT-" + tag,
                    supplier.code(), OffsetDateTime.now()));
            long taken = c.bean(FeedPoller.class).poll(procurement);
            for (FunderClient funder : List.of(bankClient, factorClient)) {
                Envelope award = c.next(funder, MessageType.AWARD_NOTICE);
                FoundationSmokeSteps.check(awardId.equals(award.payload().path("noticeId").asText()),
                        "got " + award.payload());
                c.next(funder, MessageType.CONTRACT);
            }
            return taken + " records pulled from the OCDS feed; award " + awardId + " reached both Fujian funders";
        }

        String push() throws Exception {
            ProcurementIntakePort port = ProcurementSoapClient.connect(c.baseUrl(), c.apiKey(procurement));
            var award = port.submitAwardNotice(SmokeSamples.request("r-" + noticeId,
                    SmokeSamples.awardNotice(procurement, noticeId)));
            var contract = port.submitContract(SmokeSamples.request("r-" + contractId,
                    SmokeSamples.contract(procurement, contractId, noticeId)));
            FoundationSmokeSteps.check(award.getStatus() == AckStatus.ACCEPTED
                    && contract.getStatus() == AckStatus.ACCEPTED, "SOAP answered " + award.getStatus() + "/"
                    + contract.getStatus());
            return "award " + noticeId + " and contract " + contractId + " taken over SOAP";
        }

        String delivery() throws Exception {
            for (FunderClient funder : List.of(bankClient, factorClient)) {
                List<MessageType> types = List.of(next(funder).type(), next(funder).type());
                FoundationSmokeSteps.check(types.equals(List.of(MessageType.AWARD_NOTICE, MessageType.CONTRACT)),
                        "got " + types);
            }
            return "both Fujian funders received the award and the contract";
        }

        String intent() throws Exception {
            expect(c.post(supplier, MessageType.FINANCING_INTENT, new FinancingIntent("INT-" + tag, supplier.code(),
                    List.of("11350000003123400M"), new BigDecimal("600000.00"), "working capital")), 202);
            c.next(bankClient, MessageType.FINANCING_INTENT);
            c.next(factorClient, MessageType.FINANCING_INTENT);
            return "intent reached the funders of the finance department's region";
        }

        String history() throws Exception {
            bankClient.send(c.envelope(bank, MessageType.AWARD_HISTORY_QUERY, new AwardHistoryQuery("Q-" + tag,
                    bank.code(), supplier.code(), LocalDate.now().minusYears(1))));
            Envelope history = c.next(bankClient, MessageType.AWARD_HISTORY);
            return history.payload().path("summary").path("count").asInt() + " award(s) in the supplier's history";
        }

        String application() throws Exception {
            expect(c.post(supplier, MessageType.FINANCING_APPLICATION, new FinancingApplication("APP-" + tag,
                    supplier.code(), bank.code(), contractId, noticeId, new BigDecimal("600000.00"), "6 months")), 202);
            List<MessageType> types = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                types.add(next(bankClient).type());
            }
            FoundationSmokeSteps.check(types.equals(List.of(MessageType.FINANCING_APPLICATION, MessageType.CONTRACT,
                    MessageType.AWARD_NOTICE)), "got " + types);
            return "application delivered with the contract and the award";
        }

        String repaymentAccount() throws Exception {
            String id = "RA-" + tag;
            bankClient.send(c.envelope(bank, MessageType.REPAYMENT_ACCOUNT, new RepaymentAccount(id, bank.code(),
                    supplier.code(), contractId, new BankAccount("6222020200776655443", "Repayment", "Demo Bank"))));
            c.arrived("/portal/repayment-accounts", "designationId", id);
            expect(c.post(supplier, MessageType.NOTICE_CONFIRMATION, new NoticeConfirmation(id, supplier.code(), true)),
                    202);
            c.next(bankClient, MessageType.NOTICE_CONFIRMATION);
            c.arrived("/procurement/api/repayment-accounts", "designationId", id);
            return "repayment account " + id + " confirmed and sent to the procurement system";
        }

        String tradeAndLock() throws Exception {
            try (FunderClient bankQueue = bankClient; FunderClient factorQueue = factorClient) {
                bankQueue.send(c.envelope(bank, MessageType.TRADE, new Trade(tradeId, bank.code(), supplier.code(),
                        "11350000003123400M", null, contractId, new BigDecimal("600000.00"), LocalDate.now(), null)));
                c.arrived("/procurement/api/trades", "tradeId", tradeId);
                Envelope locked = c.next(bankQueue, MessageType.ACCOUNT_LOCK_ACK);
                bankQueue.send(c.envelope(bank, MessageType.FINANCING_SETTLED, new FinancingSettled(tradeId,
                        LocalDate.now())));
                Envelope unlocked = c.next(bankQueue, MessageType.ACCOUNT_LOCK_ACK);
                return "trade " + tradeId + " forwarded; " + locked.payload().path("instructionId").asText() + " and "
                        + unlocked.payload().path("instructionId").asText() + " acknowledged by the treasury";
            }
        }



        Envelope next(FunderClient client) throws Exception {
            return client.receive(WAIT).orElseThrow(() -> new AssertionError("nothing within " + WAIT));
        }



    }
}
