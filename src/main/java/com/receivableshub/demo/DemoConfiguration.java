package com.receivableshub.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** The demo's simulated outside systems; the demo adapters point at them (hub.partners.*-url). */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
public class DemoConfiguration {

    @Bean(destroyMethod = "close")
    PartnerSimulator partnerSimulator(@Value("${hub.demo.partners-port}") int port, ObjectMapper json)
            throws IOException {
        return new PartnerSimulator(port, json);
    }
}
