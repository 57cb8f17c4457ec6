package com.receivableshub.procurement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.model.AwardNotice;
import com.receivableshub.model.Contract;
import com.receivableshub.model.ProcurementPayment;
import com.receivableshub.participant.ParticipantDirectory;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What procurement systems published (awards, contracts, payments), which funders have had their regions' backlog,
 * and the suppliers' financing applications. Inserts are idempotent on the documents' own ids.
 */
@Repository
public class ProcurementStore {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public ProcurementStore(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    public boolean addAward(String source, AwardNotice a) {
        return jdbc.update(AWARD_INSERT, source, a.noticeId(), a.region(), a.financeDepartmentCode(), a.supplierCode(),
                a.amount(), Date.valueOf(a.awardDate()), write(a)) == 1;
    }

    /**
     * {@link #addAward} for many awards, one batch: whether each was new (an award twice in the list: the first
     * one is).
     */
    public boolean[] addAwards(List<String> sources, List<AwardNotice> awards) {
        List<Object[]> rows = new ArrayList<>(awards.size());
        for (int i = 0; i < awards.size(); i++) {
            AwardNotice a = awards.get(i);
            rows.add(new Object[] {sources.get(i), a.noticeId(), a.region(), a.financeDepartmentCode(),
                    a.supplierCode(), a.amount(), Date.valueOf(a.awardDate()), write(a)});
        }
        int[] counts = jdbc.batchUpdate(AWARD_INSERT, rows);
        boolean[] added = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0 && counts[i] != 1) {
                throw new IllegalStateException("the database did not say which awards were new");
            }
            added[i] = counts[i] == 1;
        }
        return added;
    }

    private static final String AWARD_INSERT = "INSERT INTO award_notice (source_code, notice_id, region,"
            + " finance_dept_code, supplier_code, amount, award_date, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT DO NOTHING";

    public boolean addContract(String source, Contract c) {
        return jdbc.update("INSERT INTO procurement_contract (contract_id, source_code, notice_id, region,"
                        + " finance_dept_code, supplier_code, amount, paid, signed_date, payload)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT DO NOTHING",
                c.contractId(), source, c.noticeId(), c.region(), c.financeDepartmentCode(), c.supplierCode(),
                c.amount(), Date.valueOf(c.signedDate()), write(c)) == 1;
    }

    public boolean addPayment(ProcurementPayment p) {
        boolean added = jdbc.update("INSERT INTO procurement_payment (contract_id, payment_id, amount, paid_date, payload)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                p.contractId(), p.paymentId(), p.amount(), Date.valueOf(p.paidDate()), write(p)) == 1;
        if (added) {
            jdbc.update("UPDATE procurement_contract SET paid = paid + ? WHERE contract_id = ?", p.amount(),
                    p.contractId());
        }
        return added;
    }

    public Optional<Contract> contract(String contractId) {
        return jdbc.queryForList("SELECT payload FROM procurement_contract WHERE contract_id = ?", String.class,
                contractId).stream().findFirst().map(s -> read(s, Contract.class));
    }

    /** The procurement system that published a contract. */
    public Optional<String> source(String contractId) {
        return jdbc.queryForList("SELECT source_code FROM procurement_contract WHERE contract_id = ?", String.class,
                contractId).stream().findFirst();
    }

    /** What is left to finance on a contract: its amount less what the treasury has paid. */
    public Optional<BigDecimal> openAmount(String contractId) {
        return jdbc.queryForList("SELECT amount - paid FROM procurement_contract WHERE contract_id = ?",
                BigDecimal.class, contractId).stream().findFirst();
    }

    public Optional<AwardNotice> award(String noticeId) {
        return jdbc.queryForList("SELECT payload FROM award_notice WHERE notice_id = ?", String.class, noticeId)
                .stream().findFirst().map(s -> read(s, AwardNotice.class));
    }

    public List<ProcurementPayment> payments(String contractId) {
        return jdbc.queryForList("SELECT payload FROM procurement_payment WHERE contract_id = ? ORDER BY paid_date",
                String.class, contractId).stream().map(s -> read(s, ProcurementPayment.class)).toList();
    }

    public List<AwardNotice> awardsOfSupplier(String supplier, LocalDate from) {
        return jdbc.queryForList("SELECT payload FROM award_notice WHERE supplier_code = ? AND award_date >= ?"
                + " ORDER BY award_date", String.class, supplier, Date.valueOf(from)).stream()
                .map(s -> read(s, AwardNotice.class)).toList();
    }

    public List<Contract> contractsOfSupplier(String supplier, LocalDate from) {
        return jdbc.queryForList("SELECT payload FROM procurement_contract WHERE supplier_code = ? AND signed_date >= ?"
                + " ORDER BY signed_date", String.class, supplier, Date.valueOf(from)).stream()
                .map(s -> read(s, Contract.class)).toList();
    }

    /** Awards published in a region (a province code covers its cities) since a day. */
    public List<AwardNotice> awardsOfRegion(String region, LocalDate from) {
        return jdbc.queryForList("SELECT payload FROM award_notice WHERE region LIKE ? AND award_date >= ?"
                + " ORDER BY award_date", String.class, ParticipantDirectory.regionPrefix(region) + "%",
                Date.valueOf(from)).stream()
                .map(s -> read(s, AwardNotice.class)).toList();
    }

    /** The regions where a finance department's awards and contracts were published. */
    public List<String> regionsOfFinanceDepartment(String code) {
        return jdbc.queryForList("SELECT region FROM award_notice WHERE finance_dept_code = ? UNION"
                + " SELECT region FROM procurement_contract WHERE finance_dept_code = ?", String.class, code, code);
    }

    /** @return false when this funder had the region's backlog already */
    public boolean backlogDelivered(String funder, String region, int awards) {
        return jdbc.update("INSERT INTO funder_backlog (funder_code, region, delivered_at, awards) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING", funder, region, Timestamp.from(clock.instant()), awards) == 1;
    }

    public boolean addApplication(String supplier, String applicationId, String funder, String contractId,
                                  BigDecimal amount) {
        return jdbc.update("INSERT INTO financing_application (supplier_code, application_id, funder_code, contract_id,"
                        + " amount, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                supplier, applicationId, funder, contractId, amount, Timestamp.from(clock.instant())) == 1;
    }

    /** The funders a supplier applied to for financing on this contract: they keep receiving its payments. */
    public List<String> fundersApplyingFor(String contractId) {
        return jdbc.queryForList("SELECT DISTINCT funder_code FROM financing_application WHERE contract_id = ?",
                String.class, contractId);
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String s, Class<T> type) {
        try {
            return json.readValue(s, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " cannot be read", e);
        }
    }
}
