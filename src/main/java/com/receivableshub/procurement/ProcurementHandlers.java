package com.receivableshub.procurement;

import com.receivableshub.model.MessageType;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.pipeline.HubMessages;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The handlers of what procurement systems publish. */
@Configuration(proxyBeanMethods = false)
public class ProcurementHandlers {

    @Bean
    RegionDeliveryHandler awardNoticeHandler(ParticipantDirectory directory, HubMessages messages) {
        return new RegionDeliveryHandler(MessageType.AWARD_NOTICE, "awardNotice", directory, messages);
    }

    @Bean
    RegionDeliveryHandler contractHandler(ParticipantDirectory directory, HubMessages messages) {
        return new RegionDeliveryHandler(MessageType.CONTRACT, "contract", directory, messages);
    }
}
