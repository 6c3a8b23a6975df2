package uk.clubreg.chasers;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.assistant.ConversationSettings;
import uk.clubreg.assistant.guided.GuidedTexts;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobHandler;
import uk.clubreg.messaging.WhatsAppReplies;
import uk.clubreg.parents.Parent;
import uk.clubreg.players.Player;
import uk.clubreg.players.PlayerRepository;

/**
 * send_reminder: one message to the parent naming the children the reminder is about, as they are now (one
 * finished meanwhile is left out); free-form in the parent's window, the reminder template outside it. Once per
 * parent and day, whatever the retries.
 */
final class ReminderJob implements JobHandler<Job.SendReminder> {

    private static final Logger LOG = LoggerFactory.getLogger(ReminderJob.class);

    private final PlayerRepository players;
    private final ConversationRepository conversations;
    private final WhatsAppReplies replies;
    private final ConversationSettings settings;

    ReminderJob(PlayerRepository players, ConversationRepository conversations, WhatsAppReplies replies,
                ConversationSettings settings) {
        this.players = players;
        this.conversations = conversations;
        this.replies = replies;
        this.settings = settings;
    }

    @Override
    public void handle(Job.SendReminder job) {
        List<Player> children = players.inConversation(job.conversationId()).stream()
                .filter(player -> job.playerIds().contains(player.id()) && player.unfinished()).toList();
        if (children.isEmpty()) {
            LOG.atInfo().addKeyValue("conversation_id", job.conversationId())
                    .log("Every registration of the reminder is finished; nothing sent");
            return;
        }
        Parent parent = conversations.find(job.conversationId()).orElseThrow().parent();
        replies.remind(job.conversationId(), job.deduplicationId(), Chasers.reminderText(
                GuidedTexts.of(settings.languageOf(parent.language())), parent.firstName(), children), children);
    }
}
