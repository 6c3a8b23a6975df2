package uk.clubreg.registrations;

import java.util.List;
import uk.clubreg.conversations.AiTokens;
import uk.clubreg.parents.Parent;
import uk.clubreg.players.Player;

/**
 * One player's registration as their team manager sees it: the player, what is still missing, how to reach the
 * parent, and the AI tokens their conversation used (siblings share their conversation's tokens).
 */
public record PlayerRegistration(Player player, List<String> missingDetails, Parent parent, AiTokens aiTokens) {}
