package com.receivableshub.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** 通知确认: the supplier confirms a pledge/transfer notice or a repayment account (noticeId or designationId). */
public record NoticeConfirmation(
        String noticeId,
        String supplierCode,
        @JsonProperty(required = true) boolean confirmed) {
}
