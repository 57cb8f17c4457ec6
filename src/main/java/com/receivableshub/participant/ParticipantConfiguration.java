package com.receivableshub.participant;

import com.receivableshub.HubProperties;
import com.receivableshub.mapping.CsvLayout;
import com.receivableshub.mapping.FeedMapping;
import com.receivableshub.mapping.FeedMappingException;
import com.receivableshub.mapping.LayoutException;
import com.receivableshub.trust.DemoPki;
import java.util.ArrayList;
import java.util.List;
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
    ParticipantDirectory participantDirectory(HubProperties hub, Environment env, SecretResolver secrets,
                                              DemoPki demoPki) {
        if (hub.secrets().generateMissing() && !demoPki.awaitEarlyStart()) {
            // First learn who is there, then let the demo authority make the certificates the adapters point to
            // (made before the context when the hub runs from its main class: DemoPkiEarlyStart).
            demoPki.ensure(new AdapterLoader(hub.homePath(), env::resolveRequiredPlaceholders, false)
                    .load(hub.adaptersPath()));
        }
        AdapterLoader loader = new AdapterLoader(hub.homePath(), env::resolveRequiredPlaceholders);
        List<Participant> participants = loader.load(hub.adaptersPath());
        checkLayouts(hub, participants);
        return new ParticipantDirectory(participants, secrets);
    }

    /**
     * Every file layout and feed mapping an adapter names must load, so a broken mapping stops start-up, not the
     * first file or poll.
     */
    private static void checkLayouts(HubProperties hub, List<Participant> participants) {
        List<String> problems = new ArrayList<>();
        for (Participant p : participants) {
            p.formats().forEach((name, mapping) -> {
                try {
                    if (name.endsWith("-file")) {
                        CsvLayout.load(hub.homePath().resolve(mapping));
                    } else if (name.equals("feed")) {
                        FeedMapping.load(hub.homePath().resolve(mapping));
                    }
                } catch (LayoutException e) {
                    problems.addAll(e.problems());
                } catch (FeedMappingException e) {
                    problems.addAll(e.problems());
                }
            });
        }
        if (!problems.isEmpty()) {
            throw new AdapterException(problems);
        }
    }
}
