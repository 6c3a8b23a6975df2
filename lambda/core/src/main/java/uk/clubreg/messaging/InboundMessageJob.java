package uk.clubreg.messaging;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.conversation.ConversationEngine;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobHandler;
import uk.clubreg.persistence.Database;

/**
 * inbound_message ({@code {"message_id": ..., "conversation_id": ...}}). The job says "this sender has news": every
 * message of theirs still waiting is worked, oldest first, so their order holds even when deliveries raced or a job
 * is repeated. STOP and START get one confirmation each; while opted out nothing is answered; a sender with no
 * invitation gets one polite reply per number; the rest goes to the conversation engine as one turn.
 */
final class InboundMessageJob implements JobHandler {

    private static final Logger LOG = LoggerFactory.getLogger(InboundMessageJob.class);

    private final Database database;
    private final Recipients recipients;
    private final OutboundMessages outbound;
    private final ConversationReplies replies;
    private final ConversationEngine engine;
    private final String clubName;

    InboundMessageJob(Database database, Recipients recipients, OutboundMessages outbound, ConversationReplies replies,
                      ConversationEngine engine, String clubName) {
        this.database = database;
        this.recipients = recipients;
        this.outbound = outbound;
        this.replies = replies;
        this.engine = engine;
        this.clubName = clubName;
    }

    @Override
    public void handle(Job job) {
        long messageId = InvitationJob.requiredId(job, "message_id");
        Recipients.Inbound message = recipients.inbound(messageId).orElse(null);
        if (message == null) {
            LOG.atError().addKeyValue("message_id", messageId).log("No such inbound message; nothing to do");
            return;
        }
        List<Recipients.Inbound> waiting = recipients.waiting(message);
        if (waiting.isEmpty()) {
            // A redelivery after the turn was decided but its reply not sent: the engine sends decided turns first.
            if (message.conversationId() != null) {
                engine.respond(message.conversationId());
            }
            return;
        }
        if (message.parentId() == null) {
            answerUnknownSender(message.phone(), waiting);
            return;
        }
        long conversationId = waiting.getLast().conversationId();
        boolean optedOut = optedOut(message.parentId());
        List<Long> forTheEngine = new ArrayList<>();
        for (Recipients.Inbound inbound : waiting) {
            switch (OptOutKeywords.classify(inbound.body())) {
                case OPT_OUT -> {
                    forTheEngine.forEach(id -> mark(id, "ignored"));
                    forTheEngine.clear();
                    setOptedOut(message.parentId(), true);
                    optedOut = true;
                    replies.send(conversationId, "opt-out:" + inbound.id(), Reply.text(optedOutText()), true);
                    mark(inbound.id(), "answered");
                }
                case OPT_IN -> {
                    setOptedOut(message.parentId(), false);
                    optedOut = false;
                    replies.send(conversationId, "opt-in:" + inbound.id(), Reply.text(optedInText()), false);
                    mark(inbound.id(), "answered");
                }
                case NONE -> {
                    if (optedOut) {
                        mark(inbound.id(), "ignored");
                    } else {
                        forTheEngine.add(inbound.id());
                    }
                }
            }
        }
        if (!forTheEngine.isEmpty()) {
            engine.respond(conversationId);
        }
    }

    private void answerUnknownSender(String phone, List<Recipients.Inbound> waiting) {
        String text = "Hello! This number handles " + clubName + " registrations. "
                + "If your child plays for one of our teams, please ask your team manager to invite you.";
        outbound.send(Outgoing.to("unknown-sender:" + phone, null, null, OutboundMessage.freeform(phone, text)));
        waiting.forEach(inbound -> mark(inbound.id(), "answered"));
    }

    private String optedOutText() {
        return "You won't get any more " + clubName + " registration messages. Reply START if you change your mind.";
    }

    private String optedInText() {
        return "Welcome back! You'll get " + clubName + " registration messages again. Reply STOP at any time to stop them.";
    }

    private void setOptedOut(long parentId, boolean optedOut) {
        database.withConnection(connection -> {
            try (PreparedStatement update = connection.prepareStatement(optedOut
                    ? "UPDATE parents SET opted_out_at = coalesce(opted_out_at, now()), updated_at = now() WHERE id = ?"
                    : "UPDATE parents SET opted_out_at = NULL, updated_at = now() WHERE id = ?")) {
                update.setLong(1, parentId);
                return update.executeUpdate();
            }
        });
        LOG.atInfo().addKeyValue("parent_id", parentId).addKeyValue("opted_out", optedOut).log("Opt-out changed");
    }

    private boolean optedOut(long parentId) {
        return database.withConnection(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT opted_out_at IS NOT NULL FROM parents WHERE id = ?")) {
                select.setLong(1, parentId);
                try (var row = select.executeQuery()) {
                    return row.next() && row.getBoolean(1);
                }
            }
        });
    }

    private void mark(long messageId, String status) {
        database.withConnection(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE messages SET status = ?, updated_at = now() WHERE id = ? AND status = 'received'")) {
                update.setString(1, status);
                update.setLong(2, messageId);
                return update.executeUpdate();
            }
        });
    }
}
