package com.receivableshub.smoke;

import com.receivableshub.participant.Participant;
import com.receivableshub.soap.procurement.Account;
import com.receivableshub.soap.procurement.AwardNotice;
import com.receivableshub.soap.procurement.Contract;
import com.receivableshub.soap.procurement.PaymentPlanItem;
import com.receivableshub.soap.procurement.SubmitContract;
import com.receivableshub.soap.procurement.SubmitAwardNotice;
import java.math.BigDecimal;
import java.time.LocalDate;

/** Sample documents the smoke run and the demo traffic send. */
public final class SmokeSamples {

    private SmokeSamples() {
    }

    /** The SOAP request carrying an award notice under the caller's request id. */
    public static SubmitAwardNotice request(String requestId, AwardNotice notice) {
        SubmitAwardNotice request = new SubmitAwardNotice();
        request.setRequestId(requestId);
        request.setAwardNotice(notice);
        return request;
    }

    /** The SOAP request carrying a contract under the caller's request id. */
    public static SubmitContract request(String requestId, Contract contract) {
        SubmitContract request = new SubmitContract();
        request.setRequestId(requestId);
        request.setContract(contract);
        return request;
    }

    public static Contract contract(Participant procurement, String contractId, String noticeId) {
        Contract contract = new Contract();
        contract.setContractId(contractId);
        contract.setNoticeId(noticeId);
        contract.setRegion(procurement.regions().get(0));
        contract.setBuyerCode("11350000003123400M");
        contract.setFinanceDepartmentCode("11350000003123400M");
        contract.setSupplierCode("913501002611234009");
        contract.setAmount(new BigDecimal("1280000.00"));
        contract.setSignedDate(LocalDate.now());
        Account account = new Account();
        account.setAccountNumber("6222020200112233445");
        account.setAccountName("Xiamen Office Supplies Co., Ltd.");
        account.setBankName("Demo Bank, Xiamen Branch");
        contract.setCollectionAccount(account);
        PaymentPlanItem first = new PaymentPlanItem();
        first.setDueDate(LocalDate.now().plusMonths(3));
        first.setAmount(new BigDecimal("640000.00"));
        PaymentPlanItem second = new PaymentPlanItem();
        second.setDueDate(LocalDate.now().plusMonths(6));
        second.setAmount(new BigDecimal("640000.00"));
        contract.getPaymentPlan().add(first);
        contract.getPaymentPlan().add(second);
        return contract;
    }

    public static AwardNotice awardNotice(Participant procurement, String noticeId) {
        AwardNotice notice = new AwardNotice();
        notice.setNoticeId(noticeId);
        notice.setProjectId("FJ-2026-" + Math.abs(noticeId.hashCode() % 100000));
        notice.setTitle("Office furniture for the provincial archives");
        notice.setRegion(procurement.regions().get(0));
        notice.setBuyerCode("11350000003123400M");
        notice.setBuyerName("Fujian Provincial Archives");
        notice.setFinanceDepartmentCode("11350000003123400M");
        notice.setSupplierCode("913501002611234009");
        notice.setSupplierName("Xiamen Office Supplies Co., Ltd.");
        notice.setAmount(new BigDecimal("1280000.00"));
        notice.setAwardDate(LocalDate.now());
        return notice;
    }
}
