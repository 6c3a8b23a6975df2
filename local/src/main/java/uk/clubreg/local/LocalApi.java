package uk.clubreg.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.api.ApiHandler;
import uk.clubreg.config.Config;
import uk.clubreg.config.Setting;

/**
 * The API function alone, as a Lambda instance runs it: {@link ApiHandler}'s own constructor (the system built from
 * the environment, as in AWS) behind the local HTTP server on PORT. No migrations, worker, sweeper timer, daily run
 * or simulator: in AWS those are other functions and schedules. The database and queue are the ones DATABASE_URL,
 * QUEUE_URL and SQS_ENDPOINT name. The invitation benchmark measures the cold path with it
 * (docs/decisions/0120-cold-path-is-the-api-function.md).
 */
public final class LocalApi {

    private static final Logger LOG = LoggerFactory.getLogger(LocalApi.class);

    private LocalApi() {}

    public static void main(String[] args) {
        LocalHttpServer http = LocalHttpServer.bind(Config.fromEnvironment(System.getenv()).getInt(Setting.PORT));
        http.mount("/", new ApiGatewayBridge(new ApiHandler()));
        Runtime.getRuntime().addShutdownHook(new Thread(http::close, "local-api-shutdown"));
        http.start();
        LOG.atInfo().addKeyValue("port", http.port()).log("Local API started");
    }
}
