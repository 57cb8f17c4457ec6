package com.receivableshub.smoke;

import com.receivableshub.participant.Participant;
import com.receivableshub.soap.procurement.AwardNotice;
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
