package uk.clubreg.worker;

import com.openai.client.okhttp.OpenAIOkHttpClient;
import java.time.Clock;
import java.time.Duration;
import uk.clubreg.config.Config;
import uk.clubreg.config.Setting;
import uk.clubreg.conversation.ConversationEngine;
import uk.clubreg.conversation.RegistrationConversations;
import uk.clubreg.conversation.openai.OpenAiResponder;
import uk.clubreg.messaging.WhatsAppReplies;
import uk.clubreg.persistence.Database;

/**
 * Builds the conversation engine: the AI when an OpenAI key is configured and AI_ENABLED is not false, the guided
 * (no-AI) dialogue otherwise. Both act through the same tools and the same turn engine.
 */
public final class ConversationEngines {

    private ConversationEngines() {}

    public static ConversationEngine create(Config config, Database database, WhatsAppReplies replies, Clock clock) {
        return RegistrationConversations.create(config, database, replies, clock, parts -> aiEnabled(config)
                ? new OpenAiResponder(openAiClient(config), model(config), parts.repository(), parts.tools(),
                        parts.settings(), parts.clock())
                : RegistrationConversations.guidedResponder(parts));
    }

    public static boolean aiEnabled(Config config) {
        return config.isSet(Setting.OPENAI_API_KEY) && !"false".equalsIgnoreCase(config.require(Setting.AI_ENABLED));
    }

    private static OpenAiResponder.Model model(Config config) {
        return new OpenAiResponder.Model(config.require(Setting.OPENAI_MODEL),
                config.require(Setting.OPENAI_REASONING_EFFORT), config.getInt(Setting.OPENAI_MAX_TOOL_ROUNDS),
                config.getInt(Setting.CONVERSATION_HISTORY_MESSAGES));
    }

    /** The SDK retries timeouts, 429 and 5xx itself (bounded); after that the job goes back to the queue. */
    private static com.openai.client.OpenAIClient openAiClient(Config config) {
        OpenAIOkHttpClient.Builder builder = OpenAIOkHttpClient.builder()
                .apiKey(config.require(Setting.OPENAI_API_KEY))
                .maxRetries(config.getInt(Setting.OPENAI_MAX_RETRIES))
                .timeout(Duration.ofSeconds(config.getInt(Setting.OPENAI_TIMEOUT_SECONDS)));
        config.get(Setting.OPENAI_BASE_URL).ifPresent(builder::baseUrl);
        return builder.build();
    }
}
