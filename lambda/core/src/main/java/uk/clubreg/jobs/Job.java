package uk.clubreg.jobs;

/**
 * A unit of work for the worker. {@link #groupId()} orders jobs (FIFO MessageGroupId: the parent's E.164 number);
 * {@link #deduplicationId()} makes a repeated publish a no-op. {@link JobCodec} turns jobs into queue messages
 * and back.
 */
public sealed interface Job {

    String groupId();

    String deduplicationId();

    /** Sends the invitation template to the invited player's parent, once per invitation. */
    record SendInvitation(String groupId, long invitationId) implements Job {
        @Override
        public String deduplicationId() {
            return "invitation:" + invitationId;
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
}
