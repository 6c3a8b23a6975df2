package uk.clubreg.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.clubreg.conversations.InboundMessage;
import uk.clubreg.conversations.InboundMessage.PhotoReceipt;
import uk.clubreg.jobs.Deadline;
import uk.clubreg.players.Player;
import uk.clubreg.players.RequiredDetails;
import uk.clubreg.testsupport.Players;

/** What the AI is told about the player's photo (docs/decisions/0115-player-photo.md), and what it never gets. */
class PhotoInstructionsTest {

    @Test
    void aChildWhoseClubRequiresAPhotoMissesItAndTheModelIsToldHowItArrives() {
        String instructions = Instructions.forTurn(ConversationFixtures.SETTINGS, turn(Players.needingAPhoto(),
                List.of()));

        assertThat(instructions).contains("\"missing\":[\"player_photo\"]", Instructions.PHOTO);
        assertThat(RequiredDetails.missing(Players.needingAPhoto())).containsExactly("player_photo");
    }

    @Test
    void aClubThatDoesNotRequireOneSaysNothingAboutIt() {
        String instructions = Instructions.forTurn(ConversationFixtures.SETTINGS, turn(Players.under11(), List.of()));

        assertThat(instructions).doesNotContain("player_photo");
        assertThat(RequiredDetails.names(false)).doesNotContain("player_photo");
        assertThat(RequiredDetails.names(true)).endsWith("player_photo");
    }

    @Test
    void theModelReadsWhatBecameOfThePhotoNeverAnEmptyMessage() {
        InboundMessage.Attachment photo = new InboundMessage.Attachment("image/jpeg", "https://api.twilio.com/x");
        InboundMessage kept = message(List.of(photo)).withPhoto(new PhotoReceipt(PhotoReceipt.Outcome.STORED, "Seb"));
        InboundMessage tooLarge = message(List.of(photo))
                .withPhoto(new PhotoReceipt(PhotoReceipt.Outcome.TOO_LARGE, "Seb"));
        InboundMessage voiceNote = message(List.of(new InboundMessage.Attachment("audio/ogg", "https://x")));
        InboundMessage location = message(List.of(new InboundMessage.Attachment("location", null)));

        assertThat(turn(Players.needingAPhoto(), List.of(kept, tooLarge, voiceNote, location)).text()).isEqualTo("""
                [photo of Seb, kept for the registration]
                [photo over 5 MB, not kept: ask for a smaller one]
                [voice note]
                [location]""");
        assertThat(message(List.of()).text()).isEqualTo("[a message with no text]");
        assertThat(location.photoCandidate()).isEmpty();
        assertThat(voiceNote.photoCandidate()).isEmpty();
    }

    private static InboundMessage message(List<InboundMessage.Attachment> attachments) {
        return new InboundMessage(1, 1L, 1L, "+447700900611", null, attachments, java.time.Instant.EPOCH, null);
    }

    private static Turn turn(Player player, List<InboundMessage> messages) {
        return new Turn(1, "Lee", List.of(player), messages, Set.of(), Map.of(), null, null, null, Deadline.NONE,
                null, "en", null);
    }
}
