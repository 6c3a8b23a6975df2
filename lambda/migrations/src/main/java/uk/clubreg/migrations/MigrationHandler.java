package uk.clubreg.migrations;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.config.Config;
import uk.clubreg.config.Setting;
import uk.clubreg.config.aws.AwsConfig;

/**
 * Invoked by the stack's {@code triggers.Trigger} before the API and worker functions are updated. An exception
 * becomes a function error, the Trigger fails, and CloudFormation rolls the deploy back.
 */
public final class MigrationHandler implements RequestHandler<Map<String, Object>, String> {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationHandler.class);

    private final Config config;

    public MigrationHandler() {
        this(AwsConfig.fromEnvironment(System.getenv()));
    }

    MigrationHandler(Config config) {
        this.config = config;
    }

    /** Returns a one-line summary (a plain string, so the runtime's serializer needs no record support). */
    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        String databaseUrl = config.get(Setting.DATABASE_DIRECT_URL)
                .orElseGet(() -> config.require(Setting.DATABASE_URL));
        SchemaMigrator.Outcome outcome = new SchemaMigrator(databaseUrl).migrate();
        String summary = "Schema at version %s (was %s): %d migration(s) applied".formatted(
                outcome.currentVersion(), outcome.initialVersion(), outcome.migrationsExecuted());
        LOG.info(summary);
        return summary;
    }
}
