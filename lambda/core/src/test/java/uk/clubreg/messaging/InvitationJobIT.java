package uk.clubreg.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobHandler;
import uk.clubreg.testsupport.LogCapture;

class InvitationJobIT {

    private static final String PARENT = "+447700900123";

    private final MessagingHarness harness = new MessagingHarness();
    private final JobHandler<Job.SendInvitation> jobs = harness.messaging().invitationJob();

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aNewInvitationSendsTheInviteTemplateWithAllNineVariables() {
        long invitation = invitationFor(harness.parent(PARENT, "Sam"), "new");

        jobs.handle(sendInvitation(invitation));

        assertThat(harness.twilio.sentForms()).singleElement().isEqualTo(Map.of(
                "To", "whatsapp:" + PARENT,
                "From", MessagingHarness.FROM,
                "ContentSid", MessagingHarness.INVITE_SID,
                "ContentVariables", """
                        {"1":"Sam","2":"Seb","3":"Panthers","4":"U11","5":"2026-27","6":"40","7":"26.50",\
                        "8":"Alex Morgan","9":"07700 900456"}""",
                "StatusCallback", MessagingHarness.PUBLIC_BASE_URL + "/status"));
    }

    @Test
    void aReinvitationOfTheSamePlayerUsesTheExistingRegistrationTemplateOncePerRound() {
        long invitation = invitationFor(harness.parent(PARENT, "Sam"), "existing");
        jobs.handle(sendInvitation(invitation));

        jobs.handle(new Job.SendInvitation(PARENT, invitation, 1));
        jobs.handle(new Job.SendInvitation(PARENT, invitation, 1));

        assertThat(harness.twilio.sentForms()).extracting(form -> form.get("ContentSid"))
                .containsExactly(MessagingHarness.INVITE_SID, MessagingHarness.EXISTING_SID);
        assertThat(harness.count("SELECT count(*) FROM messages WHERE idempotency_key = ?",
                "invitation:" + invitation + ":1")).isEqualTo(1);
    }

    @Test
    void absentOptionalDetailsAreFilledWithFallbacksThatReadWell() {
        long parent = harness.insert("INSERT INTO parents (phone_e164) VALUES (?) RETURNING id", PARENT);
        long player = harness.playerWithoutOptionalFields(parent, harness.conversation(parent, null), "Seb");
        long invitation = harness.invitation(player, "new");

        jobs.handle(sendInvitation(invitation));

        assertThat(harness.twilio.sentForms()).singleElement()
                .extracting(form -> form.get("ContentVariables")).isEqualTo("""
                        {"1":"there","2":"Seb","3":"Panthers","4":"(age group TBC)","5":"2026-27","6":"TBC",\
                        "7":"TBC","8":"your team manager","9":"the club"}""");
    }

    @Test
    void theInvitationIsRecordedAsAnOutboundTemplateWithTwiliosSid() {
        long invitation = invitationFor(harness.parent(PARENT, "Sam"), "new");

        jobs.handle(sendInvitation(invitation));

        assertThat(harness.queryString("""
                SELECT kind || '/' || status || '/' || content_sid || '/' || (twilio_sid LIKE 'SM%')
                FROM messages WHERE idempotency_key = ?""", "invitation:" + invitation))
                .isEqualTo("template/queued/" + MessagingHarness.INVITE_SID + "/true");
    }

    @Test
    void aRedeliveredInvitationJobSendsNothingMore() {
        long invitation = invitationFor(harness.parent(PARENT, "Sam"), "new");

        jobs.handle(sendInvitation(invitation));
        jobs.handle(sendInvitation(invitation));

        assertThat(harness.twilio.sentForms()).hasSize(1);
    }

    @Test
    void aTwilioServerErrorFailsTheJobAndItsRetrySendsExactlyOneMessage() {
        long invitation = invitationFor(harness.parent(PARENT, "Sam"), "new");
        harness.twilio.failsOnceWith(500);

        assertThatThrownBy(() -> jobs.handle(sendInvitation(invitation))).isInstanceOf(SendFailedException.class);
        assertThat(statusOf(invitation)).isEqualTo("failed_to_send");
        jobs.handle(sendInvitation(invitation));
        jobs.handle(sendInvitation(invitation));

        assertThat(harness.twilio.sentForms()).hasSize(2);
        assertThat(statusOf(invitation)).isEqualTo("queued");
        assertThat(harness.count("SELECT count(*) FROM messages WHERE direction = 'outbound'")).isEqualTo(1);
    }

    @Test
    void twilioRateLimitingFailsTheJobAndItsRetrySendsExactlyOneMessage() {
        long invitation = invitationFor(harness.parent(PARENT, "Sam"), "new");
        harness.twilio.failsOnceWith(429);

        assertThatThrownBy(() -> jobs.handle(sendInvitation(invitation))).isInstanceOf(SendFailedException.class);
        jobs.handle(sendInvitation(invitation));

        assertThat(harness.twilio.sentForms()).hasSize(2);
        assertThat(statusOf(invitation)).isEqualTo("queued");
    }

    @Test
    void aNumberTwilioRefusesIsMarkedFailedAndTheJobIsNotRetried() {
        long invitation = invitationFor(harness.parent(PARENT, "Sam"), "new");
        harness.twilio.rejectsWith(21211);

        try (LogCapture logs = LogCapture.capture()) {
            jobs.handle(sendInvitation(invitation));
            jobs.handle(sendInvitation(invitation));

            assertThat(logs.lines()).filteredOn(line -> line.contains("\"alarm\":\"MessagesRefused\""))
                    .singleElement().asString().contains("\"error_code\":21211");
        }

        assertThat(harness.twilio.sentForms()).hasSize(1);
        assertThat(harness.queryString("SELECT status || '/' || error_code FROM messages WHERE idempotency_key = ?",
                "invitation:" + invitation)).isEqualTo("failed/21211");
    }

    @Test
    void aSendCutOffBeforeTwiliosAnswerWasSavedIsMarkedUnknownAndNeverRepeated() {
        long invitation = invitationFor(harness.parent(PARENT, "Sam"), "new");
        harness.execute("""
                INSERT INTO messages (phone_e164, direction, kind, idempotency_key, status, updated_at)
                VALUES (?, 'outbound', 'template', ?, 'sending', now() - interval '10 minutes')""",
                PARENT, "invitation:" + invitation);

        jobs.handle(sendInvitation(invitation));

        assertThat(harness.twilio.sentForms()).isEmpty();
        assertThat(statusOf(invitation)).isEqualTo("unknown");
    }

    @Test
    void aSendStillInFlightMakesTheRetryWaitRatherThanSendAgain() {
        long invitation = invitationFor(harness.parent(PARENT, "Sam"), "new");
        harness.execute("""
                INSERT INTO messages (phone_e164, direction, kind, idempotency_key, status)
                VALUES (?, 'outbound', 'template', ?, 'sending')""", PARENT, "invitation:" + invitation);

        assertThatThrownBy(() -> jobs.handle(sendInvitation(invitation)))
                .isInstanceOf(OutboundMessages.SendInProgressException.class);
        assertThat(harness.twilio.sentForms()).isEmpty();
    }

    @Test
    void anOptedOutParentIsNotInvited() {
        long parent = harness.parent(PARENT, "Sam");
        harness.execute("UPDATE parents SET opted_out_at = now() WHERE id = ?", parent);
        long invitation = invitationFor(parent, "new");

        jobs.handle(sendInvitation(invitation));

        assertThat(harness.twilio.sentForms()).isEmpty();
    }

    private long invitationFor(long parent, String kind) {
        long conversation = harness.conversation(parent, null);
        return harness.invitation(harness.player(parent, conversation, "Seb"), kind);
    }

    private String statusOf(long invitation) {
        return harness.queryString("SELECT status FROM messages WHERE idempotency_key = ?", "invitation:" + invitation);
    }

    private static Job.SendInvitation sendInvitation(long invitationId) {
        return new Job.SendInvitation(PARENT, invitationId, 0);
    }
}
