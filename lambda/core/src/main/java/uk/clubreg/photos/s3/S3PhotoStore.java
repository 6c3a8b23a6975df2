package uk.clubreg.photos.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.utils.http.SdkHttpUtils;
import uk.clubreg.photos.PhotoStore;

/**
 * The photos in the stack's private S3 bucket (PHOTO_BUCKET): server-side encrypted, public access blocked, TLS
 * only, expired by a lifecycle rule as a backstop to retention (infra's RegistrationStack). The console gets a
 * presigned link valid for a minute, so a photo never passes through a function's response.
 *
 * <p>Four plain S3 REST calls signed with the SDK's SigV4 signer, which the SQS client already brings: the S3 client
 * would add 4.4 MB to every function for them (docs/decisions/0127-s3-through-the-sigv4-signer.md).
 */
public final class S3PhotoStore implements PhotoStore {

    private static final String CONTENT_SHA256 = "x-amz-content-sha256";
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final Supplier<SdkHttpClient> http;
    private final AwsCredentialsProvider credentials;
    private final String region;
    private final URI bucketUrl;
    private final Clock clock;

    /**
     * @param bucketUrl the bucket's base URL: {@code https://<bucket>.s3.<region>.amazonaws.com} in AWS, a path-style
     *                  {@code http://host:port/<bucket>} for a stand-in
     */
    public S3PhotoStore(Supplier<SdkHttpClient> http, AwsCredentialsProvider credentials, String region, URI bucketUrl,
                        Clock clock) {
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.bucketUrl = URI.create(bucketUrl.toString().replaceAll("/$", ""));
        this.clock = clock;
    }

    /**
     * The store in the function's region (AWS_REGION) with the function's credentials. Its HTTP client is built on
     * first use: a function that never touches a photo (the sweeper, most API requests) never builds it.
     */
    public static S3PhotoStore inRegion(String bucket) {
        String region = System.getenv().getOrDefault("AWS_REGION", "eu-west-2");
        return new S3PhotoStore(once(UrlConnectionHttpClient::create), DefaultCredentialsProvider.builder().build(),
                region, URI.create("https://" + bucket + ".s3." + region + ".amazonaws.com"), Clock.systemUTC());
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        SdkHttpFullRequest request = object(SdkHttpMethod.PUT, key)
                .putHeader("Content-Type", contentType)
                .putHeader("Content-Length", String.valueOf(bytes.length))
                .putHeader("x-amz-server-side-encryption", "AES256")
                .build();
        expect(execute(signed(request, bytes)), "PUT", 200);
    }

    @Override
    public Optional<byte[]> get(String key) {
        Answer answer = execute(signed(object(SdkHttpMethod.GET, key).build(), new byte[0]));
        if (answer.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(expect(answer, "GET", 200).body());
    }

    @Override
    public void delete(String key) {
        // S3 answers 204 for a key already gone, so a retried deletion succeeds.
        expect(execute(signed(object(SdkHttpMethod.DELETE, key).build(), new byte[0])), "DELETE", 204, 200);
    }

    @Override
    public Optional<URI> link(String key, Duration validFor) {
        SignedRequest presigned = sign(object(SdkHttpMethod.GET, key).build(), link -> link
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, validFor));
        return Optional.of(presigned.request().getUri());
    }

    @Override
    public Optional<String> linkOrigin() {
        return Optional.of(bucketUrl.getScheme() + "://" + bucketUrl.getAuthority());
    }

    /** The request signed in its Authorization header, the payload's SHA-256 signed with it, as S3 wants. */
    SignedRequest signed(SdkHttpFullRequest request, byte[] payload) {
        SdkHttpRequest withHash = request.toBuilder().putHeader(CONTENT_SHA256, sha256Hex(payload)).build();
        return sign(withHash, header -> header.payload(ContentStreamProvider.fromByteArrayUnsafe(payload)));
    }

    /** Signed for S3 in this store's region, at its clock's time: no double URL encoding, no path normalisation. */
    private SignedRequest sign(SdkHttpRequest request, Consumer<SignRequest.Builder<AwsCredentialsIdentity>> options) {
        return SIGNER.sign(sign -> {
            sign.identity(credentials.resolveCredentials()).request(request)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                    .putProperty(HttpSigner.SIGNING_CLOCK, clock);
            options.accept(sign);
        });
    }

    private SdkHttpFullRequest.Builder object(SdkHttpMethod method, String key) {
        return SdkHttpFullRequest.builder().method(method)
                .uri(URI.create(bucketUrl + "/" + SdkHttpUtils.urlEncodeIgnoreSlashes(key)));
    }

    /** S3's status and body, read whole (a photo is at most 5 MB) so the connection is always released. */
    private record Answer(int status, byte[] body) {}

    private Answer execute(SignedRequest signed) {
        try {
            // Only a PUT carries a body: HttpURLConnection turns a GET with one into a POST.
            ContentStreamProvider upload = signed.request().method() == SdkHttpMethod.PUT
                    ? signed.payload().orElseThrow() : null;
            HttpExecuteResponse response = http.get().prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request()).contentStreamProvider(upload).build()).call();
            Optional<? extends InputStream> stream = response.responseBody();
            if (stream.isEmpty()) {
                return new Answer(response.httpResponse().statusCode(), new byte[0]);
            }
            try (InputStream body = stream.get()) {
                return new Answer(response.httpResponse().statusCode(), body.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("S3 did not answer", e);
        }
    }

    private static Answer expect(Answer answer, String method, int... statuses) {
        for (int expected : statuses) {
            if (answer.status() == expected) {
                return answer;
            }
        }
        throw new IllegalStateException("S3 answered " + answer.status() + " to a " + method + " of a photo");
    }


    private static String sha256Hex(byte[] payload) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("No SHA-256", e);
        }
    }

    /** {@code build}'s value, built on the first call and kept. */
    private static <T> Supplier<T> once(Supplier<T> build) {
        return new Supplier<>() {
            private T built;

            @Override
            public synchronized T get() {
                if (built == null) {
                    built = build.get();
                }
                return built;
            }
        };
    }
}
