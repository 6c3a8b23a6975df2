package uk.clubreg.assistant.guided;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.clubreg.assistant.ConversationFixtures;
import uk.clubreg.assistant.ConversationFixtures.Family;
import uk.clubreg.assistant.RecordingReplies;
import uk.clubreg.assistant.RegistrationConversation;
import uk.clubreg.conversations.Reply;
import uk.clubreg.persistence.Database;
import uk.clubreg.persistence.Jdbc;
import uk.clubreg.photos.FolderPhotoStore;
import uk.clubreg.photos.InboundMedia;
import uk.clubreg.photos.PhotoRepository;
import uk.clubreg.photos.PlayerPhotos;
import uk.clubreg.testsupport.TestPostgres;

/**
 * Guided mode's photo step (PLAYER_PHOTO_REQUIRED, docs/decisions/0115-player-photo.md): asked after the kit size,
 * never answered by typing, taken whenever it comes while the details are collected, and each refusal says why.
 */
class GuidedPhotoStepIT {

    private static final byte[] JPEG = jpeg();

    @TempDir
    Path folder;
    private Database database;
    private ConversationFixtures fixtures;
    private RecordingReplies replies;
    private RegistrationConversation engine;
    /** What the fake Twilio media URL answers next. */
    private final AtomicReference<InboundMedia.Fetched> twilio = new AtomicReference<>();

    @BeforeEach
    void start() {
        database = TestPostgres.freshDatabase();
        fixtures = new ConversationFixtures(database);
        fixtures.requirePhotos();
        replies = new RecordingReplies(database);
        PlayerPhotos photos = new PlayerPhotos(new PhotoRepository(new Jdbc(database)), new FolderPhotoStore(folder),
                (url, maxBytes, timeout) -> twilio.get(), PlayerPhotos.Fetching.DEFAULT, ConversationFixtures.CLOCK);
        engine = fixtures.engine(new GuidedResponder(fixtures.context()), replies, photos,
                ConversationFixtures.SETTINGS, ConversationFixtures.CLOCK);
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void thePhotoIsAskedLastAndOnlyAPhotoAnswersIt() {
        Family family = fixtures.family("+447700900231", null, "Seb");

        assertThat(everythingButThePhoto(family).text()).contains("head-and-shoulders photo of Seb")
                .doesNotContain("complete");
        assertThat(say(family, "I will send it later").text())
                .contains("I need the photo itself", "head-and-shoulders photo of Seb");
        twilio.set(new InboundMedia.Fetched.Bytes(JPEG, "image/jpeg"));
        Reply kept = sendPhoto(family);

        assertThat(kept.text()).contains("Thank you, we have Seb's photo.",
                "Seb's registration with Panthers for 2026-27 is complete");
        assertThat(fixtures.player(family.playerId(), "registration_status")).isEqualTo("completed");
        assertThat(fixtures.value("SELECT content_type FROM player_photos")).isEqualTo("image/jpeg");
    }

    @Test
    void aPhotoSentEarlyIsKeptAndTheQuestionAskedIsAskedAgain() {
        Family family = fixtures.family("+447700900233", null, "Seb");
        say(family, "Yes");
        assertThat(say(family, "No").text()).contains("date of birth");
        twilio.set(new InboundMedia.Fetched.Bytes(JPEG, "image/jpeg"));

        Reply reply = sendPhoto(family);

        assertThat(reply.text()).startsWith("Thank you, we have Seb's photo.").contains("What is Seb's date of birth?");
        assertThat(fixtures.value("SELECT count(*) FROM player_photos")).isEqualTo("1");
    }

    @Test
    void eachRefusalSaysWhyAndTheParentIsAskedForThePhotoAgain() {
        Family family = fixtures.family("+447700900235", null, "Seb");
        everythingButThePhoto(family);

        twilio.set(new InboundMedia.Fetched.TooLarge());
        assertThat(sendPhoto(family).text()).contains("too large", "under 5 MB", "head-and-shoulders photo of Seb");
        twilio.set(new InboundMedia.Fetched.Bytes("%PDF-1.7".getBytes(StandardCharsets.UTF_8), "image/jpeg"));
        assertThat(sendPhoto(family).text()).contains("couldn't use that file", "JPEG, PNG or HEIC");
        twilio.set(new InboundMedia.Fetched.Failed("HTTP 404", false));
        assertThat(sendPhoto(family).text()).contains("didn't reach us", "send it again");

        assertThat(fixtures.value("SELECT count(*) FROM player_photos")).isEqualTo("0");
        assertThat(fixtures.player(family.playerId(), "registration_status")).isEqualTo("confirmed");
    }

    @Test
    void aVoiceNoteWhenThePhotoIsExpectedIsAskedToBeTypedAndNothingIsFetched() {
        Family family = fixtures.family("+447700900237", null, "Seb");
        everythingButThePhoto(family);
        twilio.set(null); // a fetch would find nothing to answer with

        fixtures.inboundMedia(family, "audio/ogg");
        engine.respond(family.conversationId());

        assertThat(replies.lastReplyTo(family.conversationId()).text()).contains("please type your answer",
                "head-and-shoulders photo of Seb");
    }

    /** Seb's registration up to the kit size: the reply asks for the photo. */
    private Reply everythingButThePhoto(Family family) {
        for (String answer : new String[] {"Yes", "No", "14/03/2016", "none", "Jo Parent", "07700 900239", "Yes"}) {
            say(family, answer);
        }
        return say(family, "7");
    }

    private Reply say(Family family, String text) {
        fixtures.inbound(family, text);
        engine.respond(family.conversationId());
        return replies.lastReplyTo(family.conversationId());
    }

    private Reply sendPhoto(Family family) {
        fixtures.inboundMedia(family, "image/jpeg");
        engine.respond(family.conversationId());
        return replies.lastReplyTo(family.conversationId());
    }

    private static byte[] jpeg() {
        byte[] bytes = Arrays.copyOf(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}, 512);
        Arrays.fill(bytes, 4, bytes.length, (byte) 1);
        return bytes;
    }
}
