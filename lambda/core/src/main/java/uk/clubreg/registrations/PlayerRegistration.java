package uk.clubreg.registrations;

import java.util.List;
import uk.clubreg.conversations.AiTokens;
import uk.clubreg.conversations.HandOff;
import uk.clubreg.parents.Parent;
import uk.clubreg.players.Player;

/**
 * One player's registration as their team manager sees it: the player (with the reminders their parent had), what
 * is still missing, how to reach the parent, the AI tokens their conversation used (siblings share their
 * conversation's tokens), and the hand-off to a person their conversation is waiting on (null: none).
 */
public record PlayerRegistration(Player player, List<String> missingDetails, Parent parent, AiTokens aiTokens,
                                 HandOff handOff) {}
