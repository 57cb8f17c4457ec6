package com.receivableshub.model;

import java.math.BigDecimal;
import java.time.LocalDate;

/** 付款计划: one instalment a procurement contract says the finance department will pay. */
public record PaymentPlanItem(LocalDate dueDate, BigDecimal amount) {
}
