package com.receivableshub.smoke;

import com.receivableshub.participant.Participant;
import com.receivableshub.soap.procurement.Account;
import com.receivableshub.soap.procurement.AwardNotice;
import com.receivableshub.soap.procurement.Contract;
import com.receivableshub.soap.procurement.PaymentPlanItem;
import com.receivableshub.soap.procurement.SubmitContract;
import com.receivableshub.soap.procurement.SubmitAwardNotice;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
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

    /**
     * An OCDS 1.1 release of an award and its contract, as a Chinese procurement system publishes it: parties with
     * unified social credit codes, the buyer's division code, the payer, the contract's collection account and
     * payment milestones.
     */
    public static JsonNode ocdsRelease(ObjectMapper json, String ocid, String awardId, String contractId,
                                       String supplierCode, OffsetDateTime date) {
        String release = """
                {"ocid":"%1$s","id":"%1$s-award","date":"%5$s","tag":["award","contract"],"initiationType":"tender",
                 "parties":[
                  {"id":"buyer","name":"Fuzhou Gulou Education Bureau","roles":["buyer"],
                   "identifier":{"scheme":"CN-USCC","id":"11350000003123400M","legalName":"Fuzhou Gulou Education Bureau"},
                   "address":{"region":"350102"}},
                  {"id":"payer","name":"Gulou Finance Bureau","roles":["payer"],
                   "identifier":{"scheme":"CN-USCC","id":"11350000003123400M","legalName":"Gulou Finance Bureau"}},
                  {"id":"supplier","name":"Supplier","roles":["supplier"],
                   "identifier":{"scheme":"CN-USCC","id":"%4$s","legalName":"Supplier"}}],
                 "buyer":{"id":"buyer","name":"Fuzhou Gulou Education Bureau"},
                 "awards":[{"id":"%2$s","title":"Teaching equipment","date":"%5$s",
                   "value":{"amount":650000.00,"currency":"CNY"},"suppliers":[{"id":"supplier","name":"Supplier"}]}],
                 "contracts":[{"id":"%3$s","awardID":"%2$s","dateSigned":"%5$s",
                   "value":{"amount":650000.00,"currency":"CNY"},
                   "milestones":[{"id":"m1","type":"payment","dueDate":"%5$s","value":{"amount":650000.00,"currency":"CNY"}}],
                   "implementation":{"collectionAccount":{"accountNumber":"6222020200112233445",
                     "accountName":"Supplier","bankName":"Demo Bank, Xiamen Branch"}}}]}
                """.formatted(ocid, awardId, contractId, supplierCode, date);
        try {
            return json.readTree(release);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
