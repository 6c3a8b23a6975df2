package uk.clubreg.messaging.twilio;

import java.time.Clock;
import uk.clubreg.config.Config;
import uk.clubreg.config.Setting;
import uk.clubreg.messaging.Messaging;
import uk.clubreg.persistence.Database;

/** Messaging over Twilio: what both Lambdas' composition roots build. Nothing is called until first use. */
public final class TwilioMessaging {

    private TwilioMessaging() {}

    public static Messaging create(Config config, Database database, Clock clock) {
        return new Messaging(config, database, clock, TwilioWhatsAppGateway.fromConfig(config),
                new TwilioSignatureVerifier(() -> config.require(Setting.TWILIO_AUTH_TOKEN)));
    }
}
