package com.receivableshub.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** 中标汇总: how many awards a supplier won in the period asked, and their total amount. */
public record AwardSummary(@JsonProperty(required = true) int count, @ZeroAllowed BigDecimal totalAmount)
        implements CrossFieldCheck {

    @Override
    public List<Violation> crossFieldViolations() {
        List<Violation> out = new ArrayList<>();
        if (count < 0) {
            out.add(new Violation("count", count + " must not be negative"));
        }
        return out;
    }
}
