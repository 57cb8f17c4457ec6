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
import jakarta.xml.ws.BindingProvider;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.springframework.beans.factory.annotation.Value;
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
    private final long connectTimeoutMs;
    private final long responseTimeoutMs;
    private final Map<URI, ProcurementNotifyPort> ports = new ConcurrentHashMap<>();

    public SoapDelivery(ParticipantDirectory directory, ObjectMapper json,
                        @Value("${hub.relay.http-connect-timeout-ms:5000}") long connectTimeoutMs,
                        @Value("${hub.relay.http-response-timeout-ms:30000}") long responseTimeoutMs) {
        this.directory = directory;
        this.json = json;
        this.connectTimeoutMs = connectTimeoutMs;
        this.responseTimeoutMs = responseTimeoutMs;
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
        ProcurementNotifyPort port = ports.computeIfAbsent(address, this::connect);
        // Like HTTP deliveries: the receiver can deduplicate a repeated call on the Idempotency-Key header.
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Idempotency-Key", new ArrayList<>(List.of(envelope.messageId())));
        ((BindingProvider) port).getRequestContext().put(Message.PROTOCOL_HEADERS, headers);
        port.receiveRepaymentAccount(request);
    }

    /** A client with the relay's timeouts, so a partner that hangs is a failed delivery, retried, like over HTTP. */
    private ProcurementNotifyPort connect(URI address) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(ProcurementNotifyPort.class);
        factory.setAddress(address.toString());
        ProcurementNotifyPort port = (ProcurementNotifyPort) factory.create();
        // Each calling thread its own request context, for the per-call headers.
        ((BindingProvider) port).getRequestContext().put("thread.local.request.context", "true");
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(connectTimeoutMs);
        policy.setReceiveTimeout(responseTimeoutMs);
        ((HTTPConduit) ClientProxy.getClient(port).getConduit()).setClient(policy);
        return port;
    }
}
