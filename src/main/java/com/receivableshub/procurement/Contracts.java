package com.receivableshub.procurement;

import com.receivableshub.model.Contract;
import com.receivableshub.pipeline.RefusedException;

/** The checks every step on one procurement contract makes: it is known, it is the supplier's, it was applied for. */
final class Contracts {

    private Contracts() {
    }

    /**
     * @param notTheSuppliers the status when the contract is someone else's: 403 when the supplier itself asks,
     *                        422 when a funder names a wrong pair
     */
    static Contract requireSuppliers(ProcurementStore store, String contractId, String supplier, int notTheSuppliers) {
        Contract contract = store.contract(contractId).orElseThrow(() -> new RefusedException(422, "contractId",
                "no contract '" + contractId + "' is known"));
        if (!contract.supplierCode().equals(supplier)) {
            throw new RefusedException(notTheSuppliers, "contractId", "contract '" + contractId + "' is not "
                    + supplier + "'s");
        }
        return contract;
    }

    /** The supplier applied to this funder for financing on the contract: only then may the funder act on it. */
    static Contract requireApplied(ProcurementStore store, String contractId, String supplier, String funder) {
        Contract contract = requireSuppliers(store, contractId, supplier, 422);
        if (!store.fundersApplyingFor(contractId).contains(funder)) {
            throw new RefusedException(403, "contractId", supplier + " has not applied to " + funder
                    + " for financing on contract '" + contractId + "'");
        }
        return contract;
    }
}
