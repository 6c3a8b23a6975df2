package uk.clubreg.assistant.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.clubreg.assistant.openai.OpenAiStub.message;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.assistant.ConversationFixtures;
import uk.clubreg.assistant.ConversationFixtures.Family;
import uk.clubreg.assistant.RecordingReplies;
import uk.clubreg.assistant.RegistrationConversation;
import uk.clubreg.assistant.ResponderUnavailableException;
import uk.clubreg.config.Config;
import uk.clubreg.testsupport.LogCapture;
import uk.clubreg.testsupport.TestClock;
import uk.clubreg.worker.Responders;

/**
 * The OpenAI key (a secret) and model (a parameter) changed in AWS reach the next turn without a deploy or restart
 * (decision 0080), through the worker's own wiring ({@link Responders}).
 */
class OpenAiKeyRotationIT {

    private static final String KEY = "arn:openai#OPENAI_API_KEY";
    private static final String MODEL = "/club/openai/model";

    private final TestClock clock = new TestClock(Instant.parse("2026-09-01T10:00:00Z"));
    private final Map<String, String> secrets = new HashMap<>(Map.of(KEY, "key-1"));
    private final Map<String, String> parameters = new HashMap<>(Map.of(MODEL, "gpt-5-mini"));
    private final AiTestBed bed = new AiTestBed();
    private final ConversationFixtures fixtures = bed.fixtures();
    private final RecordingReplies replies = bed.replies();
    private final OpenAiStub openAi = bed.openAi();
    private RegistrationConversation engine;

    @BeforeEach
    void start() {
        openAi.responses(message(700, 15, "Hello!"));
        Config config = new Config(Map.of("OPENAI_API_KEY_SECRET_ARN", "arn:openai", "CONFIG_SSM_PREFIX", "/club",
                "OPENAI_BASE_URL", openAi.baseUrl(), "OPENAI_MAX_RETRIES", "0", "CONFIG_CACHE_SECONDS", "300"),
                secrets::get, parameters::get, clock);
        engine = fixtures.engine(Responders.fromConfig(config).create(fixtures.context()), replies,
                ConversationFixtures.SETTINGS, ConversationFixtures.CLOCK);
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void aRotatedKeyAndAChangedModelAreUsedByTheFirstTurnAfterTheCacheExpires() {
        Family family = fixtures.family("+447700900521", null, "Seb");
        say(family, "Hi");
        secrets.put(KEY, "key-2");
        parameters.put(MODEL, "gpt-4.1-mini");

        say(family, "Still there?");
        clock.advance(Duration.ofSeconds(301));
        say(family, "Hello again");

        assertThat(openAi.responseKeys()).containsExactly("key-1", "key-1", "key-2");
        assertThat(openAi.responseRequests()).extracting(request -> request.path("model").asText())
                .containsExactly("gpt-5-mini", "gpt-5-mini", "gpt-4.1-mini");
    }

    @Test
    void aRefusedKeyIsReadAgainAtOnceAndTheTurnIsRetriedLikeAnOutageWithNoAlarm() {
        Family family = fixtures.family("+447700900522", null, "Seb");
        say(family, "Hi");
        openAi.keyRefused("key-1");
        secrets.put(KEY, "key-2");
        clock.advance(Duration.ofSeconds(11));
        long unanswered = fixtures.inbound(family, "Are you there?");

        try (LogCapture logs = LogCapture.capture()) {
            assertThatThrownBy(() -> engine.respond(family.conversationId()))
                    .isInstanceOf(ResponderUnavailableException.class);
            assertThat(fixtures.messageStatus(unanswered)).isEqualTo("received");
            engine.respond(family.conversationId());

            assertThat(logs.lines()).noneMatch(line -> line.contains("CredentialsRefused"));
        }
        assertThat(openAi.responseKeys()).containsExactly("key-1", "key-1", "key-2");
        assertThat(fixtures.messageStatus(unanswered)).isNotEqualTo("received");
    }

    @Test
    void aKeyStillRefusedAfterReadingItAgainRaisesTheCredentialsAlarmAndLeavesTheMessageToRetry() {
        Family family = fixtures.family("+447700900523", null, "Seb");
        openAi.keyRefused("key-1");
        clock.advance(Duration.ofSeconds(11));
        long unanswered = fixtures.inbound(family, "Hi");

        try (LogCapture logs = LogCapture.capture()) {
            assertThatThrownBy(() -> engine.respond(family.conversationId()))
                    .isInstanceOf(ResponderUnavailableException.class);

            assertThat(logs.lines()).anyMatch(line -> line.contains("\"alarm\":\"CredentialsRefused\"")
                    && line.contains("\"provider\":\"openai\""));
        }
        assertThat(fixtures.messageStatus(unanswered)).isEqualTo("received");
        assertThat(replies.sent()).singleElement().satisfies(sent ->
                assertThat(sent.idempotencyKey()).as("the outage path's holding message").startsWith("holding:"));
    }

    private void say(Family family, String text) {
        fixtures.inbound(family, text);
        engine.respond(family.conversationId());
    }
}
