package uk.clubreg.testsupport;

import java.util.Optional;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.encryption.FieldEncryption;
import uk.clubreg.jobs.JobQueue;
import uk.clubreg.outbox.Outbox;
import uk.clubreg.outbox.OutboxRelay;
import uk.clubreg.outbox.OutboxRepository;
import uk.clubreg.parents.ParentRepository;
import uk.clubreg.persistence.Database;
import uk.clubreg.persistence.Jdbc;
import uk.clubreg.players.PlayerRepository;

/** The repositories over one test database, for tests that wire a part of the system by hand. */
public record Repositories(Database database, ParentRepository parents, PlayerRepository players,
                           ConversationRepository conversations, OutboxRepository outboxRows) {

    public static Repositories of(Database database) {
        Jdbc jdbc = new Jdbc(database);
        return new Repositories(database, new ParentRepository(jdbc), new PlayerRepository(jdbc, new FieldEncryption(Optional::empty)),
                new ConversationRepository(jdbc), new OutboxRepository(jdbc));
    }

    public Outbox outbox() {
        return new Outbox(outboxRows);
    }

    /** A relay to {@code queue}. */
    public OutboxRelay relay(JobQueue queue) {
        return new OutboxRelay(outboxRows, database, queue);
    }
}
