package uk.clubreg.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A parent chooses Arabic with LANGUAGE on the WhatsApp simulator, in headless Debian Chromium: the assistant's
 * Arabic messages and the parent's own read from the right, English ones from the left (the browser's computed
 * direction). The screenshot goes to target/screenshots/simulator-arabic.png. Skipped only when Debian's chromium
 * is not installed.
 */
class RightToLeftInTheSimulatorIT {

    private static final Path SCREENSHOTS = HeadlessChromium.SCREENSHOTS;
    private static final String PARENT = "+447700900575";

    private static LocalStack stack;
    private static StackClient client;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        HeadlessChromium.assumeInstalled();
        stack = LocalStack.start(Map.of("PORT", "0", "DAILY_RUN_AT", "none", "LOCAL_DATA_DIR",
                Files.createTempDirectory("simulator-rtl").toString()));
        client = new StackClient(stack);
        browser = HeadlessChromium.start(900, 760);
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
    void arabicMessagesReadFromTheRightAndEnglishOnesFromTheLeft() throws Exception {
        assertThat(client.trigger("""
                {"player_first_name": "Sam", "player_last_name": "Haddad", "parent_tel": "07700 900575",
                 "parent_first_name": "Layla", "team_name": "U11 Panthers", "age_group": "U11",
                 "current_registration_season": "2026-27"}""").statusCode()).isEqualTo(201);
        client.awaitOutbound(PARENT, 1);
        client.converse(PARENT, new String[][] {
                {"LANGUAGE", "4. \u2068العربية\u2069"},
                {"٤", "سأكتب لك بالعربية"},
                {"نعم", "هل لعب Sam"},
        });

        browser.get(stack.baseUrl() + "/simulator");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver ->
                driver.findElement(By.xpath("//div[contains(@class, 'parent')][contains(., '" + PARENT + "')]")))
                .click();
        List<WebElement> bubbles = new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> {
            List<WebElement> shown = driver.findElements(By.cssSelector("#messages .bubble"));
            return shown.size() == 7 ? shown : null;
        });
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve("simulator-arabic.png"),
                StandardCopyOption.REPLACE_EXISTING);

        WebElement invitation = bubbles.getFirst();
        WebElement arabicAnswer = bubbles.get(5);
        WebElement arabicQuestion = bubbles.getLast();
        assertThat(invitation.getText()).contains("Layla");
        assertThat(direction(invitation)).isEqualTo("ltr");
        assertThat(arabicAnswer.getText()).isEqualTo("نعم");
        assertThat(direction(arabicAnswer)).isEqualTo("rtl");
        assertThat(arabicQuestion.getText()).contains("هل لعب Sam");
        assertThat(direction(arabicQuestion)).isEqualTo("rtl");
        // Read from the right: the first Arabic letter (after the right-to-left mark) is drawn at the bubble's right
        // edge, the invitation's first letter at its left.
        List<Long> arabic = gaps(arabicQuestion, 1);
        assertThat(arabic.get(1)).isLessThanOrEqualTo(2);
        assertThat(arabic.get(0)).isGreaterThan(20);
        List<Long> english = gaps(invitation, 0);
        assertThat(english.get(0)).isLessThanOrEqualTo(2);
        assertThat(english.get(1)).isGreaterThan(20);
        // In the English list of languages, the Arabic name's line still starts on the left.
        WebElement list = bubbles.get(2);
        String listText = (String) browser.executeScript("return arguments[0].firstChild.textContent", list);
        assertThat(direction(list)).isEqualTo("ltr");
        assertThat(gaps(list, listText.indexOf("4.")).get(0)).isLessThanOrEqualTo(2);
    }

    private static String direction(WebElement element) {
        return element.getCssValue("direction");
    }

    /**
     * How far the bubble's character {@code index} is drawn from the left and from the right edge of the bubble's
     * text box: the first letter of text read from the right touches the right edge.
     */
    @SuppressWarnings("unchecked")
    private static List<Long> gaps(WebElement bubble, int index) {
        return ((List<Number>) browser.executeScript("""
                const bubble = arguments[0];
                const range = document.createRange();
                range.setStart(bubble.firstChild, arguments[1]);
                range.setEnd(bubble.firstChild, arguments[1] + 1);
                const letter = range.getBoundingClientRect();
                const box = bubble.getBoundingClientRect();
                const style = getComputedStyle(bubble);
                return [Math.round(letter.left - box.left - parseFloat(style.paddingLeft)),
                        Math.round(box.right - parseFloat(style.paddingRight) - letter.right)];""", bubble, index))
                .stream().map(Number::longValue).toList();
    }
}
