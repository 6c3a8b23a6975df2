package uk.clubreg.worker;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import java.time.Duration;
import uk.clubreg.assistant.AiConversations;
import uk.clubreg.assistant.Assistant;
import uk.clubreg.assistant.ConversationSettings;
import uk.clubreg.assistant.LanguageDetector;
import uk.clubreg.assistant.ResponderFactory;
import uk.clubreg.assistant.openai.OpenAiConversations;
import uk.clubreg.assistant.openai.OpenAiResponder;
import uk.clubreg.assistant.optimaize.OptimaizeLanguageDetector;
import uk.clubreg.config.Config;
import uk.clubreg.config.Rotating;
import uk.clubreg.config.Setting;

/**
 * Which responder answers parents: the AI when an OpenAI key is configured and AI_ENABLED is not false, the guided
 * (no-AI) dialogue otherwise; both find a parent's language with optimaize. Both act through the same actions and the same turn engine; the AI hands medical notes
 * and the emergency contact to guided steps unless AI_SENSITIVE_DETAILS is ai.
 */
public final class Responders {

    private Responders() {}

    public static ResponderFactory fromConfig(Config config) {
        LanguageDetector languages = OptimaizeLanguageDetector.of(
                ConversationSettings.languages(config.require(Setting.LANGUAGES)));
        if (!aiEnabled(config)) {
            return Assistant.guided(languages);
        }
        Rotating<OpenAIClient> client = openAiClient(config);
        return Assistant.ai(context -> new OpenAiResponder(client, () -> model(config), context, languages));
    }

    /**
     * OpenAI's stored conversations, deletable with the OpenAI key even while the AI is turned off
     * (AI_ENABLED=false); without a key there are none to delete.
     */
    public static AiConversations aiConversations(Config config) {
        return config.isSet(Setting.OPENAI_API_KEY) ? new OpenAiConversations(openAiClient(config))
                : AiConversations.UNAVAILABLE;
    }

    public static boolean aiEnabled(Config config) {
        return config.isSet(Setting.OPENAI_API_KEY) && !"false".equalsIgnoreCase(config.require(Setting.AI_ENABLED));
    }

    private static OpenAiResponder.Model model(Config config) {
        return new OpenAiResponder.Model(config.require(Setting.OPENAI_MODEL),
                config.require(Setting.OPENAI_REASONING_EFFORT), config.getInt(Setting.OPENAI_MAX_TOOL_ROUNDS),
                config.getInt(Setting.CONVERSATION_HISTORY_MESSAGES),
                Duration.ofSeconds(config.getInt(Setting.OPENAI_TIMEOUT_SECONDS)), config.getInt(Setting.OPENAI_MAX_RETRIES));
    }

    /**
     * Built on first use and rebuilt when the key (a secret) reads differently, as Twilio's client is (decision
     * 0080). The SDK retries timeouts, 429 and 5xx itself (bounded); after that the job goes back to the queue.
     */
    private static Rotating<OpenAIClient> openAiClient(Config config) {
        return Rotating.of(config, () -> {
            OpenAIOkHttpClient.Builder builder = OpenAIOkHttpClient.builder()
                    .apiKey(config.require(Setting.OPENAI_API_KEY))
                    .maxRetries(config.getInt(Setting.OPENAI_MAX_RETRIES))
                    .timeout(Duration.ofSeconds(config.getInt(Setting.OPENAI_TIMEOUT_SECONDS)));
            config.get(Setting.OPENAI_BASE_URL).ifPresent(builder::baseUrl);
            return builder.build();
        }, OpenAIClient::close, Setting.OPENAI_API_KEY, Setting.OPENAI_BASE_URL);
    }
}
