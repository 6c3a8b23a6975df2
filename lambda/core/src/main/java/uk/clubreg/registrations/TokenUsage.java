package uk.clubreg.registrations;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import uk.clubreg.conversations.AiTokens;
import uk.clubreg.players.Player;

/**
 * AI tokens per player. Tokens are recorded on the replies of a conversation; siblings share one conversation, so
 * its total is split evenly between its players, rounded down: the per-player figures add up to the
 * conversation's cost, to within a token per player (docs/decisions/0045-token-attribution.md).
 */
final class TokenUsage {

    private TokenUsage() {}

    /**
     * @param byConversation the tokens of each conversation
     * @param playersInConversation how many players each conversation has (not only the ones asked for)
     */
    static Map<Long, AiTokens> perPlayer(List<Player> players, Map<Long, AiTokens> byConversation,
                                         Map<Long, Integer> playersInConversation) {
        Map<Long, AiTokens> perPlayer = new HashMap<>();
        for (Player player : players) {
            Long conversation = player.conversationId();
            AiTokens total = conversation == null ? null : byConversation.get(conversation);
            int siblings = conversation == null ? 0 : playersInConversation.getOrDefault(conversation, 0);
            perPlayer.put(player.id(), total == null || siblings == 0 ? AiTokens.NONE
                    : new AiTokens(total.input() / siblings, total.output() / siblings));
        }
        return perPlayer;
    }
}
