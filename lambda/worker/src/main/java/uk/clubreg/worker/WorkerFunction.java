package uk.clubreg.worker;

import uk.clubreg.app.Adapters;
import uk.clubreg.app.RegistrationSystem;
import uk.clubreg.config.Config;
import uk.clubreg.config.aws.AwsConfig;
import uk.clubreg.jobs.JobCodec;
import uk.clubreg.persistence.Database;
import uk.clubreg.snapstart.SnapStartHooks;

/**
 * What is particular to the worker function: the production adapters with the responder the configuration asks
 * for (the AI, or the guided dialogue), one system per Lambda container, and SnapStart priming.
 */
public final class WorkerFunction {

    private static RegistrationSystem shared;

    private WorkerFunction() {}

    public static synchronized RegistrationSystem shared() {
        if (shared == null) {
            Config config = AwsConfig.forRuntime(System.getenv());
            RegistrationSystem system = new RegistrationSystem(config,
                    Adapters.fromConfig(config, Database.connect(config)).withResponder(Responders.fromConfig(config))
                            .withAiConversations(Responders.aiConversations(config)));
            new SnapStartHooks(system.database(), config, () -> prime(system)).register();
            shared = system;
        }
        return shared;
    }

    /** SnapStart priming: job parsing and JDBC classes are loaded into the snapshot; nothing is sent or written. */
    static void prime(RegistrationSystem system) {
        JobCodec.read("{\"type\":\"inbound_message\",\"message_id\":0}", "snapstart-priming", "snapstart-priming");
        system.database().ping();
    }
}
