package uk.clubreg.assistant;

import java.time.Clock;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.players.PlayerRepository;

/** What a responder works with: the registrations it may read and change, and the club's settings. */
public record ResponderContext(PlayerRepository players, ConversationRepository conversations,
                               RegistrationActions actions, ToolCalls tools, ConversationSettings settings,
                               Clock clock) {}
