package com.receivableshub.procurement;

import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.pipeline.RefusedException;

/** A procurement system publishes only for the regions its adapter names. */
final class Regions {

    private Regions() {
    }

    static void requireOwn(Participant system, String field, String region) {
        if (system.regions().stream().noneMatch(r -> ParticipantDirectory.covers(r, region))) {
            throw new RefusedException(403, field, "'" + region + "' is not a region of the sending procurement system "
                    + system.regions());
        }
    }
}
