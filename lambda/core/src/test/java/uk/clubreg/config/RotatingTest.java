package uk.clubreg.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import uk.clubreg.testsupport.TestClock;

class RotatingTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-09-01T10:00:00Z"));
    private final Map<String, String> secrets = new HashMap<>(Map.of("arn:openai#OPENAI_API_KEY", "key-1"));
    private final Config config = new Config(Map.of("OPENAI_API_KEY_SECRET_ARN", "arn:openai",
            "CONFIG_CACHE_SECONDS", "300"), secrets::get, name -> null, clock);
    private final AtomicInteger builds = new AtomicInteger();
    private final List<Client> retired = new ArrayList<>();
    private final Rotating<Client> client = Rotating.of(config,
            () -> new Client(config.require(Setting.OPENAI_API_KEY), builds.incrementAndGet()), retired::add,
            Setting.OPENAI_API_KEY);

    record Client(String key, int build) {}

    @Test
    void theClientIsBuiltOnceWhileItsSettingsReadTheSame() {
        Client first = client.get();

        assertThat(client.get()).isSameAs(first);
        assertThat(builds).hasValue(1);
    }

    @Test
    void aChangedSecretIsUsedOnceTheCacheExpiresAndTheOldClientIsRetired() {
        Client first = client.get();
        secrets.put("arn:openai#OPENAI_API_KEY", "key-2");

        assertThat(client.get()).isSameAs(first);
        clock.advance(Duration.ofSeconds(301));

        assertThat(client.get().key()).isEqualTo("key-2");
        assertThat(retired).containsExactly(first);
    }

    @Test
    void aChangedSecretIsUsedAfterTheCacheIsDroppedAsASnapStartRestoreDoes() {
        client.get();
        secrets.put("arn:openai#OPENAI_API_KEY", "key-2");

        config.clearCache();

        assertThat(client.get().key()).isEqualTo("key-2");
    }

    @Test
    void aRefusedClientIsRenewedAtOnceWhenItsSecretWasRotated() {
        Client refused = client.get();
        clock.advance(Duration.ofSeconds(11));
        secrets.put("arn:openai#OPENAI_API_KEY", "key-2");

        assertThat(client.renewAfterRefusal(refused)).hasValueSatisfying(fresh -> assertThat(fresh.key()).isEqualTo("key-2"));
        assertThat(client.get().key()).isEqualTo("key-2");
    }

    @Test
    void aRefusedClientWhoseSecretIsUnchangedIsNotRenewed() {
        Client refused = client.get();
        clock.advance(Duration.ofSeconds(11));

        assertThat(client.renewAfterRefusal(refused)).isEmpty();
        assertThat(builds).hasValue(1);
    }

    @Test
    void aClientRefusedAfterAnotherCallerRenewedItGetsTheRenewedOne() {
        Client refused = client.get();
        clock.advance(Duration.ofSeconds(11));
        secrets.put("arn:openai#OPENAI_API_KEY", "key-2");
        Client renewed = client.renewAfterRefusal(refused).orElseThrow();

        assertThat(client.renewAfterRefusal(refused)).containsSame(renewed);
    }
}
