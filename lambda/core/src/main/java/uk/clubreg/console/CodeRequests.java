package uk.clubreg.console;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.console.ConsoleRepository.Event;
import uk.clubreg.jobs.Job;
import uk.clubreg.logging.Mask;
import uk.clubreg.outbox.Outbox;
import uk.clubreg.outbox.OutboxRelay;
import uk.clubreg.persistence.Transactions;

/**
 * "Send code" (decision 0072): a code for every well-formed number, one row and one {@code send_sign_in_code} job in
 * one transaction, then the job published. Whether the number may sign in is the worker's question, never this
 * class's: it is given nothing that could answer it (no {@link Access}), so a known and an unknown number cost the
 * same work and get the same answer (decision 0078). Codes asked for are limited per number and per source address.
 */
final class CodeRequests {

    private static final Logger LOG = LoggerFactory.getLogger(CodeRequests.class);

    enum Answer { ANSWERED, TOO_MANY_FROM_THIS_ADDRESS }

    private final ConsoleRepository repository;
    private final ConsoleKeys keys;
    private final Transactions transactions;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Clock clock;

    CodeRequests(ConsoleRepository repository, ConsoleKeys keys, Transactions transactions, Outbox outbox,
                 OutboxRelay relay, Clock clock) {
        this.repository = repository;
        this.keys = keys;
        this.transactions = transactions;
        this.outbox = outbox;
        this.relay = relay;
        this.clock = clock;
    }

    /**
     * Makes a code for {@code phone} (E.164) and queues it. Over the number's limit nothing is made, and the answer
     * is the same: it tells nobody whether the number is known.
     */
    Answer request(String phone, String sourceIp) {
        Instant now = clock.instant();
        Instant since = now.minus(SignIn.LIMIT_WINDOW);
        record Outcome(Answer answer, Optional<Outbox.Pending> job) {}
        Outcome outcome = transactions.inTransaction(() -> {
            if (repository.eventsFromAddress(Event.CODE_REQUESTED, sourceIp, since) >= SignIn.CODES_PER_ADDRESS) {
                return new Outcome(Answer.TOO_MANY_FROM_THIS_ADDRESS, Optional.empty());
            }
            repository.recordEvent(Event.CODE_REQUESTED, phone, sourceIp, now);
            if (repository.eventsForPhone(Event.CODE_REQUESTED, phone, since) > SignIn.CODES_PER_NUMBER) {
                LOG.atWarn().addKeyValue("phone", Mask.phone(phone)).log("Sign-in codes limit reached for a number");
                return new Outcome(Answer.ANSWERED, Optional.empty());
            }
            String code = "%06d".formatted(ConsoleKeys.RANDOM.nextInt(1_000_000));
            long codeId = repository.insertCode(phone, SignIn.codeHash(keys, phone, code), keys.seal(code), sourceIp,
                    now.plus(SignIn.CODE_LIFETIME));
            return new Outcome(Answer.ANSWERED, outbox.add(new Job.SendSignInCode(phone, codeId)));
        });
        outcome.job().ifPresent(relay::publish);
        return outcome.answer();
    }
}
