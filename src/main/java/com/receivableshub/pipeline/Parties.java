package com.receivableshub.pipeline;

import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.participant.ParticipantRole;
import org.springframework.stereotype.Component;

/** Who the parties named in a message are, and whether the sender may name them. */
@Component
public class Parties {

    private final ParticipantDirectory directory;

    public Parties(ParticipantDirectory directory) {
        this.directory = directory;
    }

    /** Nobody may send in another participant's name: the party a message speaks for must be its sender. */
    public void requireSender(String field, String code, Participant sender) {
        if (!sender.code().equals(code)) {
            throw new RefusedException(403, field, "'" + code + "' is not the sender " + sender.code()
                    + ": nobody may send in another participant's name");
        }
    }

    public Participant require(String field, String code, ParticipantRole role) {
        Participant p = directory.byCode(code).orElseThrow(() ->
                new RefusedException(422, field, "'" + code + "' is not a participant of the platform"));
        if (!p.has(role)) {
            throw new RefusedException(422, field, "'" + code + "' is not a " + role + " but " + p.roles());
        }
        return p;
    }
}
