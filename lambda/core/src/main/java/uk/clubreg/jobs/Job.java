package uk.clubreg.jobs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

/**
 * A unit of work for the worker. {@link #groupId()} orders jobs (FIFO MessageGroupId: the parent's E.164 number);
 * {@link #deduplicationId()} makes a repeated publish a no-op. {@link JobCodec} turns jobs into queue messages
 * and back.
 */
public sealed interface Job {

    String groupId();

    String deduplicationId();

    /**
     * Sends the invitation template to the invited player's parent, once per invitation; {@code round} 1, 2, …: the
     * manager invited the same player again, and the existing-registration template goes instead.
     */
    record SendInvitation(String groupId, long invitationId, int round) implements Job {
        @Override
        public String deduplicationId() {
            return round == 0 ? "invitation:" + invitationId : "invitation:" + invitationId + ":" + round;
        }
    }

    /**
     * A parent (or an unknown number) has written: every message of theirs still waiting is worked.
     * {@code conversationId} is null for a sender with no invitation.
     */
    record InboundMessage(String groupId, String messageSid, long messageId, Long conversationId) implements Job {
        @Override
        public String deduplicationId() {
            return messageSid;
        }
    }

    /** A free-form reply Twilio refused outside the 24-hour window (63016), to be sent again as a template. */
    record ResendAsTemplate(String groupId, long messageId) implements Job {
        @Override
        public String deduplicationId() {
            return "resend:" + messageId;
        }
    }

    /** Reminds a parent, once on {@code day}, that these players' registrations are unfinished. */
    record SendReminder(String groupId, long conversationId, List<Long> playerIds, LocalDate day) implements Job {
        public SendReminder {
            playerIds = List.copyOf(playerIds);
        }

        @Override
        public String deduplicationId() {
            return "reminder:" + conversationId + ":" + day;
        }
    }

    /**
     * Tells the team managers (or the club admins) that the parent asked for a person at {@code handOffSince};
     * {@code escalation}: nobody released the conversation within a day, and the club admins are told.
     */
    record HandOffNotice(String groupId, long conversationId, long handOffSince, boolean escalation) implements Job {
        @Override
        public String deduplicationId() {
            return (escalation ? "escalation:" : "hand-off:") + conversationId + ":" + handOffSince;
        }
    }

    /** A person released the conversation: the assistant answers the messages held meanwhile. */
    record ResumeConversation(String groupId, long conversationId, long releasedAt) implements Job {
        @Override
        public String deduplicationId() {
            return "resume:" + conversationId + ":" + releasedAt;
        }
    }

    /** Tells the player's team managers that the registration is complete. */
    record CompletionNotice(String groupId, long playerId) implements Job {
        @Override
        public String deduplicationId() {
            return "completed:" + playerId;
        }
    }

    /** The weekly summary of a team's registrations for its managers, once per team and {@code day}. */
    record TeamSummary(String groupId, String teamName, String season, LocalDate day) implements Job {
        @Override
        public String deduplicationId() {
            // Team names and seasons may hold characters a FIFO deduplication id cannot: a digest stands in.
            return "summary:" + day + ":" + digest(teamName + "\n" + season);
        }
    }

    /**
     * Deletes the copies outside the database of erased or expired data: Twilio message records (their media go
     * with them), OpenAI conversations and the players' photos in the photo store, by id and key only.
     * {@code auditEntryId}: the access-audit entry of the erasure.
     */
    record DeleteProcessorCopies(String groupId, long auditEntryId, List<String> messageSids,
                                 List<String> aiConversationIds, List<String> photoKeys) implements Job {
        public DeleteProcessorCopies {
            messageSids = List.copyOf(messageSids);
            aiConversationIds = List.copyOf(aiConversationIds);
            photoKeys = List.copyOf(photoKeys);
        }

        public boolean isEmpty() {
            return messageSids.isEmpty() && aiConversationIds.isEmpty() && photoKeys.isEmpty();
        }

        @Override
        public String deduplicationId() {
            return "processor-copies:" + auditEntryId;
        }
    }

    /** Sends a console sign-in code to the number that asked for it, if that number may sign in. */
    record SendSignInCode(String groupId, long codeId) implements Job {
        @Override
        public String deduplicationId() {
            return "sign-in-code:" + codeId;
        }
    }

    /**
     * A parent's message Twilio posted to the Fallback URL because /webhook failed: the raw form and its signature,
     * stored by API Gateway straight into the queue without the database (docs/decisions/0105-webhook-fallback.md).
     * The worker checks the signature and stores the message as /webhook would, once per MessageSid.
     */
    record FallbackWebhook(String groupId, String deduplicationId, String signature, String form) implements Job {
        /** One FIFO group: the fallback is rare, and its messages are ordered per parent after they are stored. */
        public static final String GROUP = "webhook-fallback";
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM provides SHA-256", e);
        }
    }
}
