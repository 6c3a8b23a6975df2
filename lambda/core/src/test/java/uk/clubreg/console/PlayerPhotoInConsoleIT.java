package uk.clubreg.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.clubreg.app.RegistrationSystem;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.json.Json;
import uk.clubreg.messaging.MessagingHarness;
import uk.clubreg.photos.FolderPhotoStore;
import uk.clubreg.testsupport.TestClock;

/**
 * A player's photo (issue 15) in the console and the parent's rights, through the whole system with the local folder
 * store: only the team's managers and the club admins get it, every view is audited, the export names it and its
 * admin route gives it, and the parent's erasure deletes the file as well as the row.
 */
class PlayerPhotoInConsoleIT {

    private static final String MANAGER = "+447700900721";
    private static final String OTHER_MANAGER = "+447700900722";
    private static final String ADMIN = "+447700900731";
    private static final String PARENT = "+447700900421";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 1, 2, 3, 4};

    @TempDir
    Path data;
    private final MessagingHarness harness = new MessagingHarness();
    private final TestClock clock = new TestClock(Instant.parse("2026-11-03T10:00:00Z"));
    private RegistrationSystem system;
    private FolderPhotoStore store;
    private long sam;
    private long ria;

    @BeforeEach
    void start() {
        system = harness.system(clock, Map.of("CLUB_ADMIN_TELS", "07700 900731", "PLAYER_PHOTO_REQUIRED", "true",
                "LOCAL_DATA_DIR", data.toString()));
        sam = ConsoleBrowser.invite(system, "Sam", "Taylor", PARENT, "U11 Panthers", "07700 900721");
        ria = ConsoleBrowser.invite(system, "Ria", "Jones", "+447700900422", "U9 Lions", "07700 900722");
        store = new FolderPhotoStore(data.resolve("photos"));
        store.put("players/" + sam + "/photo", PNG, "image/png");
        harness.execute("""
                INSERT INTO player_photos (player_id, storage_key, content_type, size_bytes, sha256, received_at)
                VALUES (?, ?, 'image/png', 12, repeat('a', 64), now())""", sam, "players/" + sam + "/photo");
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void theTeamsManagerSeesThePhotoOnThePlayersPage() {
        ConsoleBrowser browser = new ConsoleBrowser(system, "192.0.2.1").signIn(harness, MANAGER);

        assertThat(browser.get("/console/players/" + sam).body())
                .contains("<img class=\"photo\" src=\"", "/console/players/" + sam + "/photo\"");
        HttpResponse photo = browser.get("/console/players/" + sam + "/photo");

        assertThat(photo.status()).isEqualTo(200);
        assertThat(photo.headers()).containsEntry("Content-Type", "image/png").containsEntry("Cache-Control", "no-store");
        assertThat(Base64.getDecoder().decode(photo.body())).isEqualTo(PNG);
        assertThat(harness.queryString("SELECT count(*) FROM access_audit WHERE action = 'read_details' "
                + "AND detail->>'photo' = 'true'")).isEqualTo("1");
    }

    @Test
    void anotherTeamsManagerGetsNotFoundAndNoBytes() {
        ConsoleBrowser browser = new ConsoleBrowser(system, "192.0.2.2").signIn(harness, OTHER_MANAGER);

        HttpResponse photo = browser.get("/console/players/" + sam + "/photo");

        assertThat(photo.status()).isEqualTo(404);
        assertThat(photo.base64Encoded()).isFalse();
        assertThat(photo.headers().get("Content-Type")).startsWith("text/html");
        assertThat(harness.queryString("SELECT count(*) FROM access_audit WHERE detail->>'photo' = 'true'")).isEqualTo("0");
    }

    @Test
    void withoutASessionThePhotoIsNotServed() {
        HttpResponse photo = new ConsoleBrowser(system, "192.0.2.3").get("/console/players/" + sam + "/photo");

        assertThat(photo.status()).isEqualTo(303);
        assertThat(photo.base64Encoded()).isFalse();
    }

    @Test
    void aClubAdminSeesItAndAPlayerWithoutAPhotoHasNone() {
        ConsoleBrowser browser = new ConsoleBrowser(system, "192.0.2.4").signIn(harness, ADMIN);

        assertThat(browser.get("/console/players/" + sam + "/photo").status()).isEqualTo(200);
        assertThat(browser.get("/console/players/" + ria + "/photo").status()).isEqualTo(404);
        assertThat(browser.get("/console/players/" + ria).body()).doesNotContain("class=\"photo\"");
    }

    @Test
    void theRegistrationsListThePhotoAsARequiredDetailUntilItCame() {
        var team = MessagingHarness.registrations(system, "U9 Lions");

        assertThat(Json.MAPPER.convertValue(team.path("required_details"), List.class)).endsWith("player_photo");
        assertThat(Json.MAPPER.convertValue(team.path("players").get(0).path("missing_details"), List.class))
                .contains("player_photo");
        assertThat(Json.MAPPER.convertValue(MessagingHarness.registrations(system, "U11 Panthers").path("players")
                .get(0).path("missing_details"), List.class)).doesNotContain("player_photo");
    }

    @Test
    void theExportNamesThePhotoAndItsAdminRouteGivesTheFile() {
        HttpResponse export = MessagingHarness.call(system, "GET", "/admin/parents/" + "%2B447700900421" + "/export",
                null);
        var photos = Json.read(export.body()).path("photos");
        assertThat(photos).hasSize(1);
        assertThat(photos.get(0).path("content_type").asText()).isEqualTo("image/png");
        assertThat(photos.get(0).path("file").asText()).isEqualTo("/admin/players/" + sam + "/photo");

        HttpResponse file = MessagingHarness.call(system, "GET", "/admin/players/" + sam + "/photo", null);

        assertThat(file.status()).isEqualTo(200);
        assertThat(Base64.getDecoder().decode(file.body())).isEqualTo(PNG);
        assertThat(MessagingHarness.call(system, "GET", "/admin/players/" + ria + "/photo", null).status())
                .isEqualTo(404);
    }

    @Test
    void theParentsErasureDeletesTheFileAsWellAsTheRow() {
        harness.twilio.deletesMessageRecords();
        HttpResponse erased = MessagingHarness.call(system, "DELETE", "/admin/parents/%2B447700900421", null);

        assertThat(erased.status()).isEqualTo(200);
        var json = Json.read(erased.body());
        assertThat(json.path("removed").path("player_photos").asInt()).isEqualTo(1);
        assertThat(json.path("processor_deletions_queued").path("photos").asInt()).isEqualTo(1);
        assertThat(harness.queryString("SELECT count(*) FROM player_photos")).isEqualTo("0");
        // Jobs run inline here: the worker's job has deleted the file.
        assertThat(store.get("players/" + sam + "/photo")).isEmpty();
        assertThat(MessagingHarness.call(system, "GET", "/admin/players/" + sam + "/photo", null).status())
                .isEqualTo(404);
    }
}
