package uk.clubreg.snapstart;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.config.Config;
import uk.clubreg.persistence.Database;

/**
 * Keeps a Lambda SnapStart snapshot free of state that must be unique or fresh per execution environment.
 *
 * <p>Before the snapshot: run the priming work (so the hot paths are loaded and JIT-compiled in the snapshot),
 * then close every pooled connection it opened. After a restore: close any connection again (a socket restored
 * from a snapshot is dead or shared) and drop cached secrets and parameters, which may have rotated since.
 *
 * <p>Usage, in a handler's constructor: {@code new SnapStartHooks(database, config, this::prime).register();}
 * Priming should exercise the hot paths without side effects: parse and route a sample event, serialise a response,
 * run a read-only query. It must not write, call Twilio or OpenAI, or keep anything unique to one environment
 * (ids, random seeds, timestamps) in fields that survive into the snapshot.
 */
public final class SnapStartHooks implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(SnapStartHooks.class);

    // The CRaC context holds resources through weak references: without a strong one the hooks could be
    // garbage-collected before the snapshot and silently never run.
    private static final List<SnapStartHooks> REGISTERED = new CopyOnWriteArrayList<>();

    private final Database database;
    private final Config config;
    private final Runnable priming;

    public SnapStartHooks(Database database, Config config, Runnable priming) {
        this.database = database;
        this.config = config;
        this.priming = priming;
    }

    /** Registers with the JVM's global CRaC context; without SnapStart (locally, in tests) the hooks never fire. */
    public SnapStartHooks register() {
        return registerWith(Core.getGlobalContext());
    }

    SnapStartHooks registerWith(Context<Resource> context) {
        context.register(this);
        REGISTERED.add(this);
        return this;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try {
            priming.run();
        } catch (RuntimeException e) {
            // Priming only makes the first requests faster; a failure must not stop the version being published.
            LOG.warn("SnapStart priming failed; continuing without it", e);
        } finally {
            database.evictConnections();
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        database.evictConnections();
        config.clearCache();
    }
}
