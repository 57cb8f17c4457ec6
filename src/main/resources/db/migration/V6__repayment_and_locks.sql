-- Procurement financing: repayment accounts a funder designates (the supplier confirms them), and the account-lock
-- instructions sent to the treasury with what became of them.

CREATE TABLE repayment_account (
    funder_code        VARCHAR(18)  NOT NULL,
    designation_id     VARCHAR(64)  NOT NULL,
    supplier_code      VARCHAR(18)  NOT NULL,
    contract_id        VARCHAR(64)  NOT NULL,
    status             VARCHAR(12)  NOT NULL,
    payload            VARCHAR(10000) NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_repayment_account PRIMARY KEY (funder_code, designation_id)
);
CREATE INDEX ix_repayment_account_supplier ON repayment_account (supplier_code, designation_id);

-- One LOCK per trade and one UNLOCK per settlement: the instruction id is derived from the trade.
CREATE TABLE account_lock (
    instruction_id     VARCHAR(100) NOT NULL,
    action             VARCHAR(6)   NOT NULL,
    trade_id           VARCHAR(64)  NOT NULL,
    funder_code        VARCHAR(18)  NOT NULL,
    contract_id        VARCHAR(64)  NOT NULL,
    status             VARCHAR(10)  NOT NULL,
    reason             VARCHAR(1000),
    sent_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    answered_at        TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_account_lock PRIMARY KEY (instruction_id)
);
CREATE INDEX ix_account_lock_status ON account_lock (status, sent_at);
