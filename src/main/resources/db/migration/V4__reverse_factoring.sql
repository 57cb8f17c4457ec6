-- Reverse factoring (线上反保理): authorisations, credit lines, relationships, the daily feed's records,
-- financing requests, pledge/transfer notices and trades.

CREATE TABLE authorisation (
    authorisation_id   VARCHAR(64)  NOT NULL,
    supplier_code      VARCHAR(18)  NOT NULL,
    core_code          VARCHAR(18)  NOT NULL,
    funder_code        VARCHAR(18)  NOT NULL,
    history_from       DATE         NOT NULL,
    valid_until        DATE         NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_authorisation PRIMARY KEY (supplier_code, authorisation_id)
);
CREATE INDEX ix_authorisation_parties ON authorisation (supplier_code, core_code, funder_code);

CREATE TABLE credit_line (
    funder_code        VARCHAR(18)  NOT NULL,
    credit_line_id     VARCHAR(64)  NOT NULL,
    supplier_code      VARCHAR(18)  NOT NULL,
    core_code          VARCHAR(18),
    amount             DECIMAL(18, 2) NOT NULL,
    valid_from         DATE         NOT NULL,
    valid_until        DATE         NOT NULL,
    status             VARCHAR(10)  NOT NULL,
    reason             VARCHAR(1000),
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_credit_line PRIMARY KEY (funder_code, credit_line_id)
);
CREATE INDEX ix_credit_line_core ON credit_line (core_code, credit_line_id);

-- One active relationship per supplier, core enterprise and funder: active_key is NULL once ended.
CREATE TABLE financing_relationship (
    supplier_code      VARCHAR(18)  NOT NULL,
    relationship_id    VARCHAR(64)  NOT NULL,
    core_code          VARCHAR(18)  NOT NULL,
    funder_code        VARCHAR(18)  NOT NULL,
    mode               VARCHAR(10)  NOT NULL,
    status             VARCHAR(10)  NOT NULL,
    active_key         VARCHAR(60),
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at           TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_financing_relationship PRIMARY KEY (supplier_code, relationship_id),
    CONSTRAINT uq_financing_relationship_active UNIQUE (active_key)
);
CREATE INDEX ix_relationship_feed ON financing_relationship (core_code, supplier_code, status);

-- The receivable's state: confirmed amount, adjustments and payments so far.
CREATE TABLE payable (
    creditor_code      VARCHAR(18)  NOT NULL,
    debtor_code        VARCHAR(18)  NOT NULL,
    document_number    VARCHAR(64)  NOT NULL,
    amount             DECIMAL(18, 2) NOT NULL,
    issue_date         DATE         NOT NULL,
    due_date           DATE         NOT NULL,
    confirmed          BOOLEAN      NOT NULL,
    adjusted           DECIMAL(18, 2) NOT NULL,
    paid               DECIMAL(18, 2) NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_payable PRIMARY KEY (creditor_code, debtor_code, document_number)
);

CREATE TABLE adjustment (
    debtor_code        VARCHAR(18)  NOT NULL,
    adjustment_id      VARCHAR(64)  NOT NULL,
    creditor_code      VARCHAR(18)  NOT NULL,
    document_number    VARCHAR(64)  NOT NULL,
    amount             DECIMAL(18, 2) NOT NULL,
    reason             VARCHAR(1000) NOT NULL,
    adjustment_date    DATE         NOT NULL,
    CONSTRAINT pk_adjustment PRIMARY KEY (debtor_code, adjustment_id)
);

CREATE TABLE payment (
    debtor_code        VARCHAR(18)  NOT NULL,
    payment_id         VARCHAR(64)  NOT NULL,
    creditor_code      VARCHAR(18)  NOT NULL,
    document_number    VARCHAR(64)  NOT NULL,
    amount             DECIMAL(18, 2) NOT NULL,
    paid_date          DATE         NOT NULL,
    CONSTRAINT pk_payment PRIMARY KEY (debtor_code, payment_id)
);

CREATE TABLE collection_account (
    debtor_code        VARCHAR(18)  NOT NULL,
    creditor_code      VARCHAR(18)  NOT NULL,
    account_number     VARCHAR(64)  NOT NULL,
    account_name       VARCHAR(200) NOT NULL,
    bank_name          VARCHAR(200) NOT NULL,
    valid_from         DATE         NOT NULL,
    CONSTRAINT pk_collection_account PRIMARY KEY (debtor_code, creditor_code, valid_from)
);

CREATE TABLE financing_request (
    supplier_code      VARCHAR(18)  NOT NULL,
    request_id         VARCHAR(64)  NOT NULL,
    relationship_id    VARCHAR(64)  NOT NULL,
    funder_code        VARCHAR(18)  NOT NULL,
    amount             DECIMAL(18, 2) NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_financing_request PRIMARY KEY (supplier_code, request_id)
);

-- Pledge/transfer notices: RECEIVED from the funder, CONFIRMED by the supplier, REGISTERED at the registry.
CREATE TABLE pledge_notice (
    funder_code        VARCHAR(18)  NOT NULL,
    notice_id          VARCHAR(64)  NOT NULL,
    kind               VARCHAR(10)  NOT NULL,
    supplier_code      VARCHAR(18)  NOT NULL,
    debtor_code        VARCHAR(18)  NOT NULL,
    amount             DECIMAL(18, 2) NOT NULL,
    status             VARCHAR(12)  NOT NULL,
    registration_number VARCHAR(100),
    payload            VARCHAR(100000) NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_pledge_notice PRIMARY KEY (funder_code, notice_id)
);
CREATE INDEX ix_pledge_notice_supplier ON pledge_notice (supplier_code, notice_id);

CREATE TABLE trade (
    funder_code        VARCHAR(18)  NOT NULL,
    trade_id           VARCHAR(64)  NOT NULL,
    supplier_code      VARCHAR(18)  NOT NULL,
    debtor_code        VARCHAR(18)  NOT NULL,
    financed_amount    DECIMAL(18, 2) NOT NULL,
    notice_id          VARCHAR(64),
    contract_id        VARCHAR(64),
    status             VARCHAR(10)  NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_trade PRIMARY KEY (funder_code, trade_id)
);
