package uk.clubreg.messaging;

import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobHandler;

/**
 * resend_as_template: a free-form reply Twilio refused with 63016 (outside the 24-hour window) goes again as the
 * follow-up template, once: the key is derived from the refused message.
 */
final class TemplateResendJob implements JobHandler<Job.ResendAsTemplate> {

    private final Recipients recipients;
    private final OutboundMessages outbound;
    private final ConversationReplies replies;

    TemplateResendJob(Recipients recipients, OutboundMessages outbound, ConversationReplies replies) {
        this.recipients = recipients;
        this.outbound = outbound;
        this.replies = replies;
    }

    @Override
    public void handle(Job.ResendAsTemplate job) {
        long refusedId = job.messageId();
        recipients.conversationOfFreeform(refusedId).ifPresent(recipient ->
                outbound.send(Outgoing.to("resend:" + refusedId, recipient.conversation().id(),
                        recipient.conversation().parentId(), replies.followUpTemplate(recipient)).retryOf(refusedId)));
    }
}
