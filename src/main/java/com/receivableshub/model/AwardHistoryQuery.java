package com.receivableshub.model;

import java.time.LocalDate;

/** 历史中标查询: a funder asks for a supplier's awards and contracts since {@code from}. */
public record AwardHistoryQuery(String queryId, String funderCode, String supplierCode, LocalDate from) {
}
