package uk.clubreg.logging;

import org.slf4j.spi.LoggingEventBuilder;

/**
 * Failures nobody would otherwise hear of. Each is raised as a log line carrying {@code "alarm": "<metric name>"};
 * in AWS a metric filter per name counts them and a CloudWatch alarm of the same name tells a person
 * (infra's {@code Alarms}; what to do: docs/runbook.md). No AWS call is made from the code that raises one.
 */
public enum Alarm {
    /** A provider refused our credentials even after they were read again (Twilio 401/403/20003). */
    CREDENTIALS_REFUSED("CredentialsRefused"),
    /** A signed webhook did not match the current or previous auth token. */
    WEBHOOK_SIGNATURE_REFUSED("WebhookSignatureRefused"),
    /** A step of the daily run (reminders, escalations, summaries, archiving) failed. */
    DAILY_RUN_FAILED("DailyRunErrors"),
    /** An outbox row could not be read as a job: set aside, never published, the sweep went on. */
    OUTBOX_ROW_QUARANTINED("OutboxRowQuarantined"),
    /** The queue did not take a committed job: its alarm starts the outbox sweeper (decision 0055). */
    OUTBOX_PUBLISH_FAILED("OutboxPublishFailed"),
    /** An outbox sweep, or one row of it, failed: committed jobs wait until a later sweep succeeds. */
    OUTBOX_SWEEP_FAILED("OutboxSweepErrors"),
    /** Twilio refused a message for good, its error code in {@code error_code}: the parent did not get it. */
    MESSAGE_REFUSED("MessagesRefused"),
    /** A photo a registration expected could not be fetched from Twilio after its retries: the parent was asked again. */
    PHOTO_NOT_RECEIVED("PhotosNotReceived");

    /** The JSON field the metric filters match on. */
    public static final String FIELD = "alarm";

    private final String metricName;

    Alarm(String metricName) {
        this.metricName = metricName;
    }

    public String metricName() {
        return metricName;
    }

    /** Logs {@code event} (its level and fields chosen by the caller) with this alarm's field. */
    public void raise(LoggingEventBuilder event, String message) {
        event.addKeyValue(FIELD, metricName).log(message);
    }
}
