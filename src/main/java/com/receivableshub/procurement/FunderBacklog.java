package com.receivableshub.procurement;

import com.receivableshub.model.AwardNotice;
import com.receivableshub.model.MessageType;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.pipeline.HubMessages;
import com.receivableshub.pipeline.IntakeService;
import com.receivableshub.pipeline.Outgoing;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Step 1, for funders that join later: at start, a funder that has not had a region's backlog gets the last year's
 * award notices of that region, once (the mark and the deliveries are one transaction).
 */
@Component
public class FunderBacklog {

    private static final Logger LOG = LoggerFactory.getLogger(FunderBacklog.class);

    private final ParticipantDirectory directory;
    private final ProcurementStore store;
    private final HubMessages messages;
    private final IntakeService intake;
    private final TransactionTemplate tx;
    private final Clock clock;

    public FunderBacklog(ParticipantDirectory directory, ProcurementStore store, HubMessages messages,
                         IntakeService intake, TransactionTemplate tx, Clock clock) {
        this.directory = directory;
        this.store = store;
        this.messages = messages;
        this.intake = intake;
        this.tx = tx;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void deliver() {
        LocalDate from = LocalDate.now(clock).minusYears(1);
        for (Participant funder : directory.withRole(ParticipantRole.FUNDER)) {
            for (String region : funder.regions()) {
                Integer sent = tx.execute(status -> {
                    List<AwardNotice> awards = store.awardsOfRegion(region, from);
                    if (!store.backlogDelivered(funder.code(), region, awards.size())) {
                        return null;
                    }
                    awards.forEach(a -> intake.send(Outgoing.toQueue(messages.envelope(MessageType.AWARD_NOTICE,
                            funder.code(), "backlog:" + region, a), funder)));
                    return awards.size();
                });
                if (sent != null && sent > 0) {
                    LOG.info("funder {} joined region {}: sent the last year's {} award notices", funder.code(),
                            region, sent);
                }
            }
        }
    }
}
