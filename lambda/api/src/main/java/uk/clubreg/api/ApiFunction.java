package uk.clubreg.api;

import java.util.Map;
import uk.clubreg.app.Adapters;
import uk.clubreg.app.RegistrationSystem;
import uk.clubreg.config.Config;
import uk.clubreg.config.aws.AwsConfig;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.invitations.InvitationDefaults;
import uk.clubreg.invitations.InvitationParser;
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
     * (Jackson, libphonenumber's metadata, the router, PgJDBC) rather than paying for them on the first request.
     */
    static void prime(RegistrationSystem system) {
        new InvitationParser(InvitationDefaults.from(system.config())).parse(Json.read(PRIMING_INVITATION));
        system.router().dispatch(new HttpRequest("GET", "/snapstart-priming", Map.of(), Map.of(), "",
                "snapstart-priming"));
        system.database().ping();
    }
}
