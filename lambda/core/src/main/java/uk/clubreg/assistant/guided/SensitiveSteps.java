package uk.clubreg.assistant.guided;

import java.util.List;
import uk.clubreg.assistant.Responder;
import uk.clubreg.assistant.ResponderContext;
import uk.clubreg.assistant.ResponderFactory;
import uk.clubreg.assistant.SensitiveDetails;
import uk.clubreg.assistant.Turn;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.conversations.Reply;
import uk.clubreg.players.Player;
import uk.clubreg.players.PlayerRepository;

/**
 * AI mode with AI_SENSITIVE_DETAILS=guided (docs/decisions/0094-sensitive-details-in-guided-steps.md): the AI
 * answers until the first registration under way misses only medical notes and the emergency contact; its reply
 * then ends with the first guided question, and from there each message is answered by the guided steps, which the
 * AI never sees, until that child is registered. The guided steps then go on to the next child who is ready for
 * them, or end with a question whose answer goes back to the AI, told what the club last said.
 */
public final class SensitiveSteps implements Responder {

    private final Responder ai;
    private final GuidedResponder guided;
    private final PlayerRepository players;
    private final ConversationRepository conversations;

    private SensitiveSteps(Responder ai, ResponderContext context) {
        this.ai = ai;
        this.guided = GuidedResponder.sensitiveStepsOnly(context);
        this.players = context.players();
        this.conversations = context.conversations();
    }

    /** The AI, with the guided steps unless the club lets the model ask sensitive details (AI_SENSITIVE_DETAILS=ai). */
    public static ResponderFactory around(ResponderFactory ai) {
        return context -> context.settings().sensitiveDetails().toModel() ? ai.create(context)
                : new SensitiveSteps(ai.create(context), context);
    }

    @Override
    public String engine() {
        return ai.engine();
    }

    /**
     * The guided steps while one is due, while they wait for the answer to their offer of a person or their list of
     * languages, or when the parent asks for LANGUAGE or ENGLISH; the AI otherwise. The state alone decides, so a retried or later job chooses the same.
     */
    @Override
    public Responder forTurn(Turn turn) {
        return turn.guidedPrompt() != null || SensitiveDetails.stepDue(turn.players()) || guided.asksForALanguage(turn)
                ? guided : this;
    }

    /** The AI's turn; when it leaves a child with only sensitive details to give, the guided steps begin. */
    @Override
    public Reply respond(Turn turn) {
        Reply reply = ai.respond(conversations.lastTurnGuided(turn.conversationId())
                ? turn.afterClubSaid(guided.lastSaid(turn.parentFirstName(), turn.players(),
                        turn.language())) : turn);
        List<Player> now = players.inConversation(turn.conversationId());
        if (!SensitiveDetails.stepDue(now)) {
            return reply;
        }
        // The language the parent has now: the AI may have set it in this turn.
        Reply step = guided.firstSensitiveStep(now, conversations.find(turn.conversationId()).orElseThrow()
                .parent().language());
        return new Reply(reply.text() + "\n\n" + step.text(), step.quickReplies(), reply.inputTokens(),
                reply.outputTokens());
    }
}
