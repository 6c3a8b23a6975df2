package uk.clubreg.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.assistant.ConversationFixtures.Family;
import uk.clubreg.conversations.Reply;
import uk.clubreg.jobs.Deadline;
import uk.clubreg.persistence.Database;
import uk.clubreg.testsupport.TestPostgres;

class RegistrationConversationIT {

    /** Answers each turn with the texts it was given, or fails while the AI is "down". */
    private static final class ScriptedResponder implements Responder {
        final List<Turn> turns = new ArrayList<>();
        boolean unavailable;
        /** Runs while each turn is being decided: messages that arrive meanwhile. */
        List<Runnable> duringDecisions = new ArrayList<>();

        @Override
        public String engine() {
            return "ai";
        }

        @Override
        public Reply respond(Turn turn) {
            if (unavailable) {
                throw new ResponderUnavailableException("AI down (test)", null);
            }
            turns.add(turn);
            if (turns.size() <= duringDecisions.size()) {
                duringDecisions.get(turns.size() - 1).run();
            }
            return Reply.text("You said: " + turn.text()).withUsage(100, 20);
        }
    }

    private Database database;
    private ConversationFixtures fixtures;
    private RecordingReplies replies;
    private final ScriptedResponder responder = new ScriptedResponder();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T10:00:00Z"));
    private RegistrationConversation engine;

    @BeforeEach
    void start() {
        database = TestPostgres.freshDatabase();
        fixtures = new ConversationFixtures(database);
        replies = new RecordingReplies(database);
        engine = fixtures.engine(responder, replies, ConversationFixtures.SETTINGS, clockOf(now));
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void aBurstOfMessagesIsOneTurnWithOneReply() {
        Family family = fixtures.family("+447700900301", null, "Seb");
        long first = fixtures.inbound(family, "Yes");
        fixtures.inbound(family, "he played last year");
        long last = fixtures.inbound(family, "his birthday is 14/03/2016");

        engine.respond(family.conversationId());
        engine.respond(family.conversationId());
        engine.respond(family.conversationId());

        assertThat(responder.turns).singleElement()
                .satisfies(turn -> assertThat(turn.text()).isEqualTo("Yes\nhe played last year\nhis birthday is 14/03/2016"));
        assertThat(replies.sent()).singleElement()
                .satisfies(sent -> assertThat(sent.idempotencyKey()).isEqualTo("reply:" + last));
        assertThat(fixtures.messageStatus(first)).isEqualTo("answered");
        assertThat(fixtures.messageStatus(last)).isEqualTo("answered");
    }

    @Test
    void aStopAfterAMessageIsNotTakenIntoTheTurnButLeftForTheOptOutJob() {
        Family family = fixtures.family("+447700900309", null, "Seb");
        fixtures.inbound(family, "hi");
        long stop = fixtures.inbound(family, "STOP");

        engine.respond(family.conversationId());

        assertThat(responder.turns).singleElement()
                .satisfies(turn -> assertThat(turn.text()).isEqualTo("hi"));
        assertThat(fixtures.messageStatus(stop)).isEqualTo("received");
    }

    @Test
    void aTurnStartsAtOnceAndMessagesArrivingWhileItIsDecidedAreFoldedIntoOneReply() {
        Family family = fixtures.family("+447700900302", null, "Seb");
        fixtures.inbound(family, "Yes", now.get());
        responder.duringDecisions = List.of(() -> {
            fixtures.inbound(family, "he played last year", now.get().plusMillis(300));
            fixtures.inbound(family, "his birthday is 14/03/2016", now.get().plusMillis(700));
        });

        engine.respond(family.conversationId());
        engine.respond(family.conversationId());
        engine.respond(family.conversationId());

        assertThat(responder.turns).hasSize(2);
        assertThat(responder.turns.getFirst().unsentReply()).isNull();
        assertThat(responder.turns.getLast().text()).isEqualTo("he played last year\nhis birthday is 14/03/2016");
        assertThat(responder.turns.getLast().unsentReply().text()).isEqualTo("You said: Yes");
        assertThat(replies.repliesTo(family.conversationId())).singleElement().satisfies(reply -> {
            assertThat(reply.text()).isEqualTo("You said: he played last year\nhis birthday is 14/03/2016");
            assertThat(reply.inputTokens()).isEqualTo(200);
            assertThat(reply.outputTokens()).isEqualTo(40);
        });
        assertThat(fixtures.value("SELECT count(*) FROM conversation_turns WHERE folded_into_turn_id IS NOT NULL"))
                .isEqualTo("1");
        assertThat(fixtures.value("SELECT count(*) FROM messages WHERE direction = 'inbound' AND status = 'answered'"))
                .isEqualTo("3");
    }

    @Test
    void aParentWhoKeepsTypingStillGetsAReplyAfterAFewFolds() {
        Family family = fixtures.family("+447700900308", null, "Seb");
        fixtures.inbound(family, "one");
        Runnable another = () -> fixtures.inbound(family, "more");
        responder.duringDecisions = List.of(another, another, another, another, another);

        engine.respond(family.conversationId());

        assertThat(responder.turns).hasSize(4);
        assertThat(replies.repliesTo(family.conversationId())).hasSize(1);
        assertThat(fixtures.value("SELECT count(*) FROM messages WHERE direction = 'inbound' AND status = 'received'"))
                .isEqualTo("1");
    }

    @Test
    void aReplyThatFailedToSendIsSentOnRetryWithoutDecidingTheTurnAgain() {
        Family family = fixtures.family("+447700900303", null, "Seb");
        fixtures.inbound(family, "Yes");
        replies.failNext(1);

        assertThatThrownBy(() -> engine.respond(family.conversationId())).isInstanceOf(IllegalStateException.class);
        engine.respond(family.conversationId());

        assertThat(responder.turns).hasSize(1);
        assertThat(replies.repliesTo(family.conversationId())).singleElement()
                .satisfies(reply -> assertThat(reply.text()).isEqualTo("You said: Yes"));
    }

    @Test
    void theTokensOfATurnTravelWithItsReply() {
        Family family = fixtures.family("+447700900304", null, "Seb");
        fixtures.inbound(family, "Yes");

        engine.respond(family.conversationId());

        assertThat(replies.lastReplyTo(family.conversationId()).inputTokens()).isEqualTo(100);
        assertThat(fixtures.value("SELECT input_tokens + output_tokens FROM conversation_turns")).isEqualTo("120");
    }

    @Test
    void duringAnOutageTheParentGetsOneHoldingMessageAndTheTurnIsAnsweredAfterRecovery() {
        Family family = fixtures.family("+447700900305", null, "Seb");
        long message = fixtures.inbound(family, "Yes", now.get());
        responder.unavailable = true;

        for (int attempt = 0; attempt < 4; attempt++) {
            assertThatThrownBy(() -> engine.respond(family.conversationId()))
                    .isInstanceOf(ResponderUnavailableException.class);
            now.set(now.get().plusSeconds(30));
        }
        List<Reply> duringOutage = replies.repliesTo(family.conversationId());
        String statusDuringOutage = fixtures.messageStatus(message);
        responder.unavailable = false;
        engine.respond(family.conversationId());

        assertThat(duringOutage).singleElement()
                .satisfies(reply -> assertThat(reply.text()).contains("taking longer than usual"));
        assertThat(statusDuringOutage).isEqualTo("received");
        assertThat(replies.lastReplyTo(family.conversationId()).text()).isEqualTo("You said: Yes");
        assertThat(fixtures.value("SELECT ai_unavailable_since FROM conversations")).isNull();
    }

    @Test
    void aParentWhoHasAlreadyWaitedAMinuteGetsTheHoldingMessageAtTheFirstFailure() {
        Family family = fixtures.family("+447700900307", null, "Seb");
        fixtures.inbound(family, "Yes", now.get().minusSeconds(61));
        responder.unavailable = true;

        assertThatThrownBy(() -> engine.respond(family.conversationId()))
                .isInstanceOf(ResponderUnavailableException.class);

        assertThat(replies.sent()).singleElement()
                .satisfies(sent -> assertThat(sent.reply().text()).contains("taking longer than usual"));
    }

    @Test
    void aTurnWithTooLittleTimeLeftBeforeItsDeadlineIsNotStartedAndEndsOnTheOutagePath() {
        Family family = fixtures.family("+447700900308", null, "Seb");
        long message = fixtures.inbound(family, "Yes", now.get().minusSeconds(61));

        assertThatThrownBy(() -> engine.respond(family.conversationId(),
                Deadline.in(RegistrationConversation.REPLY_RESERVE.plusSeconds(1))))
                .isInstanceOf(ResponderUnavailableException.class);

        assertThat(responder.turns).isEmpty();
        assertThat(fixtures.messageStatus(message)).isEqualTo("received");
        assertThat(replies.sent()).singleElement()
                .satisfies(sent -> assertThat(sent.reply().text()).contains("taking longer than usual"));
    }

    @Test
    void theResponderIsGivenTheDeadlineLessTheTimeKeptForSendingTheReply() {
        Family family = fixtures.family("+447700900309", null, "Seb");
        fixtures.inbound(family, "Yes");

        engine.respond(family.conversationId(), Deadline.in(Duration.ofSeconds(60)));

        assertThat(responder.turns).singleElement().satisfies(turn -> assertThat(turn.deadline().remaining())
                .isLessThanOrEqualTo(Duration.ofSeconds(60).minus(RegistrationConversation.REPLY_RESERVE)));
    }

    @Test
    void aShortBlipSendsNoHoldingMessage() {
        Family family = fixtures.family("+447700900306", null, "Seb");
        fixtures.inbound(family, "Yes", now.get().minusSeconds(5));
        responder.unavailable = true;

        assertThatThrownBy(() -> engine.respond(family.conversationId()))
                .isInstanceOf(ResponderUnavailableException.class);

        assertThat(replies.sent()).isEmpty();
    }

    private static Clock clockOf(AtomicReference<Instant> now) {
        return new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now.get(); }
        };
    }
}
