package com.receivableshub.model;

import java.time.LocalDate;
import java.util.List;

/** Helpers for {@link CrossFieldCheck}s. Each skips nulls, which the per-field rules already report. */
final class CrossFieldRules {

    private CrossFieldRules() {
    }

    static void notBefore(List<Violation> out, String field, LocalDate value, String otherField, LocalDate other) {
        if (value != null && other != null && value.isBefore(other)) {
            out.add(new Violation(field, value + " is before " + otherField + " " + other));
        }
    }

    static void sameCode(List<Violation> out, String field, String value, String expectedField, String expected) {
        if (value != null && expected != null && !value.equals(expected)) {
            out.add(new Violation(field, "'" + value + "' differs from " + expectedField + " '" + expected + "'"));
        }
    }

    /** Mode 1 names receivables, mode 2 a procurement contract: a message must name exactly one. */
    static void receivablesOrContract(List<Violation> out, List<ReceivableKey> receivables, String contractId) {
        boolean hasReceivables = receivables != null && !receivables.isEmpty();
        boolean hasContract = contractId != null;
        if (hasReceivables == hasContract) {
            out.add(new Violation("receivables", hasContract
                    ? "must be absent when contractId is given"
                    : "either receivables or contractId is required"));
        }
    }

    /** The receivables named must be the supplier's claims on this debtor: nobody finances another's receivable. */
    static void receivablesOf(List<Violation> out, String listField, List<ReceivableKey> keys,
            String supplierCode, String debtorCode) {
        if (keys == null) {
            return;
        }
        for (int i = 0; i < keys.size(); i++) {
            ReceivableKey key = keys.get(i);
            if (key == null) {
                continue;
            }
            String at = listField + "[" + i + "].";
            sameCode(out, at + "creditorCode", key.creditorCode(), "supplierCode", supplierCode);
            if (debtorCode != null) {
                sameCode(out, at + "debtorCode", key.debtorCode(), "debtorCode", debtorCode);
            }
        }
    }

    static void reasonWhenRefused(List<Violation> out, boolean accepted, String reason) {
        if (!accepted && (reason == null || reason.isBlank())) {
            out.add(new Violation("reason", "is required when refused"));
        }
    }
}
