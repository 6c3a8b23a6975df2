package uk.clubreg.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.clubreg.json.Json;

/**
 * A club that requires the player's photo (PLAYER_PHOTO_REQUIRED), on the local stack in guided mode (issue 15): the
 * parent answers on the simulator, a voice note is told to type, the photo sent from the simulator is fetched by the
 * worker from the simulator's fake Twilio media URL with the account's credentials, kept in the local data folder
 * and completes the registration; the export names it and the parent's erasure deletes the file.
 */
class PhotoRegistrationEndToEndIT {

    private static final String PHONE = "+447700900575";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A PNG, sent from a phone that calls it a JPEG. */
    private static final byte[] PHOTO = photo();

    private static Path data;
    private static LocalStack stack;
    private static StackClient client;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("e2e-photo");
        stack = LocalStack.start(Map.of("PORT", "0", "DAILY_RUN_AT", "none", "LOCAL_DATA_DIR", data.toString(),
                "PLAYER_PHOTO_REQUIRED", "true"));
        client = new StackClient(stack);
    }

    @AfterAll
    static void stop() {
        client.close();
        stack.close();
    }

    @Test
    void aParentSendsThePhotoOnTheSimulatorAndTheRegistrationCompletes() throws Exception {
        assertThat(client.trigger("""
                {"player_first_name": "Sam", "player_last_name": "Taylor", "parent_tel": "07700 900575",
                 "parent_first_name": "Alex", "team_name": "U11 Hawks", "age_group": "U11",
                 "team_manager_1_full_name": "Jo Manager", "current_registration_season": "2026-27"}""")
                .statusCode()).isEqualTo(201);
        client.awaitOutbound(PHONE, 1);
        client.converse(PHONE, new String[][] {
                {"Yes", "play for"},
                {"No", "date of birth"},
                {"14/03/2016", "medical"},
                {"none", "emergency"},
                {"Jo Taylor", "phone number"},
                {"07700 900576", "photos"},
                {"Yes", "kit size"},
                {"3", "head-and-shoulders photo"},
                {"I'll find one", "the photo itself"},
        });
        JsonNode team = client.registrations("U11 Hawks", "2026-27");
        assertThat(team.path("required_details").toString()).contains("player_photo");
        assertThat(team.path("players").get(0).path("missing_details").toString()).isEqualTo("[\"player_photo\"]");

        String voiceNote = send(new byte[] {'O', 'g', 'g', 'S', 0, 2}, "audio/ogg");
        assertThat(voiceNote).contains("please type your answer");

        String kept = send(PHOTO, "image/jpeg");

        assertThat(kept).contains("we have Sam's photo", "complete");
        JsonNode sam = client.registrations("U11 Hawks", "2026-27").path("players").get(0);
        assertThat(sam.path("status").asText()).isEqualTo("completed");
        assertThat(sam.path("missing_details")).isEmpty();
        long playerId = sam.path("player_id").asLong();
        Path file = data.resolve("photos/players/" + playerId + "/photo");
        assertThat(Files.readAllBytes(file)).isEqualTo(PHOTO);
        assertThat(client.count("SELECT count(*) FROM player_photos WHERE content_type = 'image/png' AND size_bytes = "
                + PHOTO.length)).isEqualTo(1);
        assertThat(client.count("SELECT count(*) FROM player_photos WHERE storage_key LIKE '%simulator%'")).isZero();

        JsonNode export = Json.read(client.admin("GET", "/admin/parents/" + "%2B447700900575" + "/export").body());
        assertThat(export.path("photos").get(0).path("file").asText()).isEqualTo("/admin/players/" + playerId + "/photo");
        HttpResponse<byte[]> fetched = HTTP.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/admin/players/"
                + playerId + "/photo")).header("x-api-key", stack.apiKey()).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(fetched.body()).isEqualTo(PHOTO);

        assertThat(client.admin("DELETE", "/admin/parents/%2B447700900575").statusCode()).isEqualTo(200);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Files.exists(file) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(file).as("the photo's file after the erasure").doesNotExist();
    }

    /** Sends a file from the simulator, as WhatsApp sends one (no text); the club's reply. */
    private static String send(byte[] file, String declaredType) throws Exception {
        int before = client.outbound(PHONE).size();
        HttpResponse<String> sent = HTTP.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/simulator/send"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of(
                        "phone", PHONE, "body", "", "media_type", declaredType,
                        "media_base64", Base64.getEncoder().encodeToString(file))))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(Json.read(sent.body()).path("webhook_status").asInt()).isEqualTo(200);
        return client.awaitOutbound(PHONE, before + 1).getLast().path("body").asText();
    }

    private static byte[] photo() {
        byte[] png = Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 30_000);
        Arrays.fill(png, 8, png.length, (byte) 7);
        return png;
    }
}
