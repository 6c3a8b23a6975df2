package uk.clubreg.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The console's Content-Security-Policy lets the page show a photo from the bucket's presigned link, and no more. */
class PhotoOriginInThePolicyTest {

    @Test
    void theBucketsOriginIsTheOnlyImageSourceBesidesTheConsole() {
        String policy = Console.securityHeaders(Optional.of("https://photos-1.s3.eu-west-2.amazonaws.com"))
                .get("Content-Security-Policy");

        assertThat(policy).contains("img-src 'self' https://photos-1.s3.eu-west-2.amazonaws.com;")
                .contains("default-src 'none'", "frame-ancestors 'none'").doesNotContain("script-src", "*");
    }

    @Test
    void withoutLinksImagesComeOnlyFromTheConsole() {
        assertThat(Console.securityHeaders(Optional.empty()).get("Content-Security-Policy"))
                .contains("img-src 'self';");
    }
}
