package uk.clubreg.inbox;

import uk.clubreg.conversations.Reply;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sqs.model.Message;
import uk.clubreg.http.Endpoint;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobCodec;
import uk.clubreg.messaging.Messaging;
import uk.clubreg.messaging.MessagingHarness;
import uk.clubreg.messaging.RecordingEngine;
import uk.clubreg.testsupport.TestQueue;

/** The whole inbound path: Twilio's webhook, the FIFO queue (ElasticMQ), the inbound_message job, the reply. */
class InboundMessageJobIT {

    private static final String PARENT = "+447700900123";
    private static final String OTHER_PARENT = "+447700900124";
    private static final String STRANGER = "+447700900999";

    private final MessagingHarness harness = new MessagingHarness();
    private final TestQueue queue = TestQueue.start();
    private final Messaging messaging = harness.messaging();
    private final RecordingEngine engine = new RecordingEngine(harness.database, messaging.replies());
    private final Inbox inbox = harness.inbox(messaging, engine, queue.jobQueue());
    private final Endpoint webhook = inbox.webhook();
    private final AtomicInteger sids = new AtomicInteger();

    @AfterEach
    void stop() {
        queue.close();
        harness.close();
    }

    @Test
    void aMessageDeliveredThreeTimesGivesOneJobAndOneReply() {
        invitedParent(PARENT);
        var delivery = harness.signedPost("/webhook", MessagingHarness.incoming(sid(), PARENT, "Yes, happy to register"));

        webhook.handle(delivery);
        webhook.handle(delivery);
        webhook.handle(delivery);
        int jobsRun = workTheQueue();

        assertThat(jobsRun).isEqualTo(1);
        assertThat(engine.turns()).containsExactly(List.of("Yes, happy to register"));
        assertThat(harness.twilio.sentForms()).singleElement().extracting(form -> form.get("Body"))
                .isEqualTo("You said: Yes, happy to register");
    }

    @Test
    void eachParentsMessagesAreAnsweredInTheOrderTheySentThemWhileParentsWriteConcurrently() throws Exception {
        invitedParent(PARENT);
        invitedParent(OTHER_PARENT);
        ExecutorService senders = Executors.newFixedThreadPool(2);
        List<Future<?>> sending = new ArrayList<>();
        for (String phone : List.of(PARENT, OTHER_PARENT)) {
            sending.add(senders.submit(() -> {
                for (int i = 1; i <= 6; i++) {
                    webhook.handle(harness.signedPost("/webhook",
                            MessagingHarness.incoming(sid(), phone, phone.substring(10) + "-" + i)));
                }
            }));
        }
        for (Future<?> done : sending) {
            done.get();
        }
        senders.shutdown();

        workTheQueue();

        assertThat(engine.answered().stream().filter(body -> body.startsWith("123-")).toList())
                .containsExactly("123-1", "123-2", "123-3", "123-4", "123-5", "123-6");
        assertThat(engine.answered().stream().filter(body -> body.startsWith("124-")).toList())
                .containsExactly("124-1", "124-2", "124-3", "124-4", "124-5", "124-6");
    }

    @Test
    void racingDeliveriesFromOneParentAreEachAnsweredOnceInTheOrderTheyWereStored() throws Exception {
        invitedParent(PARENT);
        ExecutorService twilio = Executors.newFixedThreadPool(4);
        List<Future<?>> deliveries = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            String body = "message " + i;
            deliveries.add(twilio.submit(() -> webhook.handle(
                    harness.signedPost("/webhook", MessagingHarness.incoming(sid(), PARENT, body)))));
        }
        for (Future<?> done : deliveries) {
            done.get();
        }
        twilio.shutdown();

        workTheQueue();

        List<String> storedOrder = new ArrayList<>();
        harness.database.withConnection(connection -> {
            try (var rows = connection.createStatement().executeQuery(
                    "SELECT body FROM messages WHERE direction = 'inbound' ORDER BY id")) {
                while (rows.next()) {
                    storedOrder.add(rows.getString(1));
                }
            }
            return null;
        });
        assertThat(engine.answered()).containsExactlyElementsOf(storedOrder).hasSize(8);
    }

    @Test
    void stopOptsTheParentOutWithOneConfirmationAndNoAnswerFromTheAssistant() {
        long parent = invitedParent(PARENT);

        deliver(PARENT, "STOP");
        workTheQueue();

        assertThat(harness.queryString("SELECT opted_out_at IS NOT NULL FROM parents WHERE id = ?", parent)).isEqualTo("t");
        assertThat(harness.twilio.sentForms()).singleElement().extracting(form -> form.get("Body"))
                .asString().contains("Reply START");
        assertThat(engine.turns()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"UNSUBSCRIBE", " Opt-out. ", "opt out", "Stop!"})
    void optOutIsRecognisedWrittenInOtherWays(String request) {
        long parent = invitedParent(PARENT);

        deliver(PARENT, request);
        workTheQueue();

        assertThat(harness.queryString("SELECT opted_out_at IS NOT NULL FROM parents WHERE id = ?", parent)).isEqualTo("t");
    }

    @Test
    void aSentenceThatMerelyContainsStopIsAnsweredNormally() {
        invitedParent(PARENT);

        deliver(PARENT, "Please don't stop sending me updates");
        workTheQueue();

        assertThat(engine.turns()).hasSize(1);
    }

    @Test
    void nothingMoreIsSentToAnOptedOutParentUntilTheyWriteStart() {
        invitedParent(PARENT);
        deliver(PARENT, "STOP");
        workTheQueue();

        deliver(PARENT, "Actually, what's the fee?");
        workTheQueue();

        assertThat(harness.twilio.sentForms()).hasSize(1);
        assertThat(engine.turns()).isEmpty();
        assertThat(harness.queryString("SELECT status FROM messages WHERE body = ?", "Actually, what's the fee?"))
                .isEqualTo("ignored");
    }

    @Test
    void startOptsTheParentBackInWithOneConfirmationAndTheAssistantAnswersAgain() {
        long parent = invitedParent(PARENT);
        deliver(PARENT, "STOP");
        workTheQueue();

        deliver(PARENT, "START");
        workTheQueue();
        deliver(PARENT, "What's the fee?");
        workTheQueue();

        assertThat(harness.queryString("SELECT opted_out_at IS NULL FROM parents WHERE id = ?", parent)).isEqualTo("t");
        assertThat(harness.twilio.sentForms()).extracting(form -> form.get("Body")).hasSize(3)
                .satisfies(bodies -> assertThat(bodies.get(1)).contains("Welcome back"))
                .satisfies(bodies -> assertThat(bodies.get(2)).isEqualTo("You said: What's the fee?"));
    }

    @Test
    void aReplyStillQueuedWhenTheParentSaysStopIsNeverSentOnlyTheConfirmation() {
        long parent = invitedParent(PARENT);
        long conversation = harness.count("SELECT id FROM conversations WHERE parent_id = ?", parent);
        deliver(PARENT, "What's the fee?");

        deliver(PARENT, "STOP");
        messaging.replies().reply(conversation, "reply:queued-before-the-stop",
                Reply.text("The fee is £40"));
        workTheQueue();

        assertThat(harness.twilio.sentForms()).singleElement().extracting(form -> form.get("Body"))
                .asString().contains("Reply START");
        assertThat(engine.turns()).isEmpty();
    }

    @Test
    void stopThenStartBeforeEitherJobRunsLeavesTheParentOptedInWithBothConfirmations() {
        long parent = invitedParent(PARENT);

        deliver(PARENT, "STOP");
        deliver(PARENT, "START");
        workTheQueue();

        assertThat(harness.queryString("SELECT opted_out_at IS NULL FROM parents WHERE id = ?", parent)).isEqualTo("t");
        assertThat(harness.twilio.sentForms()).extracting(form -> form.get("Body")).hasSize(2)
                .satisfies(bodies -> assertThat(bodies.get(0)).contains("Reply START"))
                .satisfies(bodies -> assertThat(bodies.get(1)).contains("Welcome back"));
    }

    @Test
    void aSenderWithNoInvitationGetsOnePoliteReplyNamingTheClubHoweverManyTimesTheyWrite() {
        deliver(STRANGER, "Hi, is this the football club?");
        deliver(STRANGER, "Hello?");
        workTheQueue();
        deliver(STRANGER, "Anyone there?");
        workTheQueue();

        assertThat(harness.twilio.sentForms()).singleElement().satisfies(form -> {
            assertThat(form).containsEntry("To", "whatsapp:" + STRANGER);
            assertThat(form.get("Body")).contains("Urmston Town Juniors FC registrations").contains("team manager");
        });
        assertThat(engine.turns()).isEmpty();
    }

    @Test
    void aRedeliveredJobWithNothingWaitingStillHandsTheConversationToTheEngineSoADecidedReplyIsSent() {
        invitedParent(PARENT);
        String sid = sid();
        webhook.handle(harness.signedPost("/webhook", MessagingHarness.incoming(sid, PARENT, "Yes")));
        workTheQueue();
        long messageId = harness.database.withConnection(c -> {
            try (var row = c.createStatement().executeQuery("SELECT id FROM messages WHERE twilio_sid = '" + sid + "'")) {
                row.next();
                return row.getLong(1);
            }
        });

        inbox.inboundMessageJob().handle(new Job.InboundMessage(PARENT, sid, messageId, null));

        assertThat(engine.calls()).hasSize(2).containsOnly(engine.calls().getFirst());
        assertThat(engine.turns()).hasSize(1);
    }

    private long invitedParent(String phone) {
        long parent = harness.parent(phone, "Sam");
        long conversation = harness.conversation(parent, null);
        harness.invitation(harness.player(parent, conversation, "Seb"), "new");
        return parent;
    }

    private void deliver(String phone, String body) {
        webhook.handle(harness.signedPost("/webhook", MessagingHarness.incoming(sid(), phone, body)));
    }

    private String sid() {
        return "SM%032d".formatted(sids.incrementAndGet());
    }

    /** Runs every queued job, in the order the FIFO queue hands them out; returns how many ran. */
    private int workTheQueue() {
        int run = 0;
        for (List<Message> batch = queue.drain(); !batch.isEmpty(); batch = queue.drain()) {
            for (Message message : batch) {
                inbox.inboundMessageJob().handle((Job.InboundMessage) JobCodec.read(message.body(),
                        message.attributesAsStrings().get("MessageGroupId"),
                        message.attributesAsStrings().get("MessageDeduplicationId")));
                run++;
            }
        }
        return run;
    }
}
