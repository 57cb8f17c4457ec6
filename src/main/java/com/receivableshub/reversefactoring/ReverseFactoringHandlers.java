package com.receivableshub.reversefactoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.model.MessageType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The handlers of single feed records; the other reverse-factoring handlers are components of their own. */
@Configuration(proxyBeanMethods = false)
public class ReverseFactoringHandlers {

    @Bean
    FeedRecordHandler payableHandler(FeedIngest feed, ObjectMapper json) {
        return new FeedRecordHandler(MessageType.PAYABLE, feed, json);
    }

    @Bean
    FeedRecordHandler adjustmentHandler(FeedIngest feed, ObjectMapper json) {
        return new FeedRecordHandler(MessageType.ADJUSTMENT, feed, json);
    }

    @Bean
    FeedRecordHandler paymentHandler(FeedIngest feed, ObjectMapper json) {
        return new FeedRecordHandler(MessageType.PAYMENT, feed, json);
    }

    @Bean
    FeedRecordHandler collectionAccountHandler(FeedIngest feed, ObjectMapper json) {
        return new FeedRecordHandler(MessageType.COLLECTION_ACCOUNT, feed, json);
    }
}
