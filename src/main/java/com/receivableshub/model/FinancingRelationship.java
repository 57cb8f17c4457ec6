package com.receivableshub.model;

/** 融资关系: supplier + core enterprise + funder; while active the funder receives the supplier's payables. */
public record FinancingRelationship(
        String relationshipId,
        String supplierCode,
        String coreEnterpriseCode,
        String funderCode,
        FinancingMode mode,
        RelationshipStatus status) {
}
