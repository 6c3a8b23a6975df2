package uk.clubreg.inbox;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.assistant.OptOutKeywords;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.conversations.MessageStatus;
import uk.clubreg.http.Endpoint;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.jobs.Job;
import uk.clubreg.logging.Mask;
import uk.clubreg.messaging.SignedForm;
import uk.clubreg.outbox.Outbox;
import uk.clubreg.outbox.OutboxRelay;
import uk.clubreg.parents.Parent;
import uk.clubreg.parents.ParentRepository;
import uk.clubreg.persistence.Transactions;

/**
 * POST /webhook (and, through the queue, the Fallback URL's posts: {@link FallbackWebhookJob}): a parent's WhatsApp
 * message from Twilio. Stored once per MessageSid (Twilio retries deliveries),
 * opening the conversation's 24-hour window, with an inbound_message job in the same transaction (group: the
 * parent's number, so one parent's messages are worked in order; deduplication: the MessageSid). The answer is
 * quick and empty: replies are sent by the job.
 *
 * <p>STOP and START take effect here, in the transaction that stores them, not when their job is reached: whatever
 * is still queued for the parent is checked against the opt-out right before it is sent
 * (docs/decisions/0081-opt-out-in-the-webhook.md). A message from a parent who has opted out is stored as ignored,
 * with no job. A parent who writes is reachable again.
 */
final class InboundWebhook implements Endpoint {

    private static final Logger LOG = LoggerFactory.getLogger(InboundWebhook.class);
    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{6,14}$");

    private final SignedForm signedForm;
    private final String path;
    private final ParentRepository parents;
    private final ConversationRepository conversations;
    private final Transactions transactions;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Clock clock;

    /** @param path the path Twilio posted to, which its signature covers: /webhook or /webhook-fallback */
    InboundWebhook(SignedForm signedForm, String path, ParentRepository parents, ConversationRepository conversations,
                   Transactions transactions, Outbox outbox, OutboxRelay relay, Clock clock) {
        this.signedForm = signedForm;
        this.path = path;
        this.parents = parents;
        this.conversations = conversations;
        this.transactions = transactions;
        this.outbox = outbox;
        this.relay = relay;
        this.clock = clock;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        Map<String, String> form = signedForm.read(request, path).orElse(null);
        if (form == null) {
            return SignedForm.forbidden(request);
        }
        String messageSid = form.getOrDefault("MessageSid", "").trim();
        String phone = form.getOrDefault("From", "").trim().replaceFirst("^whatsapp:", "");
        if (messageSid.isEmpty() || !E164.matcher(phone).matches()) {
            return HttpResponse.error(400, "invalid_webhook", "MessageSid and a WhatsApp From number are required",
                    request.requestId(), null);
        }
        transactions.inTransaction(() -> record(messageSid, phone, form)).ifPresentOrElse(relay::publish,
                () -> LOG.atInfo().addKeyValue("twilio_sid", messageSid).log("Repeated delivery; already stored"));
        return SignedForm.emptyTwiml();
    }

    /** @return the new job, or empty when this MessageSid was stored before */
    private Optional<Outbox.Pending> record(String messageSid, String phone, Map<String, String> form) {
        Optional<Parent> parent = parents.findByPhone(phone);
        Long parentId = parent.map(Parent::id).orElse(null);
        Long conversationId = parent.map(p -> conversations.live(p.id())
                .map(ConversationRepository.LiveConversation::id)
                .orElseGet(() -> conversations.openLive(p.id(), null))).orElse(null);
        List<Map<String, String>> media = media(form);
        Optional<Long> messageId = conversations.insertInbound(conversationId, parentId, phone,
                form.getOrDefault("Body", ""), media, messageSid);
        if (messageId.isEmpty()) {
            return Optional.empty();
        }
        if (conversationId != null) {
            conversations.openWindow(conversationId, clock.instant());
        }
        if (parentId != null && !applyOptOut(parent.get(), messageId.get(), form.getOrDefault("Body", ""))) {
            LOG.atInfo().addKeyValue("message_id", messageId.get()).log("Parent opted out; message ignored");
            return Optional.empty();
        }
        LOG.atInfo().addKeyValue("message_id", messageId.get()).addKeyValue("phone", Mask.phone(phone))
                .addKeyValue("known_parent", parentId != null).addKeyValue("media", media.size())
                .log("WhatsApp message received");
        return outbox.add(new Job.InboundMessage(phone, messageSid, messageId.get(), conversationId));
    }

    /**
     * STOP or START changes the opt-out now; the parent's message shows they are reachable.
     *
     * @return false when the parent is opted out and this message is not START: stored as ignored, no job
     */
    private boolean applyOptOut(Parent parent, long messageId, String body) {
        if (parent.unreachableSince() != null) {
            parents.clearUnreachable(parent.id());
        }
        switch (OptOutKeywords.classify(body)) {
            case OPT_OUT -> setOptedOut(parent.id(), true);
            case OPT_IN -> setOptedOut(parent.id(), false);
            case NONE -> {
                if (parent.optedOutAt() != null) {
                    conversations.settleReceived(List.of(messageId), MessageStatus.IGNORED);
                    return false;
                }
            }
        }
        return true;
    }

    private void setOptedOut(long parentId, boolean optedOut) {
        parents.setOptedOut(parentId, optedOut);
        LOG.atInfo().addKeyValue("parent_id", parentId).addKeyValue("opted_out", optedOut).log("Opt-out changed");
    }

    private static List<Map<String, String>> media(Map<String, String> form) {
        int count;
        try {
            count = Integer.parseInt(form.getOrDefault("NumMedia", "0").trim());
        } catch (NumberFormatException e) {
            count = 0;
        }
        List<Map<String, String>> media = new ArrayList<>();
        if (form.containsKey("Latitude")) {
            // Where the parent is stays with Twilio: the assistant is told a location came, not which.
            media.add(Map.of("content_type", "location"));
        }
        for (int i = 0; i < Math.min(count, 10); i++) {
            String url = form.get("MediaUrl" + i);
            if (url != null) {
                Map<String, String> item = new LinkedHashMap<>();
                item.put("url", url);
                item.put("content_type", form.getOrDefault("MediaContentType" + i, "application/octet-stream"));
                media.add(item);
            }
        }
        return media;
    }
}
