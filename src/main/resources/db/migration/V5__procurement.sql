-- Procurement financing (政府采购类应收账款线上融资): what procurement systems published, which funders have had the
-- backlog of their regions, financing intents and applications.

CREATE TABLE award_notice (
    source_code        VARCHAR(18)  NOT NULL,
    notice_id          VARCHAR(64)  NOT NULL,
    region             VARCHAR(6)   NOT NULL,
    finance_dept_code  VARCHAR(18)  NOT NULL,
    supplier_code      VARCHAR(18)  NOT NULL,
    amount             DECIMAL(18, 2) NOT NULL,
    award_date         DATE         NOT NULL,
    payload            VARCHAR(100000) NOT NULL,
    CONSTRAINT pk_award_notice PRIMARY KEY (source_code, notice_id)
);
CREATE INDEX ix_award_supplier ON award_notice (supplier_code, award_date);
CREATE INDEX ix_award_region ON award_notice (region, award_date);
CREATE INDEX ix_award_finance_dept ON award_notice (finance_dept_code);

CREATE TABLE procurement_contract (
    contract_id        VARCHAR(64)  NOT NULL,
    source_code        VARCHAR(18)  NOT NULL,
    notice_id          VARCHAR(64),
    region             VARCHAR(6)   NOT NULL,
    finance_dept_code  VARCHAR(18)  NOT NULL,
    supplier_code      VARCHAR(18)  NOT NULL,
    amount             DECIMAL(18, 2) NOT NULL,
    paid               DECIMAL(18, 2) NOT NULL,
    signed_date        DATE         NOT NULL,
    payload            VARCHAR(100000) NOT NULL,
    CONSTRAINT pk_procurement_contract PRIMARY KEY (contract_id)
);
CREATE INDEX ix_contract_supplier ON procurement_contract (supplier_code, signed_date);

CREATE TABLE procurement_payment (
    contract_id        VARCHAR(64)  NOT NULL,
    payment_id         VARCHAR(64)  NOT NULL,
    amount             DECIMAL(18, 2) NOT NULL,
    paid_date          DATE         NOT NULL,
    payload            VARCHAR(10000) NOT NULL,
    CONSTRAINT pk_procurement_payment PRIMARY KEY (contract_id, payment_id)
);

-- A funder that joins later gets the last year's awards of its regions once.
CREATE TABLE funder_backlog (
    funder_code        VARCHAR(18)  NOT NULL,
    region             VARCHAR(6)   NOT NULL,
    delivered_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    awards             INT          NOT NULL,
    CONSTRAINT pk_funder_backlog PRIMARY KEY (funder_code, region)
);

CREATE TABLE financing_application (
    supplier_code      VARCHAR(18)  NOT NULL,
    application_id     VARCHAR(64)  NOT NULL,
    funder_code        VARCHAR(18)  NOT NULL,
    contract_id        VARCHAR(64)  NOT NULL,
    amount             DECIMAL(18, 2) NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_financing_application PRIMARY KEY (supplier_code, application_id)
);
CREATE INDEX ix_application_contract ON financing_application (contract_id);
