package uk.clubreg.messaging;

import java.util.Optional;
import uk.clubreg.conversations.Conversation;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.players.InvitedPlayer;
import uk.clubreg.players.PlayerRepository;

/** Who a message goes to, and what its template says. */
final class Recipients {

    /** A conversation and the variables of its parent's latest invited player (for the follow-up template). */
    record ConversationRecipient(Conversation conversation, TemplateVariables variables) {
        String phone() {
            return conversation.parent().phone();
        }
    }

    private final ConversationRepository conversations;
    private final PlayerRepository players;

    Recipients(ConversationRepository conversations, PlayerRepository players) {
        this.conversations = conversations;
        this.players = players;
    }

    Optional<InvitedPlayer> invitation(long invitationId) {
        return players.invitation(invitationId);
    }

    Optional<ConversationRecipient> conversation(long conversationId) {
        return conversations.find(conversationId).map(conversation -> new ConversationRecipient(conversation,
                TemplateVariables.of(conversation.parent(), players.latestOfParent(conversation.parentId()))));
    }

    /** The conversation of an outbound free-form message, if it was one (templates are never re-sent). */
    Optional<ConversationRecipient> conversationOfFreeform(long messageId) {
        return conversations.conversationOfFreeform(messageId).flatMap(this::conversation);
    }
}
