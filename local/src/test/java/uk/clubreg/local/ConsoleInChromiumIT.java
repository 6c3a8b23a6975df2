package uk.clubreg.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A team manager on a 360 px wide headless Chromium against the local stack: signs in with the code the simulator
 * received, sees only their team, opens a player, downloads the CSV, uploads a squad list with one bad row,
 * releases a hand-off so the parent is answered, and signs out everywhere; no page scrolls sideways. Elements are found by their visible labels and roles, as a screen
 * reader finds them. Screenshots go to target/screenshots. Skipped only when Debian's chromium is not installed.
 */
class ConsoleInChromiumIT {

    private static final Path SCREENSHOTS = HeadlessChromium.SCREENSHOTS;
    private static final String MANAGER = "+447700900701";
    private static final String ALEX = "+447700900401";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The narrowest phone the issue names: nothing may scroll sideways at this width. */
    private static final int PHONE_WIDTH = 360;

    private static LocalStack stack;
    private static StackClient client;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        HeadlessChromium.assumeInstalled();
        stack = LocalStack.start(Map.of("PORT", "0", "LOCAL_DATA_DIR",
                Files.createTempDirectory("console-browser").toString()));
        client = new StackClient(stack);
        invite("Sam", "Taylor", ALEX, "U11 Panthers", "07700 900701");
        invite("Ria", "Jones", "+447700900402", "U9 Lions", "07700 900702");
        browser = HeadlessChromium.start(PHONE_WIDTH, 800);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (client != null) {
            client.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aManagerRunsTheirTeamFromAPhone() throws Exception {
        // The parent asks for a person, then writes again while nobody has answered.
        client.parentSays(ALEX, "help");
        client.awaitOutbound(ALEX, 2);
        client.parentSays(ALEX, "Yes");
        client.awaitOutbound(ALEX, 3);
        client.parentSays(ALEX, "Is anyone there?");

        // Sign in with the code that reached WhatsApp.
        browser.get(stack.baseUrl() + "/console");
        field("Mobile number").sendKeys("07700 900701");
        follow(button("Send code"));
        field("Code").sendKeys(awaitCode(MANAGER));
        screenshot("1-code");
        follow(button("Sign in"));

        // Only the manager's own team.
        assertThat(heading()).isEqualTo("Your teams");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("U11 Panthers")
                .doesNotContain("U9 Lions");
        follow(browser.findElement(By.linkText("U11 Panthers")));
        WebElement roster = browser.findElement(By.tagName("table"));
        assertThat(roster.findElements(By.cssSelector("tbody tr"))).hasSize(1);
        assertThat(roster.getText()).contains("Sam Taylor", "Waiting for a person");
        assertNoSidewaysScroll();
        screenshot("2-roster");

        // The CSV behind the "Download CSV" link, fetched with the browser's session.
        List<String> csv = download(browser.findElement(By.linkText("Download CSV")).getAttribute("href"));
        assertThat(csv.getFirst()).startsWith("\uFEFFplayer_id,first_name,last_name,team,season");
        assertThat(csv).hasSize(2);
        assertThat(csv.get(1)).contains("Sam,Taylor,U11 Panthers,2026-27", ALEX);

        // A squad list with one bad row: the preview shows that row's error, only the good rows are invited.
        follow(browser.findElement(By.linkText("Invite players")));
        Path squad = Files.createTempFile("squad", ".csv");
        Files.writeString(squad, """
                player_first_name,player_last_name,parent_tel,parent_first_name
                Ava,Brown,07700 900404,Kim
                Max,Green,12345,Lee
                """, StandardCharsets.UTF_8);
        field("Squad list (CSV)").sendKeys(squad.toAbsolutePath().toString());
        follow(button("Check the list"));
        WebElement preview = browser.findElement(By.tagName("table"));
        assertThat(preview.findElement(By.xpath(".//tr[td[1]='3']")).getText())
                .contains("Max Green", "parent_tel must be a valid mobile number");
        assertNoSidewaysScroll();
        screenshot("3-upload-preview");
        follow(button("Invite 1 player"));
        assertThat(browser.findElement(By.tagName("table")).getText()).contains("Ava Brown").doesNotContain("Max");

        // The player page, then the hand-off released: the parent gets an answer.
        follow(browser.findElement(By.linkText("Sam Taylor")));
        assertThat(heading()).isEqualTo("Sam Taylor");
        assertThat(browser.findElement(By.cssSelector("dl.details")).getText()).contains("Medical notes");
        assertNoSidewaysScroll();
        screenshot("4-player");
        int before = client.outbound(ALEX).size();
        follow(button("Release to the assistant"));
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).startsWith("Released");
        client.awaitOutbound(ALEX, before + 1);
        screenshot("5-released");

        // The sessions this manager has, then signing out everywhere: the session is refused from then on.
        follow(browser.findElement(By.linkText("Sessions")));
        assertThat(browser.findElement(By.tagName("table")).getText()).contains("(this browser)");
        assertNoSidewaysScroll();
        screenshot("6-sessions");
        String session = browser.manage().getCookieNamed("console").getValue();
        follow(button("Sign out everywhere"));
        assertThat(heading()).isEqualTo("Sign in");
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/console/api/teams"))
                .header("Cookie", "console=" + session).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode()).isEqualTo(401);
    }

    /** The page is no wider than the window, and no table is wider than the page: nothing scrolls sideways. */
    private static void assertNoSidewaysScroll() {
        Map<?, ?> widths = (Map<?, ?>) browser.executeScript("""
                const tables = [...document.querySelectorAll('table')].map(t => t.getBoundingClientRect().right);
                return {window: window.innerWidth, page: document.documentElement.scrollWidth,
                        tables: Math.max(0, ...tables)};""");
        long window = ((Number) widths.get("window")).longValue();
        assertThat(window).isEqualTo(PHONE_WIDTH);
        assertThat(((Number) widths.get("page")).longValue()).as("page width").isLessThanOrEqualTo(window);
        assertThat(((Number) widths.get("tables")).doubleValue()).as("right edge of the widest table")
                .isLessThanOrEqualTo(window);
    }

    /** The input a visible label names, as a screen reader associates them. */
    private static WebElement field(String label) {
        WebElement labelElement = new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver ->
                driver.findElement(By.xpath("//label[normalize-space()='" + label + "']")));
        return browser.findElement(By.id(labelElement.getAttribute("for")));
    }

    /**
     * Clicks what leads to another page and waits until the browser has left this one, so nothing is read from the
     * page being replaced (a click returns before the next page has loaded).
     */
    private static void follow(WebElement target) {
        WebElement page = browser.findElement(By.tagName("html"));
        target.click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(page));
    }

    private static WebElement button(String name) {
        return browser.findElement(By.xpath("//button[normalize-space()='" + name + "']"));
    }

    private static String heading() {
        return browser.findElement(By.tagName("h1")).getText();
    }

    private static String awaitCode(String phone) throws Exception {
        Pattern code = Pattern.compile("\\b([0-9]{6})\\b");
        for (int attempt = 0; attempt < 200; attempt++) {
            for (JsonNode message : client.outbound(phone)) {
                Matcher found = code.matcher(message.path("body").asText());
                if (found.find()) {
                    return found.group(1);
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No sign-in code reached the simulator");
    }

    private static List<String> download(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Cookie", "console=" + browser.manage().getCookieNamed("console").getValue()).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(value ->
                assertThat(value).startsWith("attachment"));
        return response.body().lines().toList();
    }

    private static void invite(String first, String last, String parentTel, String team, String managerTel)
            throws Exception {
        assertThat(client.trigger("""
                {"player_first_name": "%s", "player_last_name": "%s", "parent_tel": "%s", "parent_first_name": "Alex",
                 "team_name": "%s", "age_group": "U11", "team_manager_1_full_name": "Jo Manager",
                 "team_manager_1_tel": "%s"}""".formatted(first, last, parentTel, team, managerTel)).statusCode())
                .isEqualTo(201);
    }

    private static void screenshot(String name) throws IOException {
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
