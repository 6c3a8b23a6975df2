package uk.clubreg.assistant;

import java.time.Clock;
import java.util.function.BooleanSupplier;
import uk.clubreg.assistant.guided.GuidedResponder;
import uk.clubreg.assistant.guided.SensitiveSteps;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.messaging.WhatsAppReplies;
import uk.clubreg.outbox.Outbox;
import uk.clubreg.outbox.OutboxRelay;
import uk.clubreg.persistence.Transactions;
import uk.clubreg.photos.PlayerPhotos;
import uk.clubreg.players.PlayerRepository;

/**
 * The registration assistant: the turn engine around one responder (the AI or the guided dialogue), acting on
 * registrations through scoped actions and replying through messaging. Notices to the club's people go as jobs.
 */
public final class Assistant {

    private final RegistrationConversation engine;

    /** @param notifyManagerOnComplete read when a registration completes (the club may switch it at any time) */
    public Assistant(ConversationSettings settings, Clock clock, Transactions transactions, PlayerRepository players,
                     ConversationRepository conversations, WhatsAppReplies replies, Outbox outbox, OutboxRelay relay,
                     ResponderFactory responder, PlayerPhotos photos, BooleanSupplier notifyManagerOnComplete) {
        RegistrationActions actions = new RegistrationActions(transactions, players, conversations, outbox, relay,
                new PlayerDetails(settings.defaultPhoneRegion(), settings.kitSizes()), notifyManagerOnComplete,
                settings.consentWordingVersion(), clock);
        ResponderContext context = new ResponderContext(players, conversations, actions,
                new ToolCalls(transactions, conversations, actions, settings.sensitiveDetails()), settings, clock);
        this.engine = new RegistrationConversation(transactions, players, conversations, responder.create(context),
                replies, photos, settings, clock);
    }

    /** The guided (no-AI) dialogue; a parent chooses their language with LANGUAGE, none is detected. */
    public static ResponderFactory guided() {
        return guided(LanguageDetector.NONE);
    }

    /** The guided dialogue, which offers the language {@code detector} finds in a parent's first long message. */
    public static ResponderFactory guided(LanguageDetector detector) {
        return context -> new GuidedResponder(context, detector);
    }

    /**
     * The AI ({@code model}), with medical notes and the emergency contact asked in guided steps unless
     * AI_SENSITIVE_DETAILS is ai (docs/decisions/0094-sensitive-details-in-guided-steps.md).
     */
    public static ResponderFactory ai(ResponderFactory model) {
        return SensitiveSteps.around(model);
    }

    public ConversationEngine engine() {
        return engine;
    }
}
