package com.receivableshub.procurement;

import com.receivableshub.model.Envelope;
import com.receivableshub.model.FinancingIntent;
import com.receivableshub.model.MessageType;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.pipeline.Outgoing;
import com.receivableshub.pipeline.RefusedException;
import com.receivableshub.pipeline.TypedHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Step 2: a supplier publishes a financing intent (融资意向); it reaches every funder serving the regions of its finance
 * departments (where their awards and contracts were published), each funder once.
 */
@Component
public class FinancingIntentHandler extends TypedHandler<FinancingIntent> {

    private final ProcurementStore store;
    private final ParticipantDirectory directory;

    public FinancingIntentHandler(ProcurementStore store, ParticipantDirectory directory, TypedHandler.Kit kit) {
        super(MessageType.FINANCING_INTENT, FinancingIntent.class, Set.of(ParticipantRole.SUPPLIER), kit);
        this.store = store;
        this.directory = directory;
    }

    @Override
    protected List<Outgoing> handle(FinancingIntent intent, Envelope envelope, Participant sender) {
        parties.requireSender("supplierCode", intent.supplierCode(), sender);
        Map<String, Participant> funders = new LinkedHashMap<>();
        List<RefusedException.FieldError> unknown = new ArrayList<>();
        for (int i = 0; i < intent.financeDepartmentCodes().size(); i++) {
            List<String> regions = store.regionsOfFinanceDepartment(intent.financeDepartmentCodes().get(i));
            if (regions.isEmpty()) {
                unknown.add(new RefusedException.FieldError("financeDepartmentCodes[" + i + "]",
                        "no award or contract of this finance department is known, so neither is its region"));
            }
            regions.forEach(r -> directory.fundersOfRegion(r).forEach(f -> funders.putIfAbsent(f.code(), f)));
        }
        if (!unknown.isEmpty()) {
            throw new RefusedException(422, unknown);
        }
        return funders.values().stream()
                .map(funder -> Outgoing.toQueue(messages.envelope(MessageType.FINANCING_INTENT, funder.code(),
                        envelope.messageId(), intent), funder))
                .toList();
    }
}
