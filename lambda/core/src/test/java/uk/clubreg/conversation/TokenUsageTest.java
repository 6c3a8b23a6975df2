package uk.clubreg.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.conversation.ConversationFixtures.Family;
import uk.clubreg.messaging.Reply;
import uk.clubreg.persistence.Database;
import uk.clubreg.testsupport.TestPostgres;

class TokenUsageTest {

    private Database database;
    private ConversationFixtures fixtures;
    private RecordingReplies replies;

    @BeforeEach
    void start() {
        database = TestPostgres.freshDatabase();
        fixtures = new ConversationFixtures(database);
        replies = new RecordingReplies(database);
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void siblingsShareTheirConversationsTokensEvenly() {
        Family family = fixtures.family("+447700900401", null, "Seb", "Mia");
        replies.reply(family.conversationId(), "a", Reply.text("one").withUsage(1000, 100));
        replies.reply(family.conversationId(), "b", Reply.text("two").withUsage(500, 60));

        Map<Long, TokenUsage.Tokens> totals = database.withConnection(
                c -> TokenUsage.totalsByPlayer(c, family.playerIds()));

        assertThat(totals.get(family.playerIds().get(0))).isEqualTo(new TokenUsage.Tokens(750, 80));
        assertThat(totals.get(family.playerIds().get(1))).isEqualTo(new TokenUsage.Tokens(750, 80));
    }

    @Test
    void aPlayerWithNoAiTurnsUsedNoTokens() {
        Family family = fixtures.family("+447700900402", null, "Seb");

        Map<Long, TokenUsage.Tokens> totals = database.withConnection(
                c -> TokenUsage.totalsByPlayer(c, List.of(family.playerId())));

        assertThat(totals.get(family.playerId()).total()).isZero();
    }
}
