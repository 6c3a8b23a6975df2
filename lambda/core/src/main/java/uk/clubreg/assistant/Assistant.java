package uk.clubreg.assistant;

import java.time.Clock;
import uk.clubreg.assistant.guided.GuidedResponder;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.messaging.WhatsAppReplies;
import uk.clubreg.persistence.Transactions;
import uk.clubreg.players.PlayerRepository;

/**
 * The registration assistant: the turn engine around one responder (the AI or the guided dialogue), acting on
 * registrations through scoped actions and replying through messaging.
 */
public final class Assistant {

    private final RegistrationConversation engine;

    public Assistant(ConversationSettings settings, Clock clock, Transactions transactions, PlayerRepository players,
                     ConversationRepository conversations, WhatsAppReplies replies, ResponderFactory responder) {
        RegistrationActions actions = new RegistrationActions(transactions, players, conversations, replies,
                new PlayerDetails(settings.defaultPhoneRegion(), settings.kitSizes()), settings.clubName(), clock);
        ResponderContext context = new ResponderContext(players, conversations, actions, new ToolCalls(actions),
                settings, clock);
        this.engine = new RegistrationConversation(transactions, players, conversations, responder.create(context),
                replies, settings, clock);
    }

    /** The guided (no-AI) dialogue. */
    public static ResponderFactory guided() {
        return GuidedResponder::new;
    }

    public ConversationEngine engine() {
        return engine;
    }
}
