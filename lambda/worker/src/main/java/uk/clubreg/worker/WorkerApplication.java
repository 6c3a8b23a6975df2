package uk.clubreg.worker;

import java.time.Clock;
import java.util.function.Function;
import uk.clubreg.config.Config;
import uk.clubreg.config.aws.AwsConfig;
import uk.clubreg.conversation.ConversationEngine;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobDispatcher;
import uk.clubreg.messaging.Messaging;
import uk.clubreg.messaging.WhatsAppReplies;
import uk.clubreg.messaging.twilio.TwilioMessaging;
import uk.clubreg.persistence.Database;
import uk.clubreg.snapstart.SnapStartHooks;

/** The worker function's composition root: one job handler per job type. */
public final class WorkerApplication {

    private static WorkerApplication shared;

    private final Database database;
    private final JobDispatcher jobs = new JobDispatcher();

    /**
     * @param conversationEngine builds the engine that answers parents from the replies service it sends through
     */
    public WorkerApplication(Config config, Database database, Clock clock,
                             Function<WhatsAppReplies, ConversationEngine> conversationEngine) {
        this.database = database;
        // send_invitation, inbound_message (handed to the conversation engine) and resend_as_template.
        Messaging messaging = TwilioMessaging.create(config, database, clock);
        messaging.registerJobs(jobs, conversationEngine.apply(messaging.replies()));
    }

    public static synchronized WorkerApplication shared() {
        if (shared == null) {
            Config config = AwsConfig.forRuntime(System.getenv());
            Database database = Database.connect(config);
            Clock clock = Clock.systemUTC();
            shared = new WorkerApplication(config, database, clock,
                    replies -> ConversationEngines.create(config, database, replies, clock));
            new SnapStartHooks(database, config, shared::prime).register();
        }
        return shared;
    }

    /** SnapStart priming: job parsing and JDBC classes are loaded into the snapshot; nothing is sent or written. */
    void prime() {
        Job.fromBody("{\"type\":\"inbound_message\",\"message_id\":0}", "snapstart-priming", "snapstart-priming");
        database.withConnection(connection -> connection.createStatement().execute("SELECT 1"));
    }

    public JobDispatcher jobs() { return jobs; }
}
