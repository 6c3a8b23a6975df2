package uk.clubreg.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.PreparedStatement;
import java.util.concurrent.atomic.AtomicInteger;
import uk.clubreg.conversations.MessageStatus;
import uk.clubreg.persistence.Database;
import uk.clubreg.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What happens when Twilio's answer is lost (a read timeout after the request went out), and when the database
 * drops its connections just after Twilio took the message.
 */
class OutboundMessagesIT {

    private static final String PARENT = "+447700900123";

    private final MessagingHarness harness = new MessagingHarness();
    private final AtomicInteger attempts = new AtomicInteger();
    private final OutboundMessages outbound = new OutboundMessages(harness.repositories.conversations(),
            harness.repositories.parents(), harness.database, message -> {
        attempts.incrementAndGet();
        throw new SendFailedException(SendFailedException.Outcome.UNKNOWN, null, "Read timed out", null);
    }, new DeliveryStatuses(harness.repositories.conversations(), harness.repositories.parents(), harness.database,
            harness.repositories.outbox(), harness.repositories.relay(job -> { })));

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aSendWhoseAnswerWasLostIsMarkedUnknownAndNotRetried() {
        Outgoing reply = Outgoing.to("turn:1", null, null, OutboundMessage.freeform(PARENT, "Thanks"));

        OutboundMessages.Result first = outbound.send(reply);
        OutboundMessages.Result retry = outbound.send(reply);

        assertThat(first).isEqualTo(OutboundMessages.Result.UNKNOWN);
        assertThat(retry).isEqualTo(OutboundMessages.Result.ALREADY_HANDLED);
        assertThat(attempts).hasValue(1);
        assertThat(harness.queryString("SELECT status FROM messages WHERE idempotency_key = 'turn:1'"))
                .isEqualTo("unknown");
    }

    @Test
    void aSentMessageKeepsItsSidWhenTheDatabaseRestartsJustAfterTwilioTookIt() {
        OutboundMessages outboundDuringARestart = new OutboundMessages(harness.repositories.conversations(),
                harness.repositories.parents(), harness.database, message -> {
            everyConnectionCut();
            return new WhatsAppGateway.Accepted("SMsentasthedatabaserestarted", MessageStatus.QUEUED);
        }, new DeliveryStatuses(harness.repositories.conversations(), harness.repositories.parents(),
                harness.database, harness.repositories.outbox(), harness.repositories.relay(job -> { })));
        Outgoing reply = Outgoing.to("turn:2", null, null, OutboundMessage.freeform(PARENT, "Thanks"));

        OutboundMessages.Result result = outboundDuringARestart.send(reply);

        assertThat(result).isEqualTo(OutboundMessages.Result.SENT);
        assertThat(harness.queryString("SELECT twilio_sid || ' ' || status FROM messages WHERE idempotency_key = 'turn:2'"))
                .isEqualTo("SMsentasthedatabaserestarted queued");
    }

    @Test
    void aSendTwilioRefusedForNowIsSentAgainWhenTheDatabaseRestartedJustAsItAnswered() {
        AtomicInteger sends = new AtomicInteger();
        OutboundMessages outboundDuringARestart = new OutboundMessages(harness.repositories.conversations(),
                harness.repositories.parents(), harness.database, message -> {
            if (sends.incrementAndGet() == 1) {
                everyConnectionCut();
                throw new SendFailedException(SendFailedException.Outcome.RETRYABLE, 20500, "Internal Server Error", null);
            }
            return new WhatsAppGateway.Accepted("SMsentontheretry", MessageStatus.QUEUED);
        }, new DeliveryStatuses(harness.repositories.conversations(), harness.repositories.parents(),
                harness.database, harness.repositories.outbox(), harness.repositories.relay(job -> { })));
        Outgoing reply = Outgoing.to("turn:3", null, null, OutboundMessage.freeform(PARENT, "Thanks"));

        Throwable first = catchThrowable(() -> outboundDuringARestart.send(reply));
        OutboundMessages.Result retry = outboundDuringARestart.send(reply);

        assertThat(first).isInstanceOf(SendFailedException.class);
        assertThat(retry).isEqualTo(OutboundMessages.Result.SENT);
        assertThat(sends).hasValue(2);
    }

    /**
     * What a database restart does to the pool: every connection it holds is cut, the idle one it will hand out
     * next included. Cut from another database of the same server, so this pool cannot notice.
     */
    private void everyConnectionCut() {
        String name = harness.queryString("SELECT current_database()");
        try (Database other = Database.connect(TestPostgres.emptyDatabaseUrl(), 1)) {
            other.withConnection(connection -> {
                try (PreparedStatement cut = connection.prepareStatement(
                        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = ?")) {
                    cut.setString(1, name);
                    return cut.execute();
                }
            });
        }
    }
}
