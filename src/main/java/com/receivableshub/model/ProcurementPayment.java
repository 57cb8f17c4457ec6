package com.receivableshub.model;

import java.math.BigDecimal;
import java.time.LocalDate;

/** 合同支付信息: the finance department paid (part of) a procurement contract. */
public record ProcurementPayment(String paymentId, String contractId, BigDecimal amount, LocalDate paidDate) {
}
