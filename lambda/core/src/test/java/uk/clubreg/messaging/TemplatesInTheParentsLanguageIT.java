package uk.clubreg.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.conversations.Reply;
import uk.clubreg.jobs.Job;

/**
 * A template the business sends later goes in the parent's language when the club has a SID for it
 * (TWILIO_*_CONTENT_SID_<LANG>), and in the default language otherwise; a first invitation always in the default.
 */
class TemplatesInTheParentsLanguageIT {

    private static final String PARENT = "+447700900801";
    private static final String FOLLOW_UP_PL = "HX0000000000000000000000000000f0pl";
    private static final String REMINDER = "HX000000000000000000000000000000re";
    private static final String REMINDER_PL = "HX0000000000000000000000000000repl";
    private static final String EXISTING_PL = "HX0000000000000000000000000000expl";
    private static final Map<String, String> POLISH_TEMPLATES = Map.of("TWILIO_FOLLOW_UP_CONTENT_SID_PL", FOLLOW_UP_PL,
            "TWILIO_REMINDER_CONTENT_SID", REMINDER, "TWILIO_REMINDER_CONTENT_SID_PL", REMINDER_PL,
            "TWILIO_EXISTING_CONTENT_SID_PL", EXISTING_PL);

    private final MessagingHarness harness = new MessagingHarness();
    private final Messaging messaging = harness.messaging(harness.config(POLISH_TEMPLATES));

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void theFollowUpAndAReminderOutsideTheWindowAreThePolishTemplatesForAParentWhoChosePolish() {
        long conversation = conversationOf(parentIn("pl"));

        messaging.replies().reply(conversation, "reply:1", Reply.text("Czy Seb grał w zeszłym sezonie?"));
        messaging.replies().remind(conversation, "reminder:1", "unused outside the window",
                harness.repositories.players().inConversation(conversation));

        assertThat(harness.twilio.sentForms()).extracting(form -> form.get("ContentSid"))
                .containsExactly(FOLLOW_UP_PL, REMINDER_PL);
    }

    @Test
    void aParentInALanguageWithoutItsOwnTemplatesGetsTheDefaultOnes() {
        long conversation = conversationOf(parentIn("ro"));

        messaging.replies().reply(conversation, "reply:1", Reply.text("Mai sunt corecte?"));
        messaging.replies().remind(conversation, "reminder:1", "unused outside the window",
                harness.repositories.players().inConversation(conversation));

        assertThat(harness.twilio.sentForms()).extracting(form -> form.get("ContentSid"))
                .containsExactly(MessagingHarness.FOLLOW_UP_SID, REMINDER);
    }

    @Test
    void aFirstInvitationIsTheDefaultTemplateAndAReinvitationThePolishOne() {
        long parent = parentIn("pl");
        long invitation = harness.invitation(harness.player(parent, harness.conversation(parent, null), "Seb"), "existing");

        messaging.invitationJob().handle(new Job.SendInvitation(PARENT, invitation, 0));
        messaging.invitationJob().handle(new Job.SendInvitation(PARENT, invitation, 1));

        assertThat(harness.twilio.sentForms()).extracting(form -> form.get("ContentSid"))
                .containsExactly(MessagingHarness.INVITE_SID, EXISTING_PL);
    }

    private long parentIn(String language) {
        long parent = harness.parent(PARENT, "Sam");
        harness.execute("UPDATE parents SET language = ? WHERE id = ?", language, parent);
        return parent;
    }

    private long conversationOf(long parent) {
        long conversation = harness.conversation(parent, MessagingHarness.NOW.minus(Duration.ofDays(2)));
        harness.player(parent, conversation, "Seb");
        return conversation;
    }
}
