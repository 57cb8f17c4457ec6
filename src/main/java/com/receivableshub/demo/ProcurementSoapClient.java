package com.receivableshub.demo;

import com.receivableshub.soap.procurement.ProcurementIntakePort;
import java.util.List;
import java.util.Map;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.message.Message;

/** A procurement system's CXF client of the hub's ProcurementIntake SOAP service. */
public final class ProcurementSoapClient {

    private ProcurementSoapClient() {
    }

    public static ProcurementIntakePort connect(String hubBaseUrl, String apiKey) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(ProcurementIntakePort.class);
        factory.setAddress(hubBaseUrl + "/services/procurement");
        ProcurementIntakePort port = (ProcurementIntakePort) factory.create();
        Client client = ClientProxy.getClient(port);
        if (apiKey != null) {
            client.getRequestContext().put(Message.PROTOCOL_HEADERS, Map.of("X-Api-Key", List.of(apiKey)));
        }
        return port;
    }
}
