package com.receivableshub.participant;

/** What a connected party is to the platform. */
public enum ParticipantRole {
    /** 核心企业, with its ERP. */
    CORE_ENTERPRISE,
    /** 供应商, the creditor of a receivable. */
    SUPPLIER,
    /** 资金提供方: bank, factoring company. */
    FUNDER,
    /** 政府采购系统 of a province or finance department. */
    PROCUREMENT_SYSTEM,
    /** 动产融资统一登记公示系统. */
    REGISTRY,
    /** 财政国库集中支付. */
    TREASURY,
    /** The platform's operators: ledger checks, histories, dead letters. */
    OPERATOR
}
