package uk.clubreg.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobCodecTest {

    private static final String PARENT = "+447700900123";

    @Test
    void everyJobComesBackAsItWasWritten() {
        List<Job> jobs = List.of(
                new Job.SendInvitation(PARENT, 7, 0),
                new Job.SendInvitation(PARENT, 7, 2),
                new Job.InboundMessage(PARENT, "SM1", 9, 3L),
                new Job.ResendAsTemplate(PARENT, 11),
                new Job.SendReminder(PARENT, 3, List.of(4L, 5L), LocalDate.of(2026, 11, 5)),
                new Job.HandOffNotice(PARENT, 3, 1_795_000_000_000L, true),
                new Job.ResumeConversation(PARENT, 3, 1_795_000_100_000L),
                new Job.CompletionNotice(PARENT, 4),
                new Job.TeamSummary("team-summaries", "U11 Panthers", "2026-27", LocalDate.of(2026, 11, 2)),
                new Job.DeleteProcessorCopies("erasure:4", 4, List.of("SM1", "SM2"), List.of("conv_1"),
                        List.of("players/7/photo")),
                new Job.DeleteProcessorCopies("erasure:5", 5, List.of("SM3"), List.of(), List.of()));

        for (Job job : jobs) {
            assertThat(JobCodec.read(JobCodec.body(job), job.groupId(), job.deduplicationId())).isEqualTo(job);
        }
    }

    @Test
    void aFallbackPostReadsFromTheBodyApiGatewaysMappingTemplateWrites() {
        String signature = "a\"b'c+/=";
        String form = "MessageSid=SM1&Body=%22Hi%22+%27there%27&From=whatsapp%3A%2B447700900131";
        Base64.Encoder base64 = Base64.getEncoder();
        // infra's RegistrationApi.FALLBACK_TO_QUEUE, once SQS has URL-decoded it.
        String written = "{\"type\":\"fallback_webhook\",\"signature_base64\":\""
                + base64.encodeToString(signature.getBytes(StandardCharsets.UTF_8)) + "\",\"form_base64\":\""
                + base64.encodeToString(form.getBytes(StandardCharsets.UTF_8)) + "\"}";

        Job job = JobCodec.read(written, "webhook-fallback", "request-1");

        assertThat(job).isEqualTo(new Job.FallbackWebhook("webhook-fallback", "request-1", signature, form));
        assertThat(JobCodec.read(JobCodec.body(job), "webhook-fallback", "request-1")).isEqualTo(job);
    }

    @Test
    void aFirstInvitationKeepsItsEarlierWireFormAndDeduplicationId() {
        Job.SendInvitation first = new Job.SendInvitation(PARENT, 7, 0);

        assertThat(JobCodec.body(first)).isEqualTo("{\"invitation_id\":7,\"type\":\"send_invitation\"}");
        assertThat(first.deduplicationId()).isEqualTo("invitation:7");
        assertThat(new Job.SendInvitation(PARENT, 7, 1).deduplicationId()).isEqualTo("invitation:7:1");
    }

    @Test
    void aTeamSummarysDeduplicationIdHoldsOnlyCharactersSqsAllows() {
        String id = new Job.TeamSummary("team-summaries", "U11 Panthers (Girls) & Co", "2026/27",
                LocalDate.of(2026, 11, 2)).deduplicationId();

        assertThat(id).matches("[A-Za-z0-9!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~]{1,128}");
    }

    @Test
    void aReminderWithoutPlayersIsRefused() {
        assertThatThrownBy(() -> JobCodec.read("{\"type\":\"send_reminder\",\"conversation_id\":3,\"player_ids\":[],"
                + "\"day\":\"2026-11-05\"}", PARENT, "d")).isInstanceOf(IllegalArgumentException.class);
    }
}
