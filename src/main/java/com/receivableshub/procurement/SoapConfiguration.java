package com.receivableshub.procurement;

import com.receivableshub.security.HubLimits;
import com.receivableshub.security.UsernameTokenInterceptor;
import com.receivableshub.soap.procurement.ProcurementIntakePort;
import java.util.Map;
import org.apache.camel.component.cxf.jaxws.CxfConfigurer;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.frontend.AbstractWSDLBasedEndpointFactory;
import org.apache.cxf.message.Message;
import org.apache.cxf.staxutils.StaxUtils;
import org.apache.camel.component.cxf.common.DataFormat;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SOAP services under /services, each WSDL-first from contracts/wsdl. */
@Configuration(proxyBeanMethods = false)
public class SoapConfiguration {

    /**
     * ProcurementIntake at /services/procurement; requests are validated against the WSDL's schema and read within
     * the XML limits of {@code hub.limits.*} (CXF's secure StAX reader refuses DTDs, so no entity is ever expanded);
     * callers without a certificate or API key authenticate with a WS-Security UsernameToken.
     */
    @Bean
    CxfEndpoint procurementIntake(HubLimits limits, UsernameTokenInterceptor usernameToken) {
        CxfEndpoint endpoint = new CxfEndpoint();
        endpoint.setAddress("/procurement");
        endpoint.setServiceClass(ProcurementIntakePort.class);
        endpoint.setWsdlURL("classpath:contracts/wsdl/procurement.wsdl");
        endpoint.setDataFormat(DataFormat.POJO);
        endpoint.setCxfConfigurer(new CxfConfigurer() {
            @Override
            public void configure(AbstractWSDLBasedEndpointFactory factory) {
                Map<String, Object> properties = factory.getProperties(true);
                properties.put(Message.SCHEMA_VALIDATION_ENABLED, "IN");
                properties.put(StaxUtils.MAX_ELEMENT_DEPTH, limits.xmlDepth());
                properties.put(StaxUtils.MAX_CHILD_ELEMENTS, limits.xmlChildElements());
                properties.put(StaxUtils.MAX_TEXT_LENGTH, limits.xmlTextLength());
            }

            @Override
            public void configureClient(Client client) {
            }

            @Override
            public void configureServer(Server server) {
                server.getEndpoint().getInInterceptors().add(usernameToken);
            }
        });
        return endpoint;
    }
}
