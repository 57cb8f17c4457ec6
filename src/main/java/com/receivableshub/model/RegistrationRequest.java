package com.receivableshub.model;

import java.math.BigDecimal;

/** 登记申请: the funder registers a pledge/transfer at the registry, through the hub. */
public record RegistrationRequest(
        String registrationRequestId,
        String noticeId,
        NoticeKind kind,
        String funderCode,
        String supplierCode,
        String debtorCode,
        BigDecimal amount,
        @NotRequired String description) {
}
