package uk.clubreg.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.clubreg.config.Config;
import uk.clubreg.players.PlayerRepository;

/**
 * The structure behind "the same timing for a known and an unknown number" (decision 0078): the class that answers
 * "Send code" is handed nothing that could tell the two apart, so it cannot do more work for one of them. Whether a
 * number may sign in is asked only by the worker's job and by the code check.
 */
class CodeRequestsTest {

    private static final List<Class<?>> WHO_MAY_SIGN_IN = List.of(Access.class, PlayerRepository.class, Config.class);

    @Test
    void answeringSendCodeIsGivenNothingThatKnowsWhoMaySignIn() {
        assertThat(Arrays.stream(CodeRequests.class.getDeclaredFields()).map(Field::getType))
                .isNotEmpty().doesNotContainAnyElementsOf(WHO_MAY_SIGN_IN);
        for (Constructor<?> constructor : CodeRequests.class.getDeclaredConstructors()) {
            assertThat(constructor.getParameterTypes()).doesNotContainAnyElementsOf(WHO_MAY_SIGN_IN);
        }
    }

    @Test
    void theCheckAndTheWorkerDoAskIt() {
        assertThat(Arrays.stream(SignIn.class.getDeclaredFields()).map(Field::getType)).contains(Access.class);
        assertThat(Arrays.stream(SignInCodeJob.class.getDeclaredFields()).map(Field::getType)).contains(Access.class);
    }
}
