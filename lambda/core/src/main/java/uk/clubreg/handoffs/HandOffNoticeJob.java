package uk.clubreg.handoffs;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.conversations.Conversation;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.conversations.HandOff;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobHandler;
import uk.clubreg.messaging.StaffNotices;
import uk.clubreg.players.Player;
import uk.clubreg.players.PlayerRepository;

/**
 * hand_off_notice: the parent asked for a person. The team managers are told (the club admins when no manager has
 * a phone); an escalation goes to the club admins. Nothing is sent when the conversation was released meanwhile.
 */
final class HandOffNoticeJob implements JobHandler<Job.HandOffNotice> {

    private static final Logger LOG = LoggerFactory.getLogger(HandOffNoticeJob.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM 'at' HH:mm", Locale.UK);

    private final ConversationRepository conversations;
    private final PlayerRepository players;
    private final StaffNotices staff;
    private final ZoneId zone;

    HandOffNoticeJob(ConversationRepository conversations, PlayerRepository players, StaffNotices staff, ZoneId zone) {
        this.conversations = conversations;
        this.players = players;
        this.staff = staff;
        this.zone = zone;
    }

    @Override
    public void handle(Job.HandOffNotice job) {
        Conversation conversation = conversations.find(job.conversationId()).orElse(null);
        HandOff handOff = conversation == null ? null : conversation.handOff();
        if (handOff == null || handOff.since().toEpochMilli() != job.handOffSince()) {
            LOG.atInfo().addKeyValue("conversation_id", job.conversationId())
                    .log("Released before the notice went out; nothing sent");
            return;
        }
        List<Player> children = players.inConversation(conversation.id());
        StaffNotices.Told told = job.escalation()
                ? staff.tellClubAdmins(job.deduplicationId(), escalation(conversation, handOff, children))
                : staff.tellTeamManagers(children, job.deduplicationId(), notice(conversation, handOff, children));
        LOG.atInfo().addKeyValue("conversation_id", conversation.id()).addKeyValue("escalation", job.escalation())
                .addKeyValue("recipients", told.phones().size()).addKeyValue("club_admins", told.clubAdmins())
                .log("Hand-off notice sent");
    }

    private static String notice(Conversation conversation, HandOff handOff, List<Player> children) {
        return parent(conversation) + " asked for a person about " + Player.namesWithTeams(children) + ". Reason: "
                + handOff.reason() + ". The assistant is paused in conversation " + conversation.id()
                + " until someone releases it.";
    }

    private String escalation(Conversation conversation, HandOff handOff, List<Player> children) {
        return "Nobody has released conversation " + conversation.id() + " since " + parent(conversation)
                + " asked for a person on " + WHEN.format(handOff.since().atZone(zone)) + " about "
                + Player.namesWithTeams(children) + ". Reason: " + handOff.reason() + ". Please make sure someone "
                + "contacts them, then release the conversation.";
    }

    private static String parent(Conversation conversation) {
        String name = conversation.parent().fullName();
        return (name.isEmpty() ? "A parent" : name) + " (" + conversation.parent().phone() + ")";
    }
}
