package uk.clubreg.handoffs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.assistant.ConversationEngine;
import uk.clubreg.conversations.Conversation;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.conversations.ConversationRepository.OpenHandOff;
import uk.clubreg.http.Endpoint;
import uk.clubreg.jobs.Deadline;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobHandler;
import uk.clubreg.messaging.StaffNotices;
import uk.clubreg.outbox.Outbox;
import uk.clubreg.outbox.OutboxRelay;
import uk.clubreg.persistence.Transactions;
import uk.clubreg.players.PlayerRepository;

/**
 * Conversations handed to a person, until they come back (docs/decisions/0063-hand-offs-and-staff-notices.md): the
 * notice to the team managers (or club admins), {@link #release(long)} (the console's button and
 * {@code POST /admin/conversations/{conversation_id}/release}) which lets the assistant answer what the parent wrote
 * meanwhile, and {@link #escalateUnreleased()}: a hand-off nobody released for a day goes to the club admins, once.
 */
public final class HandOffs {

    /** A hand-off unreleased this long is escalated. */
    public static final Duration ESCALATE_AFTER = Duration.ofHours(24);

    private static final Logger LOG = LoggerFactory.getLogger(HandOffs.class);

    public enum ReleaseOutcome { RELEASED, NOT_WAITING_FOR_A_PERSON, NOT_FOUND }

    /** What a release did; {@code heldMessages}: the parent's messages the assistant now answers. */
    public record Release(long conversationId, ReleaseOutcome outcome, int heldMessages) {}

    private final Transactions transactions;
    private final ConversationRepository conversations;
    private final PlayerRepository players;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final StaffNotices staff;
    private final ConversationEngine engine;
    private final ZoneId zone;
    private final Clock clock;

    public HandOffs(Transactions transactions, ConversationRepository conversations, PlayerRepository players,
                    Outbox outbox, OutboxRelay relay, StaffNotices staff, ConversationEngine engine, ZoneId zone,
                    Clock clock) {
        this.transactions = transactions;
        this.conversations = conversations;
        this.players = players;
        this.outbox = outbox;
        this.relay = relay;
        this.staff = staff;
        this.engine = engine;
        this.zone = zone;
        this.clock = clock;
    }

    /**
     * Gives the conversation back to the assistant. The messages held while a person had it are answered by a
     * resume_conversation job, written with the release.
     */
    public Release release(long conversationId) {
        Optional<Conversation> conversation = conversations.find(conversationId);
        if (conversation.isEmpty()) {
            return new Release(conversationId, ReleaseOutcome.NOT_FOUND, 0);
        }
        Job.ResumeConversation resume = new Job.ResumeConversation(conversation.get().parent().phone(),
                conversationId, clock.instant().toEpochMilli());
        Optional<Released> released = transactions.inTransaction(() -> conversations.release(conversationId)
                .map(held -> new Released(held, held > 0 ? outbox.add(resume) : Optional.empty())));
        if (released.isEmpty()) {
            return new Release(conversationId, ReleaseOutcome.NOT_WAITING_FOR_A_PERSON, 0);
        }
        LOG.atInfo().addKeyValue("conversation_id", conversationId)
                .addKeyValue("held_messages", released.get().held()).log("Conversation released to the assistant");
        released.get().resume().ifPresent(relay::publish);
        return new Release(conversationId, ReleaseOutcome.RELEASED, released.get().held());
    }

    /**
     * The daily run: every hand-off nobody has released for {@link #ESCALATE_AFTER} is escalated to the club
     * admins, once.
     *
     * @return how many were escalated
     */
    public int escalateUnreleased() {
        Instant now = clock.instant();
        List<OpenHandOff> overdue = conversations.unescalatedHandOffsSince(now.minus(ESCALATE_AFTER));
        int escalated = 0;
        for (OpenHandOff handOff : overdue) {
            Optional<Outbox.Pending> notice = transactions.inTransaction(() ->
                    conversations.markEscalated(handOff.conversationId(), handOff.since(), now)
                            ? outbox.add(new Job.HandOffNotice(handOff.parentPhone(), handOff.conversationId(),
                                    handOff.since().toEpochMilli(), true))
                            : Optional.<Outbox.Pending>empty());
            if (notice.isPresent()) {
                relay.publish(notice.get());
                escalated++;
            }
        }
        LOG.atInfo().addKeyValue("escalated", escalated).log("Unreleased hand-offs escalated");
        return escalated;
    }

    /** hand_off_notice. */
    public JobHandler<Job.HandOffNotice> noticeJob() {
        return new HandOffNoticeJob(conversations, players, staff, zone);
    }

    /** resume_conversation: the assistant answers what the parent wrote while a person had the conversation. */
    public JobHandler<Job.ResumeConversation> resumeJob() {
        return new JobHandler<>() {
            @Override
            public void handle(Job.ResumeConversation job) {
                handle(job, Deadline.NONE);
            }

            @Override
            public void handle(Job.ResumeConversation job, Deadline deadline) {
                engine.respond(job.conversationId(), deadline);
            }
        };
    }

    /** POST /admin/conversations/{conversation_id}/release. */
    public Endpoint releaseEndpoint() {
        return new ReleaseEndpoint(this);
    }

    private record Released(int held, Optional<Outbox.Pending> resume) {}
}
