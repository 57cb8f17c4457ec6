package com.receivableshub.reversefactoring;

import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.NoticeConfirmation;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.pipeline.Confirmations;
import com.receivableshub.pipeline.Outgoing;
import com.receivableshub.pipeline.RefusedException;
import com.receivableshub.pipeline.TypedHandler;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A supplier's answer to what a funder sent it to confirm: a pledge/transfer notice (reverse factoring) or a
 * repayment account (procurement financing). The kind that knows the id answers.
 */
@Component
public class NoticeConfirmationHandler extends TypedHandler<NoticeConfirmation> {

    private final List<Confirmations> kinds;

    public NoticeConfirmationHandler(List<Confirmations> kinds, TypedHandler.Kit kit) {
        super(MessageType.NOTICE_CONFIRMATION, NoticeConfirmation.class, Set.of(ParticipantRole.SUPPLIER), kit);
        this.kinds = kinds;
    }

    @Override
    protected List<Outgoing> handle(NoticeConfirmation c, Envelope envelope, Participant sender) {
        parties.requireSender("supplierCode", c.supplierCode(), sender);
        for (Confirmations kind : kinds) {
            Optional<List<Outgoing>> answer = kind.answer(c, envelope, sender);
            if (answer.isPresent()) {
                return answer.get();
            }
        }
        throw new RefusedException(422, "noticeId", "no notice or repayment account '" + c.noticeId()
                + "' was sent to " + c.supplierCode());
    }
}
