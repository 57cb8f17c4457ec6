package com.receivableshub.bench;

import org.apache.cxf.Bus;
import org.apache.cxf.jaxws.EndpointImpl;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Publishes {@link BenchEchoService} at {@code /services/bench-echo} when {@code hub.bench.echo-service=true}: the
 * same Tomcat, the same CXF bus and servlet and the same filters (API key) as the hub's own SOAP services. It lives
 * in the test sources, so a hub built for production never has it; the benchmark runs on the test classpath.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "hub.bench.echo-service", havingValue = "true")
public class BenchEchoConfiguration {

    public static final String ADDRESS = "/bench-echo";

    @Bean
    EndpointImpl benchEchoEndpoint(Bus bus) {
        EndpointImpl endpoint = new EndpointImpl(bus, new BenchEchoService());
        endpoint.publish(ADDRESS);
        return endpoint;
    }
}
