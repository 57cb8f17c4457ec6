package com.receivableshub.pipeline;

import com.receivableshub.model.Envelope;
import com.receivableshub.model.NoticeConfirmation;
import com.receivableshub.participant.Participant;
import java.util.List;
import java.util.Optional;

/**
 * Something a supplier confirms with a NOTICE_CONFIRMATION (a pledge/transfer notice, a repayment account): each
 * kind answers for the ids it knows, inside the intake transaction.
 */
public interface Confirmations {

    /** The effects of the supplier's answer, or empty when the id is not one of this kind's. */
    Optional<List<Outgoing>> answer(NoticeConfirmation confirmation, Envelope envelope, Participant supplier);
}
