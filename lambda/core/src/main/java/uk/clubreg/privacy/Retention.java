package uk.clubreg.privacy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.audit.AccessAudit;
import uk.clubreg.audit.Actor;
import uk.clubreg.audit.AuditAction;
import uk.clubreg.config.Config;
import uk.clubreg.config.Setting;
import uk.clubreg.jobs.Job;
import uk.clubreg.outbox.Outbox;
import uk.clubreg.outbox.OutboxRelay;
import uk.clubreg.persistence.Transactions;

/**
 * The daily retention step (docs/decisions/0093-retention.md): message content is redacted MESSAGE_RETENTION_DAYS
 * after a conversation's registrations all finished (completed, declined or archived), and messages outside any
 * conversation that long after they were sent; collected details are deleted DETAILS_RETENTION_SEASONS seasons
 * after their own. Outcomes, statuses and counts stay. The processors' copies of the redacted messages and
 * conversations, and the photo files of the players whose details are deleted, are deleted by the worker's job, as
 * for an erasure.
 */
public final class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    /** What one run removed. */
    public record Run(int conversations, int messagesRedacted, int repliesRedacted, int playersDetailsDeleted,
                      int twilioMessagesQueued, int openAiConversationsQueued, int photosQueued) {

        public Map<String, Object> counts() {
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("conversations", conversations);
            counts.put("messages_redacted", messagesRedacted);
            counts.put("replies_redacted", repliesRedacted);
            counts.put("players_details_deleted", playersDetailsDeleted);
            counts.put("twilio_messages_queued", twilioMessagesQueued);
            counts.put("openai_conversations_queued", openAiConversationsQueued);
            counts.put("photos_queued", photosQueued);
            return counts;
        }
    }

    private static final Actor RETENTION = Actor.system("retention");

    private final Transactions transactions;
    private final RetentionRepository data;
    private final AccessAudit audit;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Duration messagesKept;
    private final int seasonsKept;
    private final int currentSeasonStart;
    private final Clock clock;

    public Retention(Transactions transactions, RetentionRepository data, AccessAudit audit, Outbox outbox,
                     OutboxRelay relay, Duration messagesKept, int seasonsKept, String currentSeason, Clock clock) {
        this.transactions = transactions;
        this.data = data;
        this.audit = audit;
        this.outbox = outbox;
        this.relay = relay;
        this.messagesKept = messagesKept;
        this.seasonsKept = seasonsKept;
        this.currentSeasonStart = seasonStart(currentSeason);
        this.clock = clock;
    }

    /** From MESSAGE_RETENTION_DAYS, DETAILS_RETENTION_SEASONS and CURRENT_SEASON. */
    public static Retention from(Config config, Transactions transactions, RetentionRepository data,
                                 AccessAudit audit, Outbox outbox, OutboxRelay relay, Clock clock) {
        int days = config.getInt(Setting.MESSAGE_RETENTION_DAYS);
        int seasons = config.getInt(Setting.DETAILS_RETENTION_SEASONS);
        if (days < 1 || seasons < 0) {
            throw new IllegalArgumentException("MESSAGE_RETENTION_DAYS must be at least 1 and "
                    + "DETAILS_RETENTION_SEASONS at least 0");
        }
        return new Retention(transactions, data, audit, outbox, relay, Duration.ofDays(days), seasons,
                config.require(Setting.CURRENT_SEASON), clock);
    }

    /** One run, in one transaction with its audit entry (ids and counts only). */
    public Run run() {
        record Done(Run run, Optional<Outbox.Pending> job) {}
        Done done = transactions.inTransaction(() -> {
            Instant now = clock.instant();
            Instant cutoff = now.minus(messagesKept);
            List<Long> expired = data.expiredConversations(cutoff);
            List<Long> detailsExpired = currentSeasonStart < 0 ? List.of()
                    : data.playersWithExpiredDetails(currentSeasonStart, seasonsKept);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("message_retention_days", messagesKept.toDays());
            detail.put("details_retention_seasons", seasonsKept);
            detail.put("conversations", expired.size());
            detail.put("players_details_deleted", detailsExpired.size());
            long entry = audit.recordForThisTransaction(RETENTION, AuditAction.RETENTION, data.parentsOf(expired),
                    detailsExpired, detail, null);
            RetentionRepository.Redacted redacted = data.redact(expired, cutoff, now);
            List<String> photoKeys = data.deleteDetails(detailsExpired, now);
            Job.DeleteProcessorCopies copies = new Job.DeleteProcessorCopies("retention:" + entry, entry,
                    redacted.messageSids(), redacted.aiConversationIds(), photoKeys);
            Optional<Outbox.Pending> job = copies.isEmpty() ? Optional.empty() : outbox.add(copies);
            Run run = new Run(expired.size(), redacted.messages(), redacted.turns(), detailsExpired.size(),
                    redacted.messageSids().size(), redacted.aiConversationIds().size(), photoKeys.size());
            return new Done(run, job);
        });
        done.job().ifPresent(relay::publish);
        var log = LOG.atInfo();
        done.run().counts().forEach(log::addKeyValue);
        log.log("Retention run");
        return done.run();
    }

    /** The start year of a season such as {@code 2026-27}; -1 when it does not start with one. */
    static int seasonStart(String season) {
        return season != null && season.matches("^[0-9]{4}.*") ? Integer.parseInt(season.substring(0, 4)) : -1;
    }
}
