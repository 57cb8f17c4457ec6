package com.receivableshub;

import com.receivableshub.cli.DeadLettersCommand;
import com.receivableshub.cli.LedgerVerifyCommand;
import com.receivableshub.smoke.SmokeRun;
import com.receivableshub.trust.DemoPkiEarlyStart;
import com.receivableshub.trust.PkiCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The hub. {@code java -jar receivables-hub.jar} runs it. Commands: {@code smoke} runs the smoke test,
 * {@code ledger-verify} checks the ledger's hash chain,
 * {@code dead-letters list|show <id>|replay <id>} lists, shows and replays what could not be delivered, {@code pki <dir>} makes a test certificate authority and the
 * participants' keys and certificates.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ReceivablesHubApplication {

    public static void main(String[] args) {
        String command = args.length > 0 ? args[0] : "";
        String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
        switch (command) {
            case "smoke" -> System.exit(SmokeRun.run(rest, System.out));
            case "ledger-verify" -> System.exit(LedgerVerifyCommand.run(rest, System.out));
            case "dead-letters" -> System.exit(DeadLettersCommand.run(rest, System.out));
            case "pki" -> System.exit(PkiCommand.run(rest, System.out));
            default -> {
                // run the hub
            }
        }
        SpringApplication app = new SpringApplication(ReceivablesHubApplication.class);
        app.addInitializers(new DemoPkiEarlyStart());
        app.run(args);
    }
}
