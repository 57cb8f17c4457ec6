package com.receivableshub.procurement;

import com.receivableshub.security.UsernameTokenInterceptor;
import com.receivableshub.soap.procurement.ProcurementIntakePort;
import org.apache.camel.component.cxf.jaxws.CxfConfigurer;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.frontend.AbstractWSDLBasedEndpointFactory;
import org.apache.cxf.message.Message;
import org.apache.camel.component.cxf.common.DataFormat;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SOAP services under /services, each WSDL-first from contracts/wsdl. */
@Configuration(proxyBeanMethods = false)
public class SoapConfiguration {

    /**
     * ProcurementIntake at /services/procurement; requests are validated against the WSDL's schema, callers without
     * a certificate or API key authenticate with a WS-Security UsernameToken.
     */
    @Bean
    CxfEndpoint procurementIntake(UsernameTokenInterceptor usernameToken) {
        CxfEndpoint endpoint = new CxfEndpoint();
        endpoint.setAddress("/procurement");
        endpoint.setServiceClass(ProcurementIntakePort.class);
        endpoint.setWsdlURL("classpath:contracts/wsdl/procurement.wsdl");
        endpoint.setDataFormat(DataFormat.POJO);
        endpoint.setCxfConfigurer(new CxfConfigurer() {
            @Override
            public void configure(AbstractWSDLBasedEndpointFactory factory) {
                factory.getProperties(true).put(Message.SCHEMA_VALIDATION_ENABLED, "IN");
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
