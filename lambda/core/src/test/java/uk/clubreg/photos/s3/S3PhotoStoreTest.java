package uk.clubreg.photos.s3;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The photo store's signatures against the worked examples of Amazon S3's SigV4 documentation (the same keys, time
 * and requests give the same signatures), and its four calls against a fake of S3's REST API (WireMock).
 */
class S3PhotoStoreTest {

    private static final StaticCredentialsProvider EXAMPLE_KEYS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
    private static final Clock EXAMPLE_TIME = Clock.fixed(Instant.parse("2013-05-24T00:00:00Z"), ZoneOffset.UTC);
    private static final String BUCKET = "club-photos";
    private static final String OBJECT = "/" + BUCKET + "/players/7/photo";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 1, 2, 3};

    private final WireMockServer s3 = new WireMockServer(options().dynamicPort());
    private final S3PhotoStore example = new S3PhotoStore(UrlConnectionHttpClient::create, EXAMPLE_KEYS, "us-east-1",
            URI.create("https://examplebucket.s3.amazonaws.com"), EXAMPLE_TIME);
    private S3PhotoStore store;

    @BeforeEach
    void start() {
        s3.start();
        store = new S3PhotoStore(UrlConnectionHttpClient::create, EXAMPLE_KEYS, "eu-west-2",
                URI.create(s3.baseUrl() + "/" + BUCKET), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        s3.stop();
    }

    @Test
    void aPresignedLinkHasTheSignatureOfS3sQueryStringExample() {
        URI link = example.link("test.txt", Duration.ofDays(1)).orElseThrow();

        assertThat(link.toString()).startsWith("https://examplebucket.s3.amazonaws.com/test.txt?")
                .contains("X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Date=20130524T000000Z", "X-Amz-Expires=86400",
                        "X-Amz-SignedHeaders=host",
                        "X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request",
                        "X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
        assertThat(example.linkOrigin()).hasValue("https://examplebucket.s3.amazonaws.com");
    }

    @Test
    void aGetIsSignedAsInS3sGetObjectExample() {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create("https://examplebucket.s3.amazonaws.com/test.txt")).putHeader("Range", "bytes=0-9").build();

        String authorization = example.signed(request, new byte[0]).request().firstMatchingHeader("Authorization")
                .orElseThrow();

        assertThat(authorization).isEqualTo("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/"
                + "aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    @Test
    void aPutSignsItsPayloadAsInS3sPutObjectExample() {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.PUT)
                .uri(URI.create("https://examplebucket.s3.amazonaws.com/test%24file.text"))
                .putHeader("Date", "Fri, 24 May 2013 00:00:00 GMT")
                .putHeader("x-amz-storage-class", "REDUCED_REDUNDANCY").build();

        String authorization = example.signed(request, "Welcome to Amazon S3.".getBytes(StandardCharsets.UTF_8))
                .request().firstMatchingHeader("Authorization").orElseThrow();

        assertThat(authorization).endsWith("SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;"
                + "x-amz-storage-class, Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
    }

    @Test
    void aPhotoIsPutWholeWithItsTypeServerSideEncryptionAndItsHash() {
        s3.stubFor(put(OBJECT).willReturn(aResponse().withStatus(200).withHeader("ETag", "\"1\"")));

        store.put("players/7/photo", PNG, "image/png");

        s3.verify(putRequestedFor(urlEqualTo(OBJECT)).withHeader("Content-Type", equalTo("image/png"))
                .withHeader("x-amz-server-side-encryption", equalTo("AES256"))
                .withHeader("x-amz-content-sha256", matching("[0-9a-f]{64}"))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/\\d{8}/"
                        + "eu-west-2/s3/aws4_request, SignedHeaders=.*x-amz-server-side-encryption.*"))
                .withRequestBody(binaryEqualTo(PNG)));
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
    void aRefusalIsAnErrorNotAMissingPhoto() {
        s3.stubFor(get(OBJECT).willReturn(aResponse().withStatus(403)));
        s3.stubFor(put(OBJECT).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> store.get("players/7/photo")).hasMessageContaining("403");
        assertThatThrownBy(() -> store.put("players/7/photo", PNG, "image/png")).hasMessageContaining("503");
    }

    @Test
    void presigningCallsNothing() {
        URI link = store.link("players/7/photo", Duration.ofMinutes(1)).orElseThrow();

        assertThat(link.toString()).startsWith(s3.baseUrl() + OBJECT + "?").contains("X-Amz-Expires=60");
        assertThat(s3.getAllServeEvents()).isEmpty();
    }
}
