package com.receivableshub.procurement;

import com.receivableshub.model.LockAction;
import com.receivableshub.model.Trade;
import com.receivableshub.pipeline.IntakeService;
import com.receivableshub.reversefactoring.ReverseFactoringStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A lock or unlock the treasury has not acknowledged is sent again, with the same instruction id, every
 * {@code hub.locks.resend-after} until it is; meanwhile operators see it in {@code /api/v1/operator/account-locks}.
 */
@Component("lockWatch")
public class LockWatch {

    private static final Logger LOG = LoggerFactory.getLogger(LockWatch.class);

    private final LockStore locks;
    private final ReverseFactoringStore trades;
    private final ContractTrades contractTrades;
    private final IntakeService intake;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration resendAfter;

    public LockWatch(LockStore locks, ReverseFactoringStore trades, ContractTrades contractTrades, IntakeService intake,
                     TransactionTemplate tx, Clock clock, @Value("${hub.locks.resend-after:PT10M}") Duration resendAfter) {
        this.locks = locks;
        this.trades = trades;
        this.contractTrades = contractTrades;
        this.intake = intake;
        this.tx = tx;
        this.clock = clock;
        this.resendAfter = resendAfter;
    }

    public void resend() {
        for (Map<String, Object> lock : locks.unacknowledgedSince(clock.instant().minus(resendAfter))) {
            String id = (String) lock.get("instruction_id");
            Trade trade = trades.trade((String) lock.get("funder_code"), (String) lock.get("trade_id")).orElse(null);
            if (trade == null) {
                continue;
            }
            tx.executeWithoutResult(status -> {
                intake.send(contractTrades.resend(id, LockAction.valueOf((String) lock.get("action")), trade));
                locks.resent(id);
            });
            LOG.warn("account-lock instruction {} not acknowledged by the treasury: sent again", id);
        }
    }
}
