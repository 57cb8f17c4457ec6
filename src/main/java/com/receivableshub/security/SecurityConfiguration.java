package com.receivableshub.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.participant.ParticipantDirectory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts the body limits and the caller check in front of every REST and SOAP interface. */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** Before the caller check: an oversized body is refused without being read. */
    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(HubLimits limits, ObjectMapper json) {
        FilterRegistrationBean<BodyLimitFilter> registration =
                new FilterRegistrationBean<>(new BodyLimitFilter(limits, json));
        registration.addUrlPatterns("/api/*", "/services/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    @Bean
    FilterRegistrationBean<CallerIdentityFilter> callerIdentityFilter(ParticipantDirectory directory) {
        FilterRegistrationBean<CallerIdentityFilter> registration =
                new FilterRegistrationBean<>(new CallerIdentityFilter(directory));
        registration.addUrlPatterns("/api/*", "/services/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
