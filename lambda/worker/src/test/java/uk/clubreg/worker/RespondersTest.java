package uk.clubreg.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.clubreg.config.Config;

class RespondersTest {

    @Test
    void withNoOpenAiKeyTheGuidedModeAnswers() {
        assertThat(Responders.aiEnabled(Config.fromEnvironment(Map.of()))).isFalse();
    }

    @Test
    void aClubThatTurnsTheAiOffGetsTheGuidedModeEvenWithAKey() {
        assertThat(Responders.aiEnabled(Config.fromEnvironment(
                Map.of("OPENAI_API_KEY", "sk-test", "AI_ENABLED", "false")))).isFalse();
    }

    @Test
    void withAKeyTheAiAnswers() {
        assertThat(Responders.aiEnabled(Config.fromEnvironment(Map.of("OPENAI_API_KEY", "sk-test")))).isTrue();
    }
}
