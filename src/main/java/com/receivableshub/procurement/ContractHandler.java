package com.receivableshub.procurement;

import com.receivableshub.model.Contract;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.pipeline.Outgoing;
import com.receivableshub.pipeline.TypedHandler;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Step 1: a procurement contract or purchase order (采购合同): kept, and sent to every funder serving its region. */
@Component
public class ContractHandler extends TypedHandler<Contract> {

    private final ProcurementStore store;
    private final ParticipantDirectory directory;

    public ContractHandler(ProcurementStore store, ParticipantDirectory directory, TypedHandler.Kit kit) {
        super(MessageType.CONTRACT, Contract.class, Set.of(ParticipantRole.PROCUREMENT_SYSTEM), kit);
        this.store = store;
        this.directory = directory;
    }

    @Override
    protected List<Outgoing> handle(Contract contract, Envelope envelope, Participant sender) {
        Regions.requireOwn(sender, "contract.region", contract.region());
        if (!store.addContract(sender.code(), contract)) {
            return List.of();
        }
        return directory.fundersOfRegion(contract.region()).stream()
                .map(funder -> Outgoing.toQueue(
                        messages.envelope(MessageType.CONTRACT, funder.code(), envelope.messageId(), contract), funder))
                .toList();
    }
}
