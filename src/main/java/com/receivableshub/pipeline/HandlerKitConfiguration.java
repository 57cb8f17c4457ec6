package com.receivableshub.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The tools every message handler shares. */
@Configuration(proxyBeanMethods = false)
public class HandlerKitConfiguration {

    @Bean
    TypedHandler.Kit handlerKit(Parties parties, HubMessages messages, ObjectMapper json) {
        return new TypedHandler.Kit(parties, messages, json);
    }
}
