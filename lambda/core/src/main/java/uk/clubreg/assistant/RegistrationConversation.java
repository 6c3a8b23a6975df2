package uk.clubreg.assistant;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.assistant.guided.GuidedTexts;
import uk.clubreg.conversations.Conversation;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.conversations.InboundMessage;
import uk.clubreg.conversations.MessageStatus;
import uk.clubreg.conversations.Reply;
import uk.clubreg.jobs.Deadline;
import uk.clubreg.messaging.WhatsAppReplies;
import uk.clubreg.persistence.Transactions;
import uk.clubreg.photos.PlayerPhotos;
import uk.clubreg.players.PlayerRepository;

/**
 * The conversation engine: answers every unanswered message of a conversation as one turn, through a
 * {@link Responder} (the AI or the guided dialogue).
 *
 * <ul>
 *   <li>A turn starts at once, with every message received so far. Messages that arrive while it is decided are
 *       folded in before anything is sent: they are decided as the next step of the same turn, told that the reply
 *       decided so far was not sent, and only the last reply goes out, carrying the tokens of the whole burst
 *       (docs/decisions/0016-bursts-folded-without-waiting.md). The other jobs of the burst find nothing left.</li>
 *   <li>The decided reply is stored with the answered marks in one transaction, then sent with an idempotency key
 *       from the last message id: a retried job re-sends the stored reply, never decides or sends twice.</li>
 *   <li>After request_human_help the assistant is silent: messages are kept as 'held' until a person releases the
 *       conversation; then they are answered (docs/decisions/0063-hand-offs-and-staff-notices.md).</li>
 *   <li>When the AI is unavailable the job fails (back to the queue, messages stay unanswered); once the parent has
 *       waited {@code holdingAfter} they get one holding message for the whole outage. A turn that cannot be
 *       decided before the job's deadline (less {@link #REPLY_RESERVE}) ends the same way, never as a killed
 *       function (docs/decisions/0083-turn-deadline.md).</li>
 *   <li>A photo a registration expects is fetched, checked and kept before the turn is decided, and the message
 *       says what became of it (docs/decisions/0115-player-photo.md).</li>
 *   <li>A responder that decides locally (guided mode) writes in the transaction that records its turn, so a
 *       failure between the two leaves neither (docs/decisions/0084-atomic-guided-turns.md).</li>
 * </ul>
 */
public final class RegistrationConversation implements ConversationEngine {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationConversation.class);
    /** A parent who keeps typing still gets a reply: after this many folds the last decision is sent. */
    private static final int MAX_FOLDS = 3;
    /** Kept from the job's deadline to store the turn and send its reply. */
    public static final Duration REPLY_RESERVE = Duration.ofSeconds(15);
    /** Less than this left for the responder: the turn is not started. */
    static final Duration SHORTEST_TURN = Duration.ofSeconds(2);

    /** A reply decided and stored, with the messages that arrived meanwhile. */
    private record Decided(Reply reply, List<InboundMessage> arrivedMeanwhile) {}

    private final Transactions transactions;
    private final PlayerRepository players;
    private final ConversationRepository conversations;
    private final Responder responder;
    private final WhatsAppReplies replies;
    private final PlayerPhotos photos;
    private final ConversationSettings settings;
    private final Clock clock;

    public RegistrationConversation(Transactions transactions, PlayerRepository players,
                                    ConversationRepository conversations, Responder responder,
                                    WhatsAppReplies replies, PlayerPhotos photos, ConversationSettings settings,
                                    Clock clock) {
        this.transactions = transactions;
        this.players = players;
        this.conversations = conversations;
        this.responder = responder;
        this.replies = replies;
        this.photos = photos;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void respond(long conversationId) {
        respond(conversationId, Deadline.NONE);
    }

    @Override
    public void respond(long conversationId, Deadline deadline) {
        Deadline decideBy = deadline.minus(REPLY_RESERVE);
        sendDecidedTurns(conversationId);
        List<InboundMessage> burst = untilOptKeyword(conversations.received(conversationId));
        Reply unsent = null;
        // Messages folded in were written before the parent saw this turn's reply: the same responder reads them.
        Responder chosen = null;
        for (int fold = 0; !burst.isEmpty() && fold <= MAX_FOLDS; fold++) {
            Conversation conversation = conversations.find(conversationId)
                    .orElseThrow(() -> new IllegalStateException("No conversation " + conversationId));
            if (conversation.waitingForPerson()) {
                conversations.settleReceived(ids(burst), MessageStatus.HELD);
                LOG.atInfo().addKeyValue("conversation_id", conversationId).addKeyValue("messages", burst.size())
                        .log("Messages held for the team manager");
                break;
            }
            if (decideBy.remaining().compareTo(SHORTEST_TURN) < 0) {
                if (unsent != null) {
                    break; // what is decided goes out; the messages that arrived meanwhile are answered by their jobs
                }
                holdingMessageIfDue(conversation, burst.getFirst().receivedAt());
                throw new ResponderUnavailableException("No time left to decide the turn before the job's deadline",
                        null);
            }
            burst = photos.receive(burst, players.inConversation(conversationId), decideBy);
            Turn turn = new Turn(conversationId, conversation.parent().firstName(),
                    players.inConversation(conversationId), burst, players.reinvitedUnanswered(conversationId),
                    players.lastSeasonOf(conversationId), conversation.openAiConversationId(), unsent,
                    conversation.guidedPrompt(), decideBy, null, conversation.parent().language(),
                    conversation.languageOffered());
            Responder deciding = chosen == null ? responder.forTurn(turn) : chosen;
            chosen = deciding;
            List<InboundMessage> decidedBurst = burst;
            Reply earlier = unsent;
            int folds = fold;
            Decided decided = deciding.decidesLocally()
                    ? transactions.inTransaction(() -> decide(deciding, conversation, turn, decidedBurst, earlier, folds))
                    : decide(deciding, conversation, turn, decidedBurst, earlier, folds);
            burst = decided.arrivedMeanwhile();
            unsent = decided.reply();
        }
        sendDecidedTurns(conversationId);
    }

    private Decided decide(Responder deciding, Conversation conversation, Turn turn, List<InboundMessage> burst,
                           Reply unsent, int fold) {
        long conversationId = conversation.id();
        Reply reply;
        try {
            reply = deciding.respond(turn);
        } catch (ResponderUnavailableException e) {
            holdingMessageIfDue(conversation, burst.getFirst().receivedAt());
            throw e;
        }
        if (conversation.aiUnavailableSince() != null) {
            conversations.endOutage(conversationId);
        }
        if (unsent != null) {
            reply = reply.withUsage(reply.inputTokens() + unsent.inputTokens(),
                    reply.outputTokens() + unsent.outputTokens());
        }
        LOG.atInfo().addKeyValue("conversation_id", conversationId).addKeyValue("engine", deciding.engine())
                .addKeyValue("messages", burst.size()).addKeyValue("folded", fold)
                .addKeyValue("input_tokens", reply.inputTokens()).addKeyValue("output_tokens", reply.outputTokens())
                .log("Turn decided");
        return new Decided(reply, saveTurn(conversation, burst, deciding.engine(), reply, unsent != null));
    }

    /**
     * Records the reply to a burst and marks its messages answered, in one transaction: from here on the turn is
     * decided, and a retry sends this reply rather than deciding again. A reply decided earlier in the same turn
     * and not sent is folded into this one (it will never be sent).
     *
     * @return the messages that arrived meanwhile, to be folded into this turn before its reply is sent
     */
    private List<InboundMessage> saveTurn(Conversation conversation, List<InboundMessage> burst, String engine,
                                          Reply reply, boolean foldsUnsent) {
        long conversationId = conversation.id();
        return transactions.inTransaction(() -> {
            long turnId = conversations.insertTurn(conversationId, burst.getLast().id(), engine, reply);
            acknowledgement(conversation, burst).ifPresent(message -> players.acknowledgeDataProcessing(
                    conversationId, new PlayerRepository.ConsentEvidence(settings.consentWordingVersion(), message)));
            if (foldsUnsent) {
                conversations.foldUnsentTurnsInto(conversationId, turnId);
            }
            conversations.settleReceived(ids(burst), MessageStatus.ANSWERED);
            conversations.forgetToolWrites(conversationId, ids(burst));
            return untilOptKeyword(conversations.received(conversationId));
        });
    }

    /**
     * The parent's first message written after the privacy notice was sent, if this burst has one: the parent carried
     * on having had it, which is recorded as their acknowledgement of the data processing.
     */
    private static Optional<Long> acknowledgement(Conversation conversation, List<InboundMessage> burst) {
        Instant sent = conversation.privacyNoticeSentAt();
        return sent == null ? Optional.empty() : burst.stream()
                .filter(message -> message.receivedAt().isAfter(sent)).map(InboundMessage::id).findFirst();
    }

    /**
     * Sends the decided replies; the first of a conversation begins with the club's privacy notice, if it has one
     * (docs/decisions/0095-consent-records.md). A retry re-sends under the same key, so the notice goes once.
     */
    private void sendDecidedTurns(long conversationId) {
        for (ConversationRepository.DecidedTurn turn : conversations.unsentTurns(conversationId)) {
            boolean notice = settings.privacyNoticeUrl() != null && !conversations.privacyNoticeSent(conversationId);
            Reply reply = turn.reply();
            if (notice) {
                reply = new Reply(privacyNotice(conversationId) + "\n\n" + reply.text(), reply.quickReplies(),
                        reply.inputTokens(), reply.outputTokens());
            }
            replies.reply(conversationId, "reply:" + turn.lastInboundMessageId(), reply);
            conversations.markTurnSent(turn.id());
            if (notice) {
                conversations.markPrivacyNoticeSent(conversationId);
            }
        }
    }

    /** In the language the parent has when it is sent (the turn may just have chosen it). */
    private String privacyNotice(long conversationId) {
        return texts(conversations.find(conversationId).orElseThrow()).text("privacy_notice",
                Map.of("club", settings.clubName(), "url", settings.privacyNoticeUrl()));
    }

    private GuidedTexts texts(Conversation conversation) {
        return GuidedTexts.of(settings.languageOf(conversation.parent().language()));
    }

    private static List<Long> ids(List<InboundMessage> messages) {
        return messages.stream().map(InboundMessage::id).toList();
    }

    /**
     * STOP and START are the inbox's to answer, in the job for that message: a burst ends before one, so an
     * opt-out is never answered by the assistant or lost inside a turn.
     */
    private static List<InboundMessage> untilOptKeyword(List<InboundMessage> received) {
        return received.stream()
                .takeWhile(message -> OptOutKeywords.classify(message.body()) == OptOutKeywords.NONE)
                .toList();
    }


    /**
     * The wait is counted from the parent's point of view: from the oldest unanswered message, or from the first
     * failure when that is older (a message that arrived during an outage).
     */
    private void holdingMessageIfDue(Conversation conversation, Instant oldestMessage) {
        Instant now = clock.instant();
        Instant since = conversations.startOutage(conversation.id(), now);
        Instant waitingSince = oldestMessage.isBefore(since) ? oldestMessage : since;
        boolean due = conversation.holdingMessageSentAt() == null
                && Duration.between(waitingSince, now).compareTo(settings.holdingAfter()) >= 0;
        LOG.atWarn().addKeyValue("conversation_id", conversation.id()).addKeyValue("unavailable_since", since)
                .addKeyValue("holding_message", due).log("AI unavailable; the turn goes back to the queue");
        if (due) {
            replies.reply(conversation.id(), "holding:" + conversation.id() + ":" + since.toEpochMilli(),
                    Reply.text(texts(conversation).text("holding", Map.of("assistant", settings.assistantName(),
                            "club", settings.clubName()))));
            conversations.markHoldingMessageSent(conversation.id(), now);
        }
    }
}
