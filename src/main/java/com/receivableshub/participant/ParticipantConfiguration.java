package com.receivableshub.participant;

import com.receivableshub.HubProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Loads the adapter files at start; a wrong file stops the hub with a message naming file and field. */
@Configuration(proxyBeanMethods = false)
public class ParticipantConfiguration {

    @Bean
    SecretResolver secretResolver(HubProperties hub) {
        return SecretResolver.fromSystem(hub.homePath(), hub.secrets().generateMissing());
    }

    @Bean
    ParticipantDirectory participantDirectory(HubProperties hub, Environment env, SecretResolver secrets) {
        AdapterLoader loader = new AdapterLoader(hub.homePath(), env::resolveRequiredPlaceholders);
        return new ParticipantDirectory(loader.load(hub.adaptersPath()), secrets);
    }
}
