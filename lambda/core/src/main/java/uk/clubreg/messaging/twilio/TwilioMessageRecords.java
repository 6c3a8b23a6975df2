package uk.clubreg.messaging.twilio;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import uk.clubreg.config.Config;
import uk.clubreg.config.Rotating;
import uk.clubreg.messaging.MessageRecords;

/**
 * Deletes message records with twilio-java's message deleter; Twilio deletes the message's media with it. A message
 * Twilio has not finished with yet (error 20009) cannot be deleted: the exception sends the job back to the queue.
 */
public final class TwilioMessageRecords implements MessageRecords {

    private final Rotating<TwilioRestClient> client;

    TwilioMessageRecords(Rotating<TwilioRestClient> client) {
        this.client = client;
    }

    /** Credentials are read on the first deletion; building this calls nothing. */
    public static TwilioMessageRecords fromConfig(Config config) {
        return new TwilioMessageRecords(TwilioWhatsAppGateway.rotatingClient(config));
    }

    @Override
    public boolean delete(String messageSid) {
        try {
            return Message.deleter(messageSid).delete(client.get());
        } catch (ApiException e) {
            if (Integer.valueOf(404).equals(e.getStatusCode())) {
                return false;
            }
            throw e;
        }
    }
}
