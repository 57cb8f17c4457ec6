package com.receivableshub.procurement;

import com.receivableshub.model.AccountLockInstruction;
import com.receivableshub.model.Contract;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.LockAction;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.Trade;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.pipeline.HubMessages;
import com.receivableshub.pipeline.Outgoing;
import com.receivableshub.pipeline.RefusedException;
import com.receivableshub.pipeline.Subjects;
import com.receivableshub.trust.FinancingGuard;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Step 7: a funder's trade (成交单) on a procurement contract. The contract is claimed (the double-financing guard:
 * one active financing per contract, never beyond what is left of it); the signed trade goes to the procurement system
 * that published the contract, and the treasury gets a signed instruction to lock the contract's collection account.
 * The instruction's id comes from the trade, so a trade locks once; settling it unlocks once.
 */
@Component
public class ContractTrades {

    private final ProcurementStore store;
    private final LockStore locks;
    private final FinancingGuard guard;
    private final ParticipantDirectory directory;
    private final HubMessages messages;

    public ContractTrades(ProcurementStore store, LockStore locks, FinancingGuard guard, ParticipantDirectory directory,
                          HubMessages messages) {
        this.store = store;
        this.locks = locks;
        this.guard = guard;
        this.directory = directory;
        this.messages = messages;
    }

    static Participant publisher(ProcurementStore store, ParticipantDirectory directory, String contractId) {
        return store.source(contractId).flatMap(directory::byCode).orElseThrow(() ->
                new IllegalStateException("the publisher of contract '" + contractId + "' is not in adapters/"));
    }

    /** The treasury that pays a contract's region: the one lock and unlock instructions on it are sent to. */
    static java.util.Optional<Participant> treasuryOf(ParticipantDirectory directory, Contract contract) {
        return directory.withRole(ParticipantRole.TREASURY).stream()
                .filter(p -> p.regions().stream().anyMatch(r -> ParticipantDirectory.covers(r, contract.region())))
                .findFirst();
    }

    static String reference(Trade t) {
        return t.funderCode() + ":trade:" + t.tradeId();
    }

    public List<Outgoing> trade(Trade t, Envelope envelope) {
        Contract contract = Contracts.requireApplied(store, t.contractId(), t.supplierCode(), t.funderCode());
        BigDecimal open = store.openAmount(t.contractId()).orElseThrow();
        guard.claim(List.of(Subjects.contract(t.contractId())), List.of("contractId"), FinancingGuard.Kind.TRADE,
                t.funderCode(), reference(t), t.financedAmount(), open);
        List<Outgoing> out = new ArrayList<>();
        Participant system = publisher(store, directory, t.contractId());
        out.add(Outgoing.toEndpoint(messages.signed(messages.envelope(MessageType.TRADE, system.code(),
                envelope.messageId(), t)), system, "api", "/trades"));
        instruction(LockAction.LOCK, t, contract, envelope).ifPresent(out::add);
        return out;
    }

    /** The financing is settled: the contract is free again and its collection account is unlocked. */
    public List<Outgoing> settle(Trade t, Envelope envelope) {
        guard.release(reference(t));
        Contract contract = store.contract(t.contractId()).orElseThrow();
        return instruction(LockAction.UNLOCK, t, contract, envelope).stream().toList();
    }

    private java.util.Optional<Outgoing> instruction(LockAction action, Trade t, Contract contract, Envelope envelope) {
        String id = action.name() + ":" + t.funderCode() + ":" + t.tradeId();
        if (!locks.instruct(id, action.name(), t.tradeId(), t.funderCode(), t.contractId())) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(send(id, action, t, contract, envelope.messageId()));
    }

    /**
     * The same instruction again, for an instruction the treasury has not acknowledged: same id, so the treasury
     * can tell it is not a second lock.
     */
    public Outgoing resend(String instructionId, LockAction action, Trade t) {
        Contract contract = store.contract(t.contractId()).orElseThrow();
        return send(instructionId, action, t, contract, instructionId);
    }

    private Outgoing send(String id, LockAction action, Trade t, Contract contract, String correlationId) {
        Participant treasury = treasuryOf(directory, contract).orElseThrow(() -> new RefusedException(422,
                "contractId", "no treasury serves region " + contract.region()));
        AccountLockInstruction instruction = new AccountLockInstruction(id, action, t.tradeId(), t.contractId(),
                contract.financeDepartmentCode(), contract.collectionAccount(), t.funderCode());
        return Outgoing.toEndpoint(messages.signed(messages.envelope(MessageType.ACCOUNT_LOCK_INSTRUCTION,
                treasury.code(), correlationId, instruction)), treasury, "treasury", "/locks");
    }
}
