package uk.clubreg.registrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.clubreg.conversations.AiTokens;
import uk.clubreg.players.Player;
import uk.clubreg.testsupport.Players;

class TokenUsageTest {

    @Test
    void siblingsShareTheirConversationsTokensEvenly() {
        Player seb = Players.inConversation(1, 10);
        Player mia = Players.inConversation(2, 10);

        Map<Long, AiTokens> totals = TokenUsage.perPlayer(List.of(seb, mia), Map.of(10L, new AiTokens(1500, 160)),
                Map.of(10L, 2));

        assertThat(totals.get(seb.id())).isEqualTo(new AiTokens(750, 80));
        assertThat(totals.get(mia.id())).isEqualTo(new AiTokens(750, 80));
    }

    @Test
    void aSiblingInAnotherTeamStillTakesTheirShare() {
        Player seb = Players.inConversation(1, 10);

        Map<Long, AiTokens> totals = TokenUsage.perPlayer(List.of(seb), Map.of(10L, new AiTokens(1500, 160)),
                Map.of(10L, 2));

        assertThat(totals.get(seb.id())).isEqualTo(new AiTokens(750, 80));
    }

    @Test
    void aPlayerWithNoAiTurnsUsedNoTokens() {
        Player seb = Players.inConversation(1, 10);

        Map<Long, AiTokens> totals = TokenUsage.perPlayer(List.of(seb), Map.of(), Map.of(10L, 1));

        assertThat(totals.get(seb.id()).total()).isZero();
    }
}
