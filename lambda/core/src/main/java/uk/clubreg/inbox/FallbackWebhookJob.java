package uk.clubreg.inbox;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.http.Endpoint;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobHandler;

/**
 * fallback_webhook: a post Twilio made to the Fallback URL while /webhook failed, stored now as /webhook would have
 * stored it: signature checked against the fallback URL, one message per MessageSid, whichever route stored it
 * first (docs/decisions/0105-webhook-fallback.md). The database still down: the job fails and comes back.
 */
final class FallbackWebhookJob implements JobHandler<Job.FallbackWebhook> {

    private static final Logger LOG = LoggerFactory.getLogger(FallbackWebhookJob.class);

    private final Endpoint fallback;

    FallbackWebhookJob(Endpoint fallback) {
        this.fallback = fallback;
    }

    @Override
    public void handle(Job.FallbackWebhook job) {
        HttpResponse stored = fallback.handle(new HttpRequest("POST", Inbox.WEBHOOK_FALLBACK,
                Map.of("X-Twilio-Signature", job.signature()), Map.of(), job.form(), job.deduplicationId()));
        if (stored.status() != 200) {
            // Not Twilio's (the signature alarm has been raised), or not a message: nothing to retry.
            LOG.atWarn().addKeyValue("status", stored.status()).log("A post to the fallback URL was refused; dropped");
        }
    }
}
