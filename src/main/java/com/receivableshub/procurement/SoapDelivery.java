package com.receivableshub.procurement;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.RepaymentAccount;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.pipeline.OutboxMessage;
import com.receivableshub.pipeline.OutboxRelay;
import com.receivableshub.soap.notify.ProcurementNotifyPort;
import com.receivableshub.soap.notify.ReceiveRepaymentAccount;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.springframework.stereotype.Component;

/**
 * Deliveries to a procurement system that speaks SOAP (its adapter names {@code endpoints.notify-soap}): the
 * ProcurementNotify service of contracts/wsdl/procurement-notify.wsdl, which it implements. A fault or a failed
 * call is handled by the relay like a failed HTTP delivery: retried with backoff, then a dead letter.
 */
@Component("soapDelivery")
public class SoapDelivery {

    /** The adapter endpoint of a procurement system's SOAP service. */
    public static final String ENDPOINT = "notify-soap";

    private final ParticipantDirectory directory;
    private final ObjectMapper json;
    private final Map<URI, ProcurementNotifyPort> ports = new ConcurrentHashMap<>();

    public SoapDelivery(ParticipantDirectory directory, ObjectMapper json) {
        this.directory = directory;
        this.json = json;
    }

    public void deliver(Exchange exchange) throws IOException {
        OutboxMessage message = exchange.getProperty(OutboxRelay.MESSAGE, OutboxMessage.class);
        Participant receiver = directory.byCode(message.receiver()).orElseThrow();
        URI address = receiver.endpoint(ENDPOINT).orElseThrow(() ->
                new IllegalStateException(receiver.source() + " has no endpoint '" + ENDPOINT + "'"));
        Envelope envelope = json.readValue(message.body(), Envelope.class);
        RepaymentAccount account = json.convertValue(envelope.payload(), RepaymentAccount.class);
        ReceiveRepaymentAccount request = new ReceiveRepaymentAccount();
        request.setMessageId(envelope.messageId());
        request.setDesignationId(account.designationId());
        request.setFunderCode(account.funderCode());
        request.setSupplierCode(account.supplierCode());
        request.setContractId(account.contractId());
        request.setAccountNumber(account.account().accountNumber());
        request.setAccountName(account.account().accountName());
        request.setBankName(account.account().bankName());
        request.setSignatureAlgorithm(envelope.signature() == null ? "" : envelope.signature().algorithm());
        request.setSignature(envelope.signature() == null ? "" : envelope.signature().value());
        ports.computeIfAbsent(address, SoapDelivery::connect).receiveRepaymentAccount(request);
    }

    private static ProcurementNotifyPort connect(URI address) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(ProcurementNotifyPort.class);
        factory.setAddress(address.toString());
        return (ProcurementNotifyPort) factory.create();
    }
}
