package uk.clubreg.invitations;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.conversations.ConversationRepository.LiveConversation;
import uk.clubreg.persistence.Transactions;
import uk.clubreg.players.PlayerRepository;

/**
 * A conversation belongs to one season (docs/decisions/0060-conversations-belong-to-a-season.md). An invitation
 * for another season archives the parent's live conversation, with its registrations still in progress, and opens
 * a new one; so does a change of CURRENT_SEASON, for every conversation of an earlier season, on the daily run.
 */
public final class SeasonRollover {

    private static final Logger LOG = LoggerFactory.getLogger(SeasonRollover.class);

    private final Transactions transactions;
    private final ConversationRepository conversations;
    private final PlayerRepository players;
    private final String currentSeason;

    public SeasonRollover(Transactions transactions, ConversationRepository conversations, PlayerRepository players,
                          String currentSeason) {
        this.transactions = transactions;
        this.conversations = conversations;
        this.players = players;
        this.currentSeason = currentSeason;
    }

    /** The parent's live conversation for {@code season}; call it in the invitation's transaction. */
    long conversationFor(long parentId, String season) {
        return conversationFor(parentId, season, conversations.live(parentId).orElse(null));
    }

    /**
     * {@link #conversationFor} for several parents, one season each, given their live conversations: those with
     * one of that season need no statement, and those with none are opened in one.
     *
     * @return the conversation's id by parent id
     */
    Map<Long, Long> conversationsFor(Map<Long, String> seasons, Map<Long, LiveConversation> live) {
        Map<Long, Long> ids = new HashMap<>();
        Map<Long, String> opening = new HashMap<>();
        seasons.forEach((parentId, season) -> {
            if (live.containsKey(parentId)) {
                ids.put(parentId, conversationFor(parentId, season, live.get(parentId)));
            } else {
                opening.put(parentId, season);
            }
        });
        ids.putAll(conversations.openLiveAll(opening));
        return ids;
    }

    private long conversationFor(long parentId, String season, LiveConversation live) {
        if (live == null) {
            return conversations.openLive(parentId, season);
        }
        if (live.season() == null) {
            conversations.adoptSeason(live.id(), season);
            return live.id();
        }
        if (live.season().equals(season)) {
            return live.id();
        }
        archive(live.id());
        return conversations.openLive(parentId, season);
    }

    /**
     * Archives every live conversation of a season before CURRENT_SEASON: nobody is reminded about last season,
     * and the parent's next message opens a conversation of its own.
     *
     * @return how many were archived
     */
    public int archiveEarlierSeasons() {
        List<Long> earlier = conversations.liveBefore(currentSeason);
        earlier.forEach(id -> transactions.inTransaction(() -> archive(id)));
        LOG.atInfo().addKeyValue("current_season", currentSeason).addKeyValue("archived", earlier.size())
                .log("Conversations of earlier seasons archived");
        return earlier.size();
    }

    private void archive(long conversationId) {
        players.archiveUnfinished(conversationId);
        conversations.archive(conversationId);
    }
}
