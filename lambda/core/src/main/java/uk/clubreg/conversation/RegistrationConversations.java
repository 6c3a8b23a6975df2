package uk.clubreg.conversation;

import java.time.Clock;
import java.util.function.Function;
import uk.clubreg.config.Config;
import uk.clubreg.conversation.guided.GuidedResponder;
import uk.clubreg.messaging.WhatsAppReplies;
import uk.clubreg.persistence.Database;

/**
 * Builds the conversation engine around a responder. Core offers the guided (no-AI) responder; the worker adds the
 * OpenAI one. The API function, which never carries openai-java, uses the guided engine for its inline mode.
 */
public final class RegistrationConversations {

    /** What a responder is built from. */
    public record Parts(ConversationRepository repository, RegistrationTools tools, ConversationSettings settings,
                        Clock clock) {}

    private RegistrationConversations() {}

    public static ConversationEngine create(Config config, Database database, WhatsAppReplies replies, Clock clock,
                                            Function<Parts, Responder> responder) {
        ConversationSettings settings = ConversationSettings.from(config);
        ConversationRepository repository = new ConversationRepository(database);
        RegistrationTools tools = new RegistrationTools(database, replies,
                new PlayerDetails(settings.defaultPhoneRegion(), settings.kitSizes()), settings.clubName(), clock);
        return new RegistrationConversation(repository, responder.apply(new Parts(repository, tools, settings, clock)),
                replies, settings, clock, RegistrationConversation.threadSleeper());
    }

    public static ConversationEngine guided(Config config, Database database, WhatsAppReplies replies, Clock clock) {
        return create(config, database, replies, clock, RegistrationConversations::guidedResponder);
    }

    public static Responder guidedResponder(Parts parts) {
        return new GuidedResponder(parts.repository(), parts.tools(), parts.settings(), parts.clock());
    }
}
