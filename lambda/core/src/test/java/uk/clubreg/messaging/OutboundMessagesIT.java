package uk.clubreg.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What happens when Twilio's answer is lost (a read timeout after the request went out). */
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
}
