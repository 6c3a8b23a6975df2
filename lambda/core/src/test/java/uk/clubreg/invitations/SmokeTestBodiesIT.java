package uk.clubreg.invitations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.app.RegistrationSystem;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.messaging.MessagingHarness;

/** docs/deploy.md's smoke test (section 8) sends requests the API accepts: its /trigger body and /registrations query. */
class SmokeTestBodiesIT {

    private static final Path GUIDE = Path.of("../../docs/deploy.md");
    private static final Pattern TRIGGER_BODY = Pattern.compile("-d '(\\{[^']*\\})'\\s*\\\\?\\s*\"\\$API_URL/trigger\"");
    private static final Pattern REGISTRATIONS = Pattern.compile(
            "-H \"x-api-key: \\$API_KEY\" \"\\$API_URL/registrations\\?team_name=([^\"]+)\"");

    private final MessagingHarness harness = new MessagingHarness();

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void theGuidesTriggerAndRegistrationsCallsAreAccepted() throws IOException {
        String smokeTest = section8(Files.readString(GUIDE));
        Matcher trigger = TRIGGER_BODY.matcher(smokeTest);
        Matcher registrations = REGISTRATIONS.matcher(smokeTest);
        assertThat(trigger.find()).as("a /trigger call with a body in section 8").isTrue();
        assertThat(registrations.find()).as("a /registrations call with the key in section 8").isTrue();
        RegistrationSystem system = harness.system(Clock.systemUTC(), Map.of());

        int triggered = MessagingHarness.call(system, "POST", "/trigger", trigger.group(1)).status();
        int listed = system.router().dispatch(new HttpRequest("GET", "/registrations",
                Map.of("x-api-key", MessagingHarness.API_KEY),
                Map.of("team_name", URLDecoder.decode(registrations.group(1), StandardCharsets.UTF_8)), "", "smoke"))
                .status();

        assertThat(triggered).isEqualTo(201);
        assertThat(listed).isEqualTo(200);
    }

    private static String section8(String guide) {
        int start = guide.indexOf("## 8. Smoke test");
        return guide.substring(start, guide.indexOf("\n## 9.", start));
    }
}
