package com.receivableshub.security;

import com.receivableshub.HubProperties;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.participant.SecretResolver;
import com.receivableshub.trust.DemoPki;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts the caller check in front of every REST and SOAP interface, and TLS on the HTTP server when asked. */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

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
