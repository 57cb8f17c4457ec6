package com.receivableshub.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.List;

/** 授信确认: the core enterprise approves or refuses a credit line; a refusal says why. */
public record CreditLineApproval(
        String creditLineId,
        String coreEnterpriseCode,
        @JsonProperty(required = true) boolean approved,
        @NotRequired String reason) implements CrossFieldCheck {

    @Override
    public List<Violation> crossFieldViolations() {
        List<Violation> out = new ArrayList<>();
        CrossFieldRules.reasonWhenRefused(out, approved, reason);
        return out;
    }
}
