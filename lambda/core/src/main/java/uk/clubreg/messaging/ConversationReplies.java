package uk.clubreg.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.clubreg.conversations.Reply;
import uk.clubreg.players.Player;

/**
 * Replies to parents the way WhatsApp allows: free-form text inside the 24-hour window that the parent's last
 * message opened, the follow-up template outside it. Quick replies become the quick-reply template when it is
 * configured and the buttons fit, numbered choices in the text otherwise.
 */
final class ConversationReplies implements WhatsAppReplies {

    static final Duration WINDOW = Duration.ofHours(24);

    private final Recipients recipients;
    private final OutboundMessages outbound;
    private final Templates templates;
    private final String clubName;
    private final Clock clock;

    ConversationReplies(Recipients recipients, OutboundMessages outbound, Templates templates, String clubName,
                        Clock clock) {
        this.recipients = recipients;
        this.outbound = outbound;
        this.templates = templates;
        this.clubName = clubName;
        this.clock = clock;
    }

    @Override
    public void reply(long conversationId, String idempotencyKey, Reply reply) {
        send(conversationId, idempotencyKey, reply, false);
    }

    @Override
    public void confirmOptOut(long conversationId, String idempotencyKey, Reply reply) {
        send(conversationId, idempotencyKey, reply, true);
    }

    @Override
    public void answerUnknownSender(String phoneE164, String idempotencyKey, String text) {
        outbound.send(Outgoing.to(idempotencyKey, null, null, OutboundMessage.freeform(phoneE164, text)));
    }

    /**
     * The text inside the window; outside it the reminder template naming the children, or the follow-up template
     * when no reminder template is configured (docs/decisions/0062-reminders.md).
     */
    @Override
    public void remind(long conversationId, String idempotencyKey, String text, List<Player> children) {
        Recipients.ConversationRecipient recipient = recipient(conversationId);
        OutboundMessage message = windowOpen(recipient.conversation().lastInboundAt())
                ? OutboundMessage.freeform(recipient.phone(), text)
                : templates.reminder(recipient.conversation().parent().language()).map(sid -> OutboundMessage.template(recipient.phone(), sid,
                        NoticeVariables.reminder(recipient.conversation().parent(), children, clubName)))
                        .orElseGet(() -> followUpTemplate(recipient));
        outbound.send(Outgoing.to(idempotencyKey, conversationId, recipient.conversation().parentId(), message));
    }

    private Recipients.ConversationRecipient recipient(long conversationId) {
        return recipients.conversation(conversationId)
                .orElseThrow(() -> new IllegalStateException("No conversation " + conversationId));
    }

    /**
     * A free-form text over Twilio's limit goes as several messages, in order, the first carrying the reply's tokens;
     * each part has its own key, so a retry sends only the parts not sent yet.
     */
    private void send(long conversationId, String idempotencyKey, Reply reply, boolean evenIfOptedOut) {
        Recipients.ConversationRecipient recipient = recipient(conversationId);
        OutboundMessage message = render(recipient, reply);
        List<OutboundMessage> parts = message.isTemplate() || message.body().length() <= MessageParts.MAX
                ? List.of(message)
                : MessageParts.of(message.body()).stream()
                        .map(part -> OutboundMessage.freeform(recipient.phone(), part)).toList();
        for (int i = 0; i < parts.size(); i++) {
            Outgoing outgoing = Outgoing.to(i == 0 ? idempotencyKey : idempotencyKey + ":part" + (i + 1),
                    conversationId, recipient.conversation().parentId(), parts.get(i));
            if (i == 0) {
                outgoing = outgoing.withUsage(reply.inputTokens(), reply.outputTokens());
            }
            outbound.send(evenIfOptedOut ? outgoing.evenIfOptedOut() : outgoing);
        }
    }

    /** The template that stands in for a free-form message outside the window (decision 0032). */
    OutboundMessage followUpTemplate(Recipients.ConversationRecipient recipient) {
        return OutboundMessage.template(recipient.phone(), templates.followUp(recipient.conversation().parent().language()),
                recipient.variables().asContentVariables());
    }

    private OutboundMessage render(Recipients.ConversationRecipient recipient, Reply reply) {
        if (!windowOpen(recipient.conversation().lastInboundAt())) {
            return followUpTemplate(recipient);
        }
        Optional<String> quickReply = templates.quickReplyFor(reply.quickReplies());
        if (quickReply.isPresent()) {
            Map<String, String> variables = new LinkedHashMap<>();
            variables.put("1", reply.text());
            for (int i = 0; i < reply.quickReplies().size(); i++) {
                variables.put(String.valueOf(i + 2), reply.quickReplies().get(i));
            }
            return OutboundMessage.template(recipient.phone(), quickReply.get(), variables);
        }
        return OutboundMessage.freeform(recipient.phone(), withNumberedChoices(reply.text(), reply.quickReplies()));
    }

    /** Only an inbound message opens the window; it closes exactly 24 hours later. */
    boolean windowOpen(Instant lastInboundAt) {
        return lastInboundAt != null && clock.instant().isBefore(lastInboundAt.plus(WINDOW));
    }

    private static String withNumberedChoices(String text, List<String> choices) {
        if (choices.isEmpty()) {
            return text;
        }
        StringBuilder body = new StringBuilder(text).append("\n");
        for (int i = 0; i < choices.size(); i++) {
            body.append('\n').append(i + 1).append(". ").append(choices.get(i));
        }
        return body.toString();
    }
}
