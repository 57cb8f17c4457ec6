package com.receivableshub.procurement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.model.RepaymentAccount;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Repayment-account designations and the account-lock instructions sent to the treasury. */
@Repository
public class LockStore {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public LockStore(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    public boolean designate(RepaymentAccount r) {
        try {
            return jdbc.update("INSERT INTO repayment_account (funder_code, designation_id, supplier_code, contract_id,"
                            + " status, payload, updated_at) VALUES (?, ?, ?, ?, 'DESIGNATED', ?, ?) ON CONFLICT DO NOTHING",
                    r.funderCode(), r.designationId(), r.supplierCode(), r.contractId(), json.writeValueAsString(r),
                    Timestamp.from(clock.instant())) == 1;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<RepaymentAccount> designations(String supplier, String designationId) {
        return jdbc.queryForList("SELECT payload FROM repayment_account WHERE supplier_code = ? AND designation_id = ?",
                String.class, supplier, designationId).stream().map(this::read).toList();
    }

    public boolean answerDesignation(String funder, String designationId, boolean confirmed) {
        return jdbc.update("UPDATE repayment_account SET status = ?, updated_at = ? WHERE funder_code = ?"
                        + " AND designation_id = ? AND status = 'DESIGNATED'", confirmed ? "CONFIRMED" : "REFUSED",
                Timestamp.from(clock.instant()), funder, designationId) == 1;
    }

    /** @return false when this instruction was sent before: a trade locks once, a settlement unlocks once */
    public boolean instruct(String instructionId, String action, String tradeId, String funder, String contractId) {
        return jdbc.update("INSERT INTO account_lock (instruction_id, action, trade_id, funder_code, contract_id, status,"
                        + " sent_at) VALUES (?, ?, ?, ?, ?, 'SENT', ?) ON CONFLICT DO NOTHING",
                instructionId, action, tradeId, funder, contractId, Timestamp.from(clock.instant())) == 1;
    }

    public Optional<Map<String, Object>> instruction(String instructionId) {
        return jdbc.queryForList("SELECT * FROM account_lock WHERE instruction_id = ?", instructionId).stream()
                .findFirst();
    }

    public boolean answer(String instructionId, boolean accepted, String reason) {
        return jdbc.update("UPDATE account_lock SET status = ?, reason = ?, answered_at = ? WHERE instruction_id = ?"
                        + " AND status = 'SENT'", accepted ? "ACKED" : "REFUSED", reason, Timestamp.from(clock.instant()),
                instructionId) == 1;
    }

    /** Instructions the treasury has not acknowledged, oldest first: what operators must watch. */
    public List<Map<String, Object>> unacknowledged() {
        return jdbc.queryForList("SELECT instruction_id, action, trade_id, funder_code, contract_id, status, reason,"
                + " sent_at FROM account_lock WHERE status <> 'ACKED' ORDER BY sent_at");
    }

    /** Instructions still unacknowledged that were last sent before the given time. */
    public List<Map<String, Object>> unacknowledgedSince(java.time.Instant before) {
        return jdbc.queryForList("SELECT instruction_id, action, trade_id, funder_code FROM account_lock"
                + " WHERE status = 'SENT' AND sent_at < ? ORDER BY sent_at", Timestamp.from(before));
    }

    public void resent(String instructionId) {
        jdbc.update("UPDATE account_lock SET sent_at = ? WHERE instruction_id = ?", Timestamp.from(clock.instant()),
                instructionId);
    }

    private RepaymentAccount read(String s) {
        try {
            return json.readValue(s, RepaymentAccount.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored repayment account cannot be read", e);
        }
    }
}
