package com.receivableshub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ReceivablesHubApplication {

    public static void main(String[] args) {
        SpringApplication.run(ReceivablesHubApplication.class, args);
    }
}
