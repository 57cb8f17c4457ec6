package com.receivableshub.model;

import java.time.LocalDate;

/** 融资结清: the financing of a trade is repaid, so a locked account may be unlocked. */
public record FinancingSettled(String tradeId, LocalDate settledDate) {
}
