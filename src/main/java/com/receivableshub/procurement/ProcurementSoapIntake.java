package com.receivableshub.procurement;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.api.RestIntake;
import com.receivableshub.model.AwardNotice;
import com.receivableshub.model.BankAccount;
import com.receivableshub.model.Contract;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.PaymentPlanItem;
import com.receivableshub.model.ProcurementPayment;
import com.receivableshub.participant.Participant;
import com.receivableshub.pipeline.Channel;
import com.receivableshub.pipeline.IntakeResult;
import com.receivableshub.pipeline.IntakeService;
import com.receivableshub.pipeline.RefusedException;
import com.receivableshub.soap.procurement.Ack;
import com.receivableshub.soap.procurement.AckStatus;
import com.receivableshub.soap.procurement.SubmitAwardNotice;
import com.receivableshub.soap.procurement.SubmitContract;
import com.receivableshub.soap.procurement.SubmitPaymentInfo;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import javax.xml.namespace.QName;
import org.apache.camel.Exchange;
import org.apache.cxf.binding.soap.SoapFault;
import org.springframework.stereotype.Component;

/**
 * The SOAP operations of ProcurementIntake (contracts/wsdl/procurement.wsdl): the hub's own SOAP contract mapped to
 * the canonical model, then the one intake path. A refusal becomes a client fault naming the field.
 */
@Component("procurementSoap")
public class ProcurementSoapIntake {

    private final RestIntake callers;
    private final IntakeService intake;
    private final ObjectMapper json;
    private final Clock clock;

    public ProcurementSoapIntake(RestIntake callers, IntakeService intake, ObjectMapper json, Clock clock) {
        this.callers = callers;
        this.intake = intake;
        this.json = json;
        this.clock = clock;
    }

    public Ack submitAwardNotice(Exchange exchange) {
        SubmitAwardNotice request = parameter(exchange, SubmitAwardNotice.class);
        Participant caller = callers.caller(exchange);
        var n = request.getAwardNotice();
        AwardNotice notice = new AwardNotice(n.getNoticeId(), n.getProjectId(), n.getTitle(), n.getRegion(),
                n.getBuyerCode(), n.getBuyerName(), n.getFinanceDepartmentCode(), n.getSupplierCode(),
                n.getSupplierName(), n.getAmount(), n.getAwardDate(), caller.code());
        return submit(caller, request.getRequestId(), MessageType.AWARD_NOTICE, notice);
    }

    public Ack submitContract(Exchange exchange) {
        SubmitContract request = parameter(exchange, SubmitContract.class);
        Participant caller = callers.caller(exchange);
        var c = request.getContract();
        var a = c.getCollectionAccount();
        List<PaymentPlanItem> plan = c.getPaymentPlan().stream()
                .map(i -> new PaymentPlanItem(i.getDueDate(), i.getAmount())).toList();
        Contract contract = new Contract(c.getContractId(), c.getNoticeId(), c.getRegion(), c.getBuyerCode(),
                c.getFinanceDepartmentCode(), c.getSupplierCode(), c.getAmount(), c.getSignedDate(),
                new BankAccount(a.getAccountNumber(), a.getAccountName(), a.getBankName()), plan);
        return submit(caller, request.getRequestId(), MessageType.CONTRACT, contract);
    }

    public Ack submitPaymentInfo(Exchange exchange) {
        SubmitPaymentInfo request = parameter(exchange, SubmitPaymentInfo.class);
        Participant caller = callers.caller(exchange);
        var p = request.getPaymentInfo();
        ProcurementPayment payment = new ProcurementPayment(p.getPaymentId(), p.getContractId(), p.getAmount(),
                p.getPaidDate());
        return submit(caller, request.getRequestId(), MessageType.PROCUREMENT_PAYMENT, payment);
    }

    private Ack submit(Participant caller, String requestId, MessageType type, Object payload) {
        Envelope envelope = new Envelope(requestId, requestId, type, caller.code(), List.of(),
                OffsetDateTime.now(clock), json.valueToTree(payload), null);
        try {
            byte[] raw = json.writeValueAsString(envelope).getBytes(StandardCharsets.UTF_8);
            IntakeResult result = intake.accept(caller, Channel.SOAP, envelope, raw);
            Ack ack = new Ack();
            ack.setRequestId(requestId);
            ack.setMessageId(result.messageId());
            ack.setStatus(result.status() == IntakeResult.Status.ACCEPTED ? AckStatus.ACCEPTED : AckStatus.DUPLICATE);
            return ack;
        } catch (RefusedException e) {
            throw new SoapFault(e.getMessage(), new QName("http://schemas.xmlsoap.org/soap/envelope/", "Client"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T parameter(Exchange exchange, Class<T> type) {
        Object body = exchange.getMessage().getBody();
        if (body instanceof List<?> list && !list.isEmpty()) {
            return type.cast(list.get(0));
        }
        try {
            return exchange.getMessage().getMandatoryBody(type);
        } catch (org.apache.camel.InvalidPayloadException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
