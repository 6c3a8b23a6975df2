package uk.clubreg.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.math.BigDecimal;
import java.util.Map;
import uk.clubreg.app.Adapters;
import uk.clubreg.app.RegistrationSystem;
import uk.clubreg.config.Config;
import uk.clubreg.config.aws.AwsConfig;
import uk.clubreg.invitations.InvitationDefaults;
import uk.clubreg.invitations.InvitationParser;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobCodec;
import uk.clubreg.json.Json;
import uk.clubreg.persistence.Database;
import uk.clubreg.snapstart.SnapStartHooks;

/**
 * What is particular to the API function: the production adapters with the guided dialogue (openai-java is never
 * on this function's classpath; without QUEUE_URL jobs run inline), one system per Lambda container, and SnapStart
 * priming. The system itself is built by {@link RegistrationSystem}.
 */
public final class ApiFunction {

    private static final String PRIMING_INVITATION = """
            {"player_first_name": "Sam", "player_last_name": "Taylor", "parent_tel": "07700 900123",
             "team_name": "U11 Panthers", "membership_fee_amount": 40}""";

    private static RegistrationSystem shared;

    private ApiFunction() {}

    /** One system per Lambda container, configured from the environment (and Secrets Manager/SSM in AWS). */
    public static synchronized RegistrationSystem shared() {
        if (shared == null) {
            Config config = AwsConfig.forRuntime(System.getenv());
            RegistrationSystem system = new RegistrationSystem(config,
                    Adapters.fromConfig(config, Database.connect(config)));
            new SnapStartHooks(system.database(), config, () -> prime(system)).register();
            shared = system;
        }
        return shared;
    }

    /**
     * SnapStart priming: runs the hot paths once without side effects, so the snapshot holds loaded classes
     * (Jackson, libphonenumber's metadata, the handler and router, the request's log line, PgJDBC's prepared
     * statements and transactions) rather than paying for them on the first request. What the first /trigger
     * still loads after it is listed by SnapStartPrimingCoverageIT.
     */
    static void prime(RegistrationSystem system) {
        new InvitationParser(InvitationDefaults.from(system.config())).parse(Json.readExact(PRIMING_INVITATION));
        new ApiHandler(system).handleRequest(new APIGatewayProxyRequestEvent().withHttpMethod("GET")
                .withPath("/snapstart-priming").withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext()
                        .withRequestId("snapstart-priming")), null);
        // An invitation's answer (its fees are BigDecimal) and its job, serialised as the first /trigger does.
        Json.write(Map.of("invitation_id", 1L, "created", true, "player", Map.of("membership_fee_amount",
                BigDecimal.TEN)));
        JobCodec.body(new Job.SendInvitation("snapstart-priming", 1, 0));
        system.database().ping();
    }
}
