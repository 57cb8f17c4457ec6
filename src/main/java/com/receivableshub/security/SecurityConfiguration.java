package com.receivableshub.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.HubProperties;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.participant.SecretResolver;
import com.receivableshub.trust.DemoPki;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts the body limits and the caller check in front of every REST and SOAP interface, and TLS on the HTTP
 * server when asked. */
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
    FilterRegistrationBean<CallerIdentityFilter> callerIdentityFilter(ParticipantDirectory directory,
                                                                      HubProperties hub) {
        FilterRegistrationBean<CallerIdentityFilter> registration = new FilterRegistrationBean<>(
                new CallerIdentityFilter(directory, hub.security().apiKeys(), hub.security().usernameToken()));
        registration.addUrlPatterns("/api/*", "/services/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    UsernameTokenInterceptor usernameTokenInterceptor(ParticipantDirectory directory, HubProperties hub) {
        return new UsernameTokenInterceptor(directory, hub.security().usernameToken(),
                hub.security().usernameTokenMaxAge(), java.time.Clock.systemUTC());
    }

    @Bean
    @ConditionalOnProperty(name = "hub.tls.enabled", havingValue = "true")
    HubTls hubTls(HubProperties hub, SecretResolver secrets, DemoPki demoPki) {
        return new HubTls(hub, secrets, demoPki);
    }
}
