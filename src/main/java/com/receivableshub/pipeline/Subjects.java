package com.receivableshub.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a message is about, read from its payload: every receivable (an object with creditorCode, debtorCode and
 * documentNumber) and every procurement contract (a contractId). The ledger indexes entries by these, so the history
 * of one receivable or contract can be shown; the double-financing guard claims them.
 */
public final class Subjects {

    private static final int MAX_DEPTH = 8;

    private Subjects() {
    }

    public static String receivable(String creditorCode, String debtorCode, String documentNumber) {
        return "receivable:" + creditorCode + "/" + debtorCode + "/" + documentNumber;
    }

    public static String contract(String contractId) {
        return "contract:" + contractId;
    }

    public static Set<String> of(JsonNode payload) {
        Set<String> subjects = new TreeSet<>();
        collect(payload, subjects, 0);
        return subjects;
    }

    private static void collect(JsonNode node, Set<String> subjects, int depth) {
        if (node == null || depth > MAX_DEPTH) {
            return;
        }
        if (node.isObject()) {
            if (node.hasNonNull("creditorCode") && node.hasNonNull("debtorCode") && node.hasNonNull("documentNumber")) {
                subjects.add(receivable(node.get("creditorCode").asText(), node.get("debtorCode").asText(),
                        node.get("documentNumber").asText()));
            }
            if (node.hasNonNull("contractId") && node.get("contractId").isTextual()) {
                subjects.add(contract(node.get("contractId").asText()));
            }
            node.elements().forEachRemaining(child -> collect(child, subjects, depth + 1));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collect(child, subjects, depth + 1));
        }
    }
}
