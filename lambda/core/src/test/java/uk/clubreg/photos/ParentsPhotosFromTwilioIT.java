package uk.clubreg.photos;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.clubreg.assistant.ConversationFixtures;
import uk.clubreg.assistant.ConversationFixtures.Family;
import uk.clubreg.config.Config;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.conversations.InboundMessage;
import uk.clubreg.conversations.InboundMessage.PhotoReceipt.Outcome;
import uk.clubreg.encryption.FieldEncryption;
import uk.clubreg.jobs.Deadline;
import uk.clubreg.persistence.Database;
import uk.clubreg.persistence.Jdbc;
import uk.clubreg.photos.twilio.TwilioMedia;
import uk.clubreg.players.Player;
import uk.clubreg.players.PlayerRepository;
import uk.clubreg.testsupport.LogCapture;
import uk.clubreg.testsupport.TestPostgres;

/**
 * A parent's photo fetched from a fake of Twilio's Media resource (WireMock) with the real adapter, checked and kept
 * in the local folder store (issue 15): a good JPEG, a PNG declared as a JPEG, a file over 5 MB (with and without a
 * Content-Length), a file that is not an image, a timeout, a 404.
 */
class ParentsPhotosFromTwilioIT {

    private static final String SID = "AC00000000000000000000000000000001";
    private static final String TOKEN = "photo-test-token";
    private static final String MEDIA = "/2010-04-01/Accounts/" + SID + "/Messages/MM1/Media/ME1";
    private static final byte[] JPEG = image(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}, 2048);
    private static final byte[] PNG = image(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 4096);

    @TempDir
    Path folder;
    private final WireMockServer twilio = new WireMockServer(options().dynamicPort());
    private Database database;
    private ConversationFixtures fixtures;
    private Family family;
    private FolderPhotoStore store;
    private PhotoRepository rows;

    @BeforeEach
    void start() {
        twilio.start();
        database = TestPostgres.freshDatabase();
        fixtures = new ConversationFixtures(database);
        family = fixtures.family("+447700900611", null, "Sam");
        // Sam's registration has everything but the photo.
        fixtures.execute("""
                UPDATE players SET registration_status = 'confirmed', stage = 'info_collection',
                       is_returning_player = false, date_of_birth = DATE '2016-03-14', medical_notes = 'None',
                       emergency_contact_name = 'Jo Parent', emergency_contact_tel = '+447700900612',
                       photo_consent = true, kit_size = 'M'""");
        store = new FolderPhotoStore(folder);
        rows = new PhotoRepository(new Jdbc(database));
    }

    @AfterEach
    void stop() {
        twilio.stop();
        database.close();
    }

    @Test
    void aGoodJpegIsFetchedWithTheAccountsCredentialsAndKeptForThePlayer() throws Exception {
        twilio.stubFor(get(MEDIA).willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(JPEG)));

        InboundMessage message = receive(photos(), mediaMessage("image/jpeg"));

        assertThat(message.photo().outcome()).isEqualTo(Outcome.STORED);
        assertThat(message.photo().childFirstName()).isEqualTo("Sam");
        assertThat(message.text()).isEqualTo("[photo of Sam, kept for the registration]");
        StoredPhoto kept = rows.ofPlayer(family.playerId()).orElseThrow();
        assertThat(kept.contentType()).isEqualTo("image/jpeg");
        assertThat(kept.sizeBytes()).isEqualTo(JPEG.length);
        assertThat(kept.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(JPEG)));
        assertThat(kept.messageId()).isEqualTo(message.id());
        assertThat(store.get(kept.key())).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(JPEG));
        assertThat(fixtures.value("SELECT storage_key FROM player_photos")).doesNotContain("twilio", "http");
        twilio.verify(getRequestedFor(urlEqualTo(MEDIA)).withHeader("Authorization", equalTo("Basic "
                + java.util.Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)))));
        assertThat(players().getFirst().photoReceivedAt()).isNotNull();
    }

    @Test
    void aPngDeclaredAsAJpegIsKeptAsAPng() {
        twilio.stubFor(get(MEDIA).willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(PNG)));

        InboundMessage message = receive(photos(), mediaMessage("image/jpeg"));

        assertThat(message.photo().outcome()).isEqualTo(Outcome.STORED);
        assertThat(rows.ofPlayer(family.playerId()).orElseThrow().contentType()).isEqualTo("image/png");
    }

    @Test
    void aHeicIsKeptAsAHeic() {
        byte[] heic = image(new byte[] {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c'}, 1024);
        twilio.stubFor(get(MEDIA).willReturn(aResponse().withHeader("Content-Type", "image/heic").withBody(heic)));

        receive(photos(), mediaMessage("image/heic"));

        assertThat(rows.ofPlayer(family.playerId()).orElseThrow().contentType()).isEqualTo("image/heic");
    }

    @Test
    void aFileOverFiveMegabytesIsRefusedAndNothingIsKept() {
        byte[] huge = image(JPEG, PlayerPhotos.MAX_BYTES + 1);
        twilio.stubFor(get(MEDIA).willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(huge)));

        InboundMessage message = receive(photos(), mediaMessage("image/jpeg"));

        assertThat(message.photo().outcome()).isEqualTo(Outcome.TOO_LARGE);
        assertNothingKept();
    }

    @Test
    void aFileOverFiveMegabytesWithoutAContentLengthIsRefusedOnceTheLimitIsRead() {
        byte[] huge = image(JPEG, PlayerPhotos.MAX_BYTES + 1);
        // Chunked: no Content-Length to go by, so the limit is found by reading.
        twilio.stubFor(get(MEDIA).willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(huge)
                .withChunkedDribbleDelay(4, 50)));

        InboundMessage message = receive(photos(), mediaMessage("image/jpeg"));

        assertThat(message.photo().outcome()).isEqualTo(Outcome.TOO_LARGE);
        assertNothingKept();
    }

    @Test
    void aPhotoOfExactlyFiveMegabytesIsKept() {
        byte[] largest = image(JPEG, PlayerPhotos.MAX_BYTES);
        twilio.stubFor(get(MEDIA).willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(largest)));

        assertThat(receive(photos(), mediaMessage("image/jpeg")).photo().outcome()).isEqualTo(Outcome.STORED);
    }

    @Test
    void aFileThatIsNotAnImageIsRefusedWhateverItsDeclaredType() {
        twilio.stubFor(get(MEDIA).willReturn(aResponse().withHeader("Content-Type", "image/jpeg")
                .withBody("%PDF-1.7 not a photo at all".getBytes(StandardCharsets.UTF_8))));

        InboundMessage message = receive(photos(), mediaMessage("image/jpeg"));

        assertThat(message.photo().outcome()).isEqualTo(Outcome.NOT_A_PHOTO);
        assertThat(message.text()).contains("not a JPEG, PNG or HEIC photo");
        assertNothingKept();
    }

    @Test
    void aTimeoutIsRetriedAFewTimesThenTheParentIsAskedAgainAndTheAlarmIsRaised() {
        twilio.stubFor(get(MEDIA).willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(JPEG)
                .withFixedDelay(1_500)));

        InboundMessage message;
        AtomicInteger attempts = new AtomicInteger();
        InboundMedia counted = (url, maxBytes, timeout) -> {
            attempts.incrementAndGet();
            return media().fetch(url, maxBytes, timeout);
        };
        long started = System.nanoTime();
        try (LogCapture logs = LogCapture.capture()) {
            message = receive(new PlayerPhotos(rows, store, counted, new PlayerPhotos.Fetching(Duration.ofMillis(300),
                    3, Duration.ofMillis(10)), ConversationFixtures.CLOCK), mediaMessage("image/jpeg"));
            // Three attempts of 0.3 s, not three waits for the 1.5 s answer.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(logs.lines()).anyMatch(line -> line.contains("\"alarm\":\"PhotosNotReceived\"")
                    && line.contains("\"reason\":\"timeout\""));
        }

        assertThat(message.photo().outcome()).isEqualTo(Outcome.NOT_RECEIVED);
        assertThat(message.text()).contains("ask the parent to send it again");
        assertThat(attempts).hasValue(3);
        assertNothingKept();
    }

    @Test
    void aServerErrorIsRetriedAndTheNextAttemptKeepsThePhoto() {
        twilio.stubFor(get(MEDIA).inScenario("blip").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        twilio.stubFor(get(MEDIA).inScenario("blip").whenScenarioStateIs("up")
                .willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(JPEG)));

        InboundMessage message = receive(quickPhotos(), mediaMessage("image/jpeg"));

        assertThat(message.photo().outcome()).isEqualTo(Outcome.STORED);
        twilio.verify(2, getRequestedFor(urlEqualTo(MEDIA)));
    }

    @Test
    void aNotFoundIsNotRetriedAndTheParentIsAskedAgain() {
        twilio.stubFor(get(MEDIA).willReturn(aResponse().withStatus(404)));

        InboundMessage message;
        try (LogCapture logs = LogCapture.capture()) {
            message = receive(quickPhotos(), mediaMessage("image/jpeg"));
            assertThat(logs.lines()).anyMatch(line -> line.contains("\"alarm\":\"PhotosNotReceived\"")
                    && line.contains("HTTP 404"));
        }

        assertThat(message.photo().outcome()).isEqualTo(Outcome.NOT_RECEIVED);
        twilio.verify(1, getRequestedFor(urlEqualTo(MEDIA)));
        assertNothingKept();
    }

    @Test
    void twiliosRedirectToItsMediaStoreIsFollowedWithoutTheCredentials() {
        String stored = "http://127.0.0.1:" + twilio.port() + "/media-store/ME1";
        twilio.stubFor(get(MEDIA).willReturn(aResponse().withStatus(307).withHeader("Location", stored)));
        twilio.stubFor(get("/media-store/ME1").willReturn(aResponse().withHeader("Content-Type", "image/png")
                .withBody(PNG)));

        InboundMessage message = receive(photos(), mediaMessage("image/png"));

        assertThat(message.photo().outcome()).isEqualTo(Outcome.STORED);
        twilio.verify(getRequestedFor(urlEqualTo("/media-store/ME1")).withHeader("Authorization", absent()));
    }

    @Test
    void aUrlThatIsNotTwiliosIsNeverSentTheCredentials() {
        long message = fixtures.inboundMedia(family, "image/jpeg"); // https://api.twilio.com/...: not this base

        InboundMessage received = receive(quickPhotos(), message);

        assertThat(received.photo().outcome()).isEqualTo(Outcome.NOT_RECEIVED);
        assertThat(twilio.getAllServeEvents()).isEmpty();
    }

    @Test
    void aPhotoNobodyExpectsIsNeitherFetchedNorKept() {
        fixtures.execute("UPDATE players SET stage = 'completed', registration_status = 'completed'");
        twilio.stubFor(get(MEDIA).willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(JPEG)));

        InboundMessage message = receive(photos(), mediaMessage("image/jpeg"));

        assertThat(message.photo()).isNull();
        assertThat(message.text()).isEqualTo("[photo]");
        assertThat(twilio.getAllServeEvents()).isEmpty();
    }

    @Test
    void aRetriedTurnFindsThePhotoKeptAndDoesNotFetchItAgain() {
        twilio.stubFor(get(MEDIA).willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(JPEG)));
        long message = mediaMessage("image/jpeg");
        receive(photos(), message);

        InboundMessage again = receive(photos(), message);

        assertThat(again.photo().outcome()).isEqualTo(Outcome.STORED);
        twilio.verify(1, getRequestedFor(urlEqualTo(MEDIA)));
    }

    @Test
    void aVoiceNoteIsNeverFetchedEvenWhenAPhotoIsExpected() {
        long message = database.withConnection(c -> {
            try (var insert = c.prepareStatement("""
                    INSERT INTO messages (conversation_id, parent_id, phone_e164, direction, kind, media, twilio_sid,
                                          status)
                    VALUES (?, ?, ?, 'inbound', 'media', ?::jsonb, 'SMvoice', 'received') RETURNING id""")) {
                insert.setLong(1, family.conversationId());
                insert.setLong(2, family.parentId());
                insert.setString(3, family.phone());
                insert.setString(4, "[{\"url\": \"" + twilio.baseUrl() + MEDIA + "\", \"content_type\": \"audio/ogg\"}]");
                try (var row = insert.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });

        InboundMessage received = receive(photos(), message);

        assertThat(received.photo()).isNull();
        assertThat(received.text()).isEqualTo("[voice note]");
        assertThat(twilio.getAllServeEvents()).isEmpty();
    }

    private InboundMessage receive(PlayerPhotos photos, long messageId) {
        List<InboundMessage> burst = new ConversationRepository(new Jdbc(database)).received(family.conversationId())
                .stream().filter(m -> m.id() == messageId).toList();
        return photos.receive(burst, players(), Deadline.NONE).getFirst();
    }

    private List<Player> players() {
        return new PlayerRepository(new Jdbc(database), new FieldEncryption(Optional::empty), true)
                .inConversation(family.conversationId());
    }

    private long mediaMessage(String declaredType) {
        return fixtures.inboundMedia(family, twilio.baseUrl() + MEDIA, declaredType);
    }

    private PlayerPhotos photos() {
        return new PlayerPhotos(rows, store, media(), PlayerPhotos.Fetching.DEFAULT, ConversationFixtures.CLOCK);
    }

    private PlayerPhotos quickPhotos() {
        return new PlayerPhotos(rows, store, media(), new PlayerPhotos.Fetching(Duration.ofSeconds(5), 3,
                Duration.ofMillis(10)), ConversationFixtures.CLOCK);
    }

    private InboundMedia media() {
        return TwilioMedia.fromConfig(Config.fromEnvironment(Map.of("TWILIO_ACCOUNT_SID", SID,
                "TWILIO_AUTH_TOKEN", TOKEN, "TWILIO_API_BASE_URL", twilio.baseUrl())));
    }

    private void assertNothingKept() {
        assertThat(rows.ofPlayer(family.playerId())).isEmpty();
        assertThat(store.get(PlayerPhotos.key(family.playerId()))).isEmpty();
    }

    /** {@code length} bytes beginning with {@code magic}. */
    private static byte[] image(byte[] magic, int length) {
        byte[] bytes = Arrays.copyOf(magic, length);
        Arrays.fill(bytes, magic.length, length, (byte) 0x42);
        return bytes;
    }
}
