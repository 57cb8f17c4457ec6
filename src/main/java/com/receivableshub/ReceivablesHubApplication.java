package com.receivableshub;

import com.receivableshub.smoke.SmokeRun;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The hub. {@code java -jar receivables-hub.jar} runs it; with the argument {@code smoke} it runs the smoke test. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ReceivablesHubApplication {

    public static void main(String[] args) {
        if (args.length > 0 && "smoke".equals(args[0])) {
            System.exit(SmokeRun.run(Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        SpringApplication.run(ReceivablesHubApplication.class, args);
    }
}
