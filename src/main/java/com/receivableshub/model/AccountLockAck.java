package com.receivableshub.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.List;

/** 锁定回执: the treasury accepted or refused a lock/unlock instruction; a refusal says why. */
public record AccountLockAck(
        String instructionId,
        @JsonProperty(required = true) boolean accepted,
        @NotRequired String reason) implements CrossFieldCheck {

    @Override
    public List<Violation> crossFieldViolations() {
        List<Violation> out = new ArrayList<>();
        CrossFieldRules.reasonWhenRefused(out, accepted, reason);
        return out;
    }
}
