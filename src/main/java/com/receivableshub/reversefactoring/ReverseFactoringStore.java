package com.receivableshub.reversefactoring;

import com.receivableshub.model.Adjustment;
import com.receivableshub.model.Authorisation;
import com.receivableshub.model.CollectionAccount;
import com.receivableshub.model.CreditLine;
import com.receivableshub.model.FinancingMode;
import com.receivableshub.model.FinancingRelationship;
import com.receivableshub.model.Payable;
import com.receivableshub.model.Payment;
import com.receivableshub.model.PledgeNotice;
import com.receivableshub.model.Trade;
import com.receivableshub.model.ReceivableKey;
import com.receivableshub.model.RelationshipStatus;
import com.receivableshub.pipeline.BulkSql;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/**
 * The state of reverse factoring in the database. Every insert of something a participant sends is idempotent on its
 * natural key ({@code ON CONFLICT DO NOTHING}): the answer says whether it was new.
 */
@Repository
public class ReverseFactoringStore {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public ReverseFactoringStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    // --- authorisations ---------------------------------------------------------------------------------------

    public boolean addAuthorisation(Authorisation a) {
        return jdbc.update("INSERT INTO authorisation (authorisation_id, supplier_code, core_code, funder_code,"
                        + " history_from, valid_until, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                a.authorisationId(), a.supplierCode(), a.coreEnterpriseCode(), a.funderCode(),
                Date.valueOf(a.historyFrom()), Date.valueOf(a.validUntil()), now()) == 1;
    }

    /** The earliest day of history the supplier let this funder see, if an authorisation is valid today. */
    public Optional<LocalDate> authorisedFrom(String supplier, String core, String funder, LocalDate today) {
        return jdbc.query("SELECT MIN(history_from) FROM authorisation WHERE supplier_code = ? AND core_code = ?"
                        + " AND funder_code = ? AND valid_until >= ?",
                (rs, i) -> rs.getDate(1), supplier, core, funder, Date.valueOf(today)).stream()
                .filter(java.util.Objects::nonNull).map(Date::toLocalDate).findFirst();
    }

    // --- credit lines -----------------------------------------------------------------------------------------

    public boolean addCreditLine(CreditLine c) {
        return jdbc.update("INSERT INTO credit_line (funder_code, credit_line_id, supplier_code, core_code, amount,"
                        + " valid_from, valid_until, status, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)"
                        + " ON CONFLICT DO NOTHING",
                c.funderCode(), c.creditLineId(), c.supplierCode(), c.coreEnterpriseCode(), c.amount(),
                Date.valueOf(c.validFrom()), Date.valueOf(c.validUntil()), now()) == 1;
    }

    /** The funder of a credit line awaiting this core enterprise's decision. */
    public Optional<String> pendingCreditLineFunder(String core, String creditLineId) {
        return jdbc.queryForList("SELECT funder_code FROM credit_line WHERE core_code = ? AND credit_line_id = ?"
                + " AND status = 'PENDING'", String.class, core, creditLineId).stream().findFirst();
    }

    public void decideCreditLine(String funder, String creditLineId, boolean approved, String reason) {
        jdbc.update("UPDATE credit_line SET status = ?, reason = ?, updated_at = ? WHERE funder_code = ?"
                + " AND credit_line_id = ?", approved ? "APPROVED" : "REJECTED", reason, now(), funder, creditLineId);
    }

    // --- financing relationships ------------------------------------------------------------------------------

    /** @return false when the same relationship id exists already */
    public boolean openRelationship(FinancingRelationship r) {
        return jdbc.update("INSERT INTO financing_relationship (supplier_code, relationship_id, core_code, funder_code,"
                        + " mode, status, active_key, created_at) VALUES (?, ?, ?, ?, ?, 'ACTIVE', ?, ?)",
                r.supplierCode(), r.relationshipId(), r.coreEnterpriseCode(), r.funderCode(), r.mode().name(),
                r.supplierCode() + "/" + r.coreEnterpriseCode() + "/" + r.funderCode(), now()) == 1;
    }

    public boolean endRelationship(String supplier, String relationshipId) {
        return jdbc.update("UPDATE financing_relationship SET status = 'ENDED', active_key = NULL, ended_at = ?"
                + " WHERE supplier_code = ? AND relationship_id = ? AND status = 'ACTIVE'",
                now(), supplier, relationshipId) == 1;
    }

    public Optional<FinancingRelationship> relationship(String supplier, String relationshipId) {
        return jdbc.query("SELECT relationship_id, supplier_code, core_code, funder_code, mode, status"
                        + " FROM financing_relationship WHERE supplier_code = ? AND relationship_id = ?",
                (rs, i) -> new FinancingRelationship(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), FinancingMode.valueOf(rs.getString(5)),
                        RelationshipStatus.valueOf(rs.getString(6))),
                supplier, relationshipId).stream().findFirst();
    }

    public boolean activeRelationshipExists(String supplier, String core, String funder) {
        return !jdbc.queryForList("SELECT relationship_id FROM financing_relationship WHERE active_key = ?",
                String.class, supplier + "/" + core + "/" + funder).isEmpty();
    }

    /**
     * The funders that see each of these suppliers' feed from this core enterprise now, in one query per 500
     * suppliers; a supplier nobody sees maps to an empty list.
     */
    public Map<String, List<String>> fundersSeeing(String core, Collection<String> suppliers) {
        Map<String, List<String>> seeing = new HashMap<>();
        List<String> all = new ArrayList<>(new java.util.TreeSet<>(suppliers));
        for (String supplier : all) {
            seeing.put(supplier, new ArrayList<>());
        }
        for (int from = 0; from < all.size(); from += 500) {
            List<String> part = all.subList(from, Math.min(all.size(), from + 500));
            List<Object> args = new ArrayList<>(part.size() + 1);
            args.add(core);
            args.addAll(part);
            jdbc.query("SELECT supplier_code, funder_code FROM financing_relationship WHERE core_code = ?"
                            + " AND status = 'ACTIVE' AND supplier_code IN ("
                            + String.join(", ", java.util.Collections.nCopies(part.size(), "?")) + ")"
                            + " ORDER BY supplier_code, funder_code",
                    (RowCallbackHandler) rs -> seeing.get(rs.getString(1)).add(rs.getString(2)), args.toArray());
        }
        return seeing;
    }

    /** The funders that see a supplier's feed from this core enterprise now. */
    public List<String> fundersSeeing(String core, String supplier) {
        return jdbc.queryForList("SELECT funder_code FROM financing_relationship WHERE core_code = ?"
                + " AND supplier_code = ? AND status = 'ACTIVE'", String.class, core, supplier);
    }

    // --- the daily feed ---------------------------------------------------------------------------------------

    public boolean addPayable(Payable p) {
        Timestamp now = now();
        return jdbc.update("INSERT INTO payable (creditor_code, debtor_code, document_number, amount, issue_date,"
                        + " due_date, confirmed, adjusted, paid, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, ?)"
                        + " ON CONFLICT DO NOTHING",
                p.creditorCode(), p.debtorCode(), p.documentNumber(), p.amount(), Date.valueOf(p.issueDate()),
                Date.valueOf(p.dueDate()), p.confirmed(), now) == 1;
    }

    /**
     * Stores many payables at once, each idempotent on its key as {@link #addPayable}: the answer says, for each in
     * order, whether it was new. A key twice in the list is new only the first time. PostgreSQL takes them in one
     * statement over arrays and reports which rows went in; other databases in one JDBC batch.
     */
    public boolean[] addPayables(List<Payable> payables) {
        return addPayables(payables, null);
    }

    /**
     * As {@link #addPayables(List)}, each new row naming the ledger entry of the batch that brought it
     * ({@code ledger_seq}, which {@code Ledger.history} follows).
     */
    public boolean[] addPayables(List<Payable> payables, Long ledgerSeq) {
        boolean[] added = new boolean[payables.size()];
        if (payables.isEmpty()) {
            return added;
        }
        Timestamp now = now();
        if (!BulkSql.postgres(jdbc)) {
            int[] counts = jdbc.batchUpdate("INSERT INTO payable (creditor_code, debtor_code, document_number, amount,"
                            + " issue_date, due_date, confirmed, adjusted, paid, created_at, ledger_seq)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?) ON CONFLICT DO NOTHING",
                    payables.stream().map(p -> new Object[] {p.creditorCode(), p.debtorCode(), p.documentNumber(),
                            p.amount(), Date.valueOf(p.issueDate()), Date.valueOf(p.dueDate()), p.confirmed(), now,
                            ledgerSeq}).toList());
            for (int i = 0; i < counts.length; i++) {
                added[i] = counts[i] == 1;
            }
            return added;
        }
        if (copyAllNew(payables, now, ledgerSeq)) {
            java.util.Arrays.fill(added, true);
            return added;
        }
        int n = payables.size();
        String[] creditors = new String[n];
        String[] debtors = new String[n];
        String[] documents = new String[n];
        BigDecimal[] amounts = new BigDecimal[n];
        Date[] issued = new Date[n];
        Date[] due = new Date[n];
        Boolean[] confirmed = new Boolean[n];
        for (int i = 0; i < n; i++) {
            Payable p = payables.get(i);
            creditors[i] = p.creditorCode();
            debtors[i] = p.debtorCode();
            documents[i] = p.documentNumber();
            amounts[i] = p.amount();
            issued[i] = Date.valueOf(p.issueDate());
            due[i] = Date.valueOf(p.dueDate());
            confirmed[i] = p.confirmed();
        }
        Set<String> inserted = new HashSet<>();
        jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement("INSERT INTO payable (creditor_code, debtor_code,"
                    + " document_number, amount, issue_date, due_date, confirmed, adjusted, paid, created_at,"
                    + " ledger_seq) SELECT c, d, n, a, i, u, f, 0, 0, ?, ? FROM unnest(?::varchar[], ?::varchar[], ?::varchar[],"
                    + " ?::numeric[], ?::date[], ?::date[], ?::boolean[]) AS t(c, d, n, a, i, u, f)"
                    + " ON CONFLICT DO NOTHING RETURNING creditor_code, debtor_code, document_number");
            ps.setTimestamp(1, now);
            ps.setObject(2, ledgerSeq, java.sql.Types.BIGINT);
            ps.setArray(3, con.createArrayOf("varchar", creditors));
            ps.setArray(4, con.createArrayOf("varchar", debtors));
            ps.setArray(5, con.createArrayOf("varchar", documents));
            ps.setArray(6, con.createArrayOf("numeric", amounts));
            ps.setArray(7, con.createArrayOf("date", issued));
            ps.setArray(8, con.createArrayOf("date", due));
            ps.setArray(9, con.createArrayOf("bool", confirmed));
            return ps;
        }, (RowCallbackHandler) rs -> inserted.add(key(rs.getString(1), rs.getString(2), rs.getString(3))));
        for (int i = 0; i < n; i++) {
            added[i] = inserted.remove(key(creditors[i], debtors[i], documents[i]));
        }
        return added;
    }

    /**
     * The usual case on PostgreSQL, a day's payables all new: they go in with COPY, the database's fastest path. A
     * key the table has already (or twice in the list) makes COPY fail as a whole: it is undone to a savepoint, the
     * rest of the transaction stays, and the answer is false so that the caller takes the keyed path that tells
     * which are new.
     */
    private boolean copyAllNew(List<Payable> payables, Timestamp now, Long ledgerSeq) {
        return Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) con -> {
            Savepoint savepoint = con.setSavepoint();
            try {
                CopyIn copy = con.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY payable (creditor_code,"
                        + " debtor_code, document_number, amount, issue_date, due_date, confirmed, adjusted, paid,"
                        + " created_at, ledger_seq) FROM STDIN");
                try {
                    String tail = "\t0\t0\t" + now.toInstant() + "\t" + (ledgerSeq == null ? "\\N" : ledgerSeq) + "\n";
                    StringBuilder rows = new StringBuilder(1 << 17);
                    for (Payable p : payables) {
                        copyField(rows, p.creditorCode()).append('\t');
                        copyField(rows, p.debtorCode()).append('\t');
                        copyField(rows, p.documentNumber()).append('\t');
                        rows.append(p.amount().toPlainString()).append('\t');
                        copyDate(rows, p.issueDate()).append('\t');
                        copyDate(rows, p.dueDate()).append('\t').append(p.confirmed()).append(tail);
                        if (rows.length() >= 1 << 16) {
                            writeCopy(copy, rows);
                        }
                    }
                    writeCopy(copy, rows);
                    copy.endCopy();
                } finally {
                    if (copy.isActive()) {
                        copy.cancelCopy();
                    }
                }
                con.releaseSavepoint(savepoint);
                return true;
            } catch (SQLException e) {
                if (!"23505".equals(e.getSQLState())) { // anything but a key there already fails the chunk
                    throw e;
                }
                con.rollback(savepoint);
                return false;
            }
        }));
    }

    private static void writeCopy(CopyIn copy, StringBuilder rows) throws SQLException {
        byte[] bytes = rows.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        rows.setLength(0);
    }

    /** A text field of COPY's text format: backslash, tab, newline and carriage return escaped. */
    private static StringBuilder copyField(StringBuilder rows, String value) {
        int n = value.length();
        int plain = 0;
        while (plain < n && value.charAt(plain) != '\\' && value.charAt(plain) >= ' ') {
            plain++;
        }
        if (plain == n) { // the usual case: nothing to escape
            return rows.append(value);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> rows.append("\\\\");
                case '\t' -> rows.append("\\t");
                case '\n' -> rows.append("\\n");
                case '\r' -> rows.append("\\r");
                default -> rows.append(c);
            }
        }
        return rows;
    }

    /** A date as COPY reads it, yyyy-MM-dd, written digit by digit (LocalDate.toString makes a string per date). */
    private static StringBuilder copyDate(StringBuilder rows, java.time.LocalDate date) {
        int year = date.getYear();
        if (year < 1000 || year > 9999) {
            return rows.append(date);
        }
        int month = date.getMonthValue();
        int day = date.getDayOfMonth();
        return rows.append(year).append('-').append((char) ('0' + month / 10)).append((char) ('0' + month % 10))
                .append('-').append((char) ('0' + day / 10)).append((char) ('0' + day % 10));
    }

    private static String key(String creditor, String debtor, String document) {
        return creditor + '\u0000' + debtor + '\u0000' + document;
    }

    public boolean addAdjustment(Adjustment a) {
        boolean added = jdbc.update("INSERT INTO adjustment (debtor_code, adjustment_id, creditor_code, document_number,"
                        + " amount, reason, adjustment_date) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                a.debtorCode(), a.adjustmentId(), a.creditorCode(), a.documentNumber(), a.amount(), a.reason(),
                Date.valueOf(a.adjustmentDate())) == 1;
        if (added) {
            jdbc.update("UPDATE payable SET adjusted = adjusted + ? WHERE creditor_code = ? AND debtor_code = ?"
                    + " AND document_number = ?", a.amount(), a.creditorCode(), a.debtorCode(), a.documentNumber());
        }
        return added;
    }

    public boolean addPayment(Payment p) {
        boolean added = jdbc.update("INSERT INTO payment (debtor_code, payment_id, creditor_code, document_number,"
                        + " amount, paid_date) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                p.debtorCode(), p.paymentId(), p.creditorCode(), p.documentNumber(), p.amount(),
                Date.valueOf(p.paidDate())) == 1;
        if (added) {
            jdbc.update("UPDATE payable SET paid = paid + ? WHERE creditor_code = ? AND debtor_code = ?"
                    + " AND document_number = ?", p.amount(), p.creditorCode(), p.debtorCode(), p.documentNumber());
        }
        return added;
    }

    public boolean addCollectionAccount(CollectionAccount c) {
        return jdbc.update("INSERT INTO collection_account (debtor_code, creditor_code, account_number, account_name,"
                        + " bank_name, valid_from) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                c.debtorCode(), c.creditorCode(), c.account().accountNumber(), c.account().accountName(),
                c.account().bankName(), Date.valueOf(c.validFrom())) == 1;
    }

    /** A payable as the financing rules see it. */
    public record PayableState(ReceivableKey key, BigDecimal amount, boolean confirmed, BigDecimal adjusted,
                               BigDecimal paid) {

        /** What is left to finance: the confirmed amount less adjustments (credit notes are negative) and payments. */
        public BigDecimal open() {
            return amount.add(adjusted).subtract(paid);
        }
    }

    public Optional<PayableState> payable(ReceivableKey key) {
        return jdbc.query("SELECT amount, confirmed, adjusted, paid FROM payable WHERE creditor_code = ?"
                        + " AND debtor_code = ? AND document_number = ?",
                (rs, i) -> new PayableState(key, rs.getBigDecimal(1), rs.getBoolean(2), rs.getBigDecimal(3),
                        rs.getBigDecimal(4)),
                key.creditorCode(), key.debtorCode(), key.documentNumber()).stream().findFirst();
    }

    // --- financing requests -----------------------------------------------------------------------------------

    public boolean addFinancingRequest(String supplier, String requestId, String relationshipId, String funder,
                                       BigDecimal amount) {
        return jdbc.update("INSERT INTO financing_request (supplier_code, request_id, relationship_id, funder_code,"
                        + " amount, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                supplier, requestId, relationshipId, funder, amount, now()) == 1;
    }

    // --- pledge/transfer notices and trades -------------------------------------------------------------------

    /** A notice as the hub keeps it, with the payload as the funder sent it. */
    public record StoredNotice(String funderCode, String noticeId, String supplierCode, String status,
                               String registrationNumber, String payload) {
    }

    public boolean addNotice(PledgeNotice n, String payload) {
        return jdbc.update("INSERT INTO pledge_notice (funder_code, notice_id, kind, supplier_code, debtor_code, amount,"
                        + " status, payload, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'RECEIVED', ?, ?) ON CONFLICT DO NOTHING",
                n.funderCode(), n.noticeId(), n.kind().name(), n.supplierCode(), n.debtorCode(), n.amount(), payload,
                now()) == 1;
    }

    public List<StoredNotice> noticesOfSupplier(String supplier, String noticeId) {
        return jdbc.query("SELECT funder_code, notice_id, supplier_code, status, registration_number, payload"
                + " FROM pledge_notice WHERE supplier_code = ? AND notice_id = ?", ReverseFactoringStore::notice,
                supplier, noticeId);
    }

    public Optional<StoredNotice> notice(String funder, String noticeId) {
        return jdbc.query("SELECT funder_code, notice_id, supplier_code, status, registration_number, payload"
                + " FROM pledge_notice WHERE funder_code = ? AND notice_id = ?", ReverseFactoringStore::notice,
                funder, noticeId).stream().findFirst();
    }

    private static StoredNotice notice(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new StoredNotice(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6));
    }

    /** Moves a notice on, only from the expected status: false when it was elsewhere (a late or repeated step). */
    public boolean noticeStatus(String funder, String noticeId, String from, String to, String registrationNumber) {
        return jdbc.update("UPDATE pledge_notice SET status = ?, registration_number = COALESCE(?, registration_number),"
                + " updated_at = ? WHERE funder_code = ? AND notice_id = ? AND status = ?",
                to, registrationNumber, now(), funder, noticeId, from) == 1;
    }

    public boolean addTrade(Trade t) {
        return jdbc.update("INSERT INTO trade (funder_code, trade_id, supplier_code, debtor_code, financed_amount,"
                        + " notice_id, contract_id, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?)"
                        + " ON CONFLICT DO NOTHING",
                t.funderCode(), t.tradeId(), t.supplierCode(), t.debtorCode(), t.financedAmount(), t.noticeId(),
                t.contractId(), now()) == 1;
    }

    public Optional<Trade> trade(String funder, String tradeId) {
        return jdbc.query("SELECT trade_id, funder_code, supplier_code, debtor_code, financed_amount, notice_id,"
                        + " contract_id, created_at FROM trade WHERE funder_code = ? AND trade_id = ?",
                (rs, i) -> new Trade(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), null,
                        rs.getString(7), rs.getBigDecimal(5), rs.getTimestamp(8).toLocalDateTime().toLocalDate(),
                        rs.getString(6)),
                funder, tradeId).stream().findFirst();
    }

    public boolean settleTrade(String funder, String tradeId) {
        return jdbc.update("UPDATE trade SET status = 'SETTLED' WHERE funder_code = ? AND trade_id = ?"
                + " AND status = 'ACTIVE'", funder, tradeId) == 1;
    }
}
