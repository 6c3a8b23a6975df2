package uk.clubreg.inbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.assistant.ConversationEngine;
import uk.clubreg.assistant.ConversationSettings;
import uk.clubreg.assistant.guided.GuidedTexts;
import uk.clubreg.assistant.OptOutKeywords;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.conversations.InboundMessage;
import uk.clubreg.conversations.MessageStatus;
import uk.clubreg.conversations.Reply;
import uk.clubreg.jobs.Deadline;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobHandler;
import uk.clubreg.messaging.WhatsAppReplies;

/**
 * inbound_message: "this sender has news". Every message of theirs still waiting is worked, oldest first, so their
 * order holds even when deliveries raced or a job is repeated. STOP and START were applied by the webhook; here
 * they get one confirmation each, and what the parent wrote before a STOP or after it is not answered. A sender
 * with no invitation gets one polite reply per number; the rest goes to the conversation engine as one turn.
 */
final class InboundMessageJob implements JobHandler<Job.InboundMessage> {

    private static final Logger LOG = LoggerFactory.getLogger(InboundMessageJob.class);

    private final ConversationRepository messages;
    private final WhatsAppReplies replies;
    private final ConversationEngine engine;
    private final ConversationSettings settings;

    InboundMessageJob(ConversationRepository messages, WhatsAppReplies replies,
                      ConversationEngine engine, ConversationSettings settings) {
        this.messages = messages;
        this.replies = replies;
        this.engine = engine;
        this.settings = settings;
    }

    @Override
    public void handle(Job.InboundMessage job) {
        handle(job, Deadline.NONE);
    }

    @Override
    public void handle(Job.InboundMessage job, Deadline deadline) {
        InboundMessage message = messages.inbound(job.messageId()).orElse(null);
        if (message == null) {
            LOG.atError().addKeyValue("message_id", job.messageId()).log("No such inbound message; nothing to do");
            return;
        }
        List<InboundMessage> waiting = messages.waitingFromSenderOf(message);
        if (waiting.isEmpty()) {
            // A redelivery after the turn was decided but its reply not sent: the engine sends decided turns first.
            if (message.conversationId() != null) {
                engine.respond(message.conversationId(), deadline);
            }
            return;
        }
        if (message.parentId() == null) {
            answerUnknownSender(message.phone(), waiting);
            return;
        }
        long conversationId = waiting.getLast().conversationId();
        // The webhook stores a message that arrives while opted out as ignored, so what waits was written opted in.
        boolean optedOut = false;
        List<Long> forTheEngine = new ArrayList<>();
        for (InboundMessage inbound : waiting) {
            switch (OptOutKeywords.classify(inbound.body())) {
                case OPT_OUT -> {
                    settle(forTheEngine, MessageStatus.IGNORED);
                    forTheEngine.clear();
                    optedOut = true;
                    replies.confirmOptOut(conversationId, "opt-out:" + inbound.id(),
                            Reply.text(text(conversationId, "opted_out")));
                    settle(List.of(inbound.id()), MessageStatus.ANSWERED);
                }
                case OPT_IN -> {
                    optedOut = false;
                    replies.reply(conversationId, "opt-in:" + inbound.id(), Reply.text(text(conversationId, "opted_in")));
                    settle(List.of(inbound.id()), MessageStatus.ANSWERED);
                }
                case NONE -> {
                    if (optedOut) {
                        settle(List.of(inbound.id()), MessageStatus.IGNORED);
                    } else {
                        forTheEngine.add(inbound.id());
                    }
                }
            }
        }
        if (!forTheEngine.isEmpty()) {
            engine.respond(conversationId, deadline);
        }
    }

    /** Nothing is known of a sender with no invitation: the club's default language. */
    private void answerUnknownSender(String phone, List<InboundMessage> waiting) {
        replies.answerUnknownSender(phone, "unknown-sender:" + phone, GuidedTexts.of(settings.defaultLanguage())
                .text("unknown_sender", Map.of("club", settings.clubName())));
        settle(waiting.stream().map(InboundMessage::id).toList(), MessageStatus.ANSWERED);
    }

    /** A confirmation in the parent's language. */
    private String text(long conversationId, String key) {
        String chosen = messages.find(conversationId).orElseThrow().parent().language();
        return GuidedTexts.of(settings.languageOf(chosen)).text(key, Map.of("club", settings.clubName()));
    }

    private void settle(List<Long> messageIds, MessageStatus status) {
        messages.settleReceived(messageIds, status);
    }
}
