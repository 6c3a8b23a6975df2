package uk.clubreg.snapstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.crac.CheckpointException;
import org.crac.Context;
import org.crac.Resource;
import org.crac.RestoreException;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import uk.clubreg.config.Config;
import uk.clubreg.config.Setting;
import uk.clubreg.persistence.Database;
import uk.clubreg.testsupport.TestPostgres;

class SnapStartHooksIT {

    private final Database database = mock(Database.class);
    private final Runnable priming = mock(Runnable.class);
    private final Config config = Config.fromEnvironment(Map.of());

    @Test
    void registeredHooksRunWhenTheContextCheckpointsAndRestores() throws Exception {
        RecordingContext context = new RecordingContext();
        new SnapStartHooks(database, config, priming).registerWith(context);

        context.beforeCheckpoint(null);
        context.afterRestore(null);

        assertThat(context.resources).hasSize(1);
        verify(priming).run();
        verify(database, times(2)).evictConnections();
    }

    @Test
    void registeringWithTheGlobalContextWorksOnAJvmWithoutCheckpointing() {
        assertThatCode(() -> new SnapStartHooks(database, config, priming).register()).doesNotThrowAnyException();
    }

    @Test
    void beforeCheckpointPrimesFirstAndThenEvictsConnections() {
        new SnapStartHooks(database, config, priming).beforeCheckpoint(null);

        InOrder order = inOrder(priming, database);
        order.verify(priming).run();
        order.verify(database).evictConnections();
    }

    @Test
    void beforeCheckpointStillEvictsConnectionsWhenPrimingFails() {
        Runnable failingPriming = () -> {
            throw new IllegalStateException("database asleep");
        };

        assertThatCode(() -> new SnapStartHooks(database, config, failingPriming).beforeCheckpoint(null))
                .doesNotThrowAnyException();
        verify(database).evictConnections();
    }

    @Test
    void noConnectionOpenedByPrimingSurvivesIntoTheSnapshot() {
        try (Database real = TestPostgres.freshDatabase()) {
            Runnable queryingPriming = () -> real.withConnection(c -> c.createStatement().execute("SELECT 1"));

            new SnapStartHooks(real, config, queryingPriming).beforeCheckpoint(null);

            assertThat(((HikariDataSource) real.dataSource()).getHikariPoolMXBean().getTotalConnections()).isZero();
        }
    }

    @Test
    void afterRestoreEvictsConnectionsAndRereadsCachedSecrets() {
        AtomicInteger secretReads = new AtomicInteger();
        Config cachingConfig = new Config(Map.of("API_KEY_SECRET_ARN", "arn:aws:secretsmanager:eu-west-2:111122223333:secret:api-key"),
                name -> "key-" + secretReads.incrementAndGet(), name -> null, Clock.systemUTC());
        cachingConfig.require(Setting.API_KEY);

        new SnapStartHooks(database, cachingConfig, priming).afterRestore(null);

        verify(database).evictConnections();
        assertThat(cachingConfig.require(Setting.API_KEY)).isEqualTo("key-2");
    }

    /** Stands in for the JVM's global context, which only checkpoints on a CRaC-enabled runtime. */
    private static final class RecordingContext extends Context<Resource> {
        private final List<Resource> resources = new ArrayList<>();

        @Override
        public void register(Resource resource) {
            resources.add(resource);
        }

        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) throws CheckpointException {
            try {
                for (Resource resource : resources) {
                    resource.beforeCheckpoint(this);
                }
            } catch (Exception e) {
                throw new CheckpointException();
            }
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) throws RestoreException {
            try {
                for (Resource resource : resources) {
                    resource.afterRestore(this);
                }
            } catch (Exception e) {
                throw new RestoreException();
            }
        }
    }
}
