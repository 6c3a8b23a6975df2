package uk.clubreg.photos.s3;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The real AWS SDK S3 client against a fake of S3's REST API (WireMock): what the photo store asks of S3. */
class S3PhotoStoreTest {

    private static final String BUCKET = "club-photos";
    private static final String OBJECT = "/" + BUCKET + "/players/7/photo";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 1, 2, 3};

    private final WireMockServer s3 = new WireMockServer(options().dynamicPort());
    private S3PhotoStore store;

    @BeforeEach
    void start() {
        s3.start();
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
        S3Configuration pathStyle = S3Configuration.builder().pathStyleAccessEnabled(true).build();
        URI endpoint = URI.create(s3.baseUrl());
        store = new S3PhotoStore(() -> S3Client.builder().region(Region.EU_WEST_2).endpointOverride(endpoint)
                .credentialsProvider(credentials).serviceConfiguration(pathStyle)
                .httpClient(UrlConnectionHttpClient.create()).build(),
                () -> S3Presigner.builder().region(Region.EU_WEST_2).credentialsProvider(credentials).build(),
                BUCKET, "https://" + BUCKET + ".s3.eu-west-2.amazonaws.com");
    }

    @AfterEach
    void stop() {
        s3.stop();
    }

    @Test
    void aPhotoIsPutWithItsTypeAndServerSideEncryption() {
        s3.stubFor(put(OBJECT).willReturn(aResponse().withStatus(200).withHeader("ETag", "\"1\"")));

        store.put("players/7/photo", PNG, "image/png");

        s3.verify(putRequestedFor(urlEqualTo(OBJECT)).withHeader("Content-Type", equalTo("image/png"))
                .withHeader("x-amz-server-side-encryption", equalTo("AES256")));
        // The SDK streams it aws-chunked with a checksum: the photo's bytes are inside, whole.
        byte[] sent = s3.getAllServeEvents().getFirst().getRequest().getBody();
        assertThat(indexOf(sent, PNG)).isNotNegative();
    }

    @Test
    void aPhotoIsReadBackAndOneThatIsGoneIsEmpty() {
        s3.stubFor(get(OBJECT).willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PNG)));
        s3.stubFor(get("/" + BUCKET + "/players/8/photo").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/xml")
                .withBody("<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>")));

        assertThat(store.get("players/7/photo")).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(PNG));
        assertThat(store.get("players/8/photo")).isEmpty();
    }

    @Test
    void aDeletionIsOneDeleteOfTheKey() {
        s3.stubFor(delete(OBJECT).willReturn(aResponse().withStatus(204)));

        store.delete("players/7/photo");

        s3.verify(1, deleteRequestedFor(urlEqualTo(OBJECT)));
    }

    @Test
    void theConsolesLinkIsPresignedForTheBucketsOriginAndExpiresInAMinute() {
        URI link = store.link("players/7/photo", Duration.ofMinutes(1)).orElseThrow();

        assertThat(link.toString()).startsWith(store.linkOrigin().orElseThrow() + "/players/7/photo?")
                .contains("X-Amz-Expires=60", "X-Amz-Signature=", "X-Amz-Algorithm=AWS4-HMAC-SHA256");
        assertThat(s3.getAllServeEvents()).as("presigning calls nothing").isEmpty();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
