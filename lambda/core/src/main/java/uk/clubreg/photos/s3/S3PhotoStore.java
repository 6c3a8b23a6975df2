package uk.clubreg.photos.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import uk.clubreg.photos.PhotoStore;

/**
 * The photos in the stack's private S3 bucket (PHOTO_BUCKET): server-side encrypted, public access blocked, TLS
 * only, expired by a lifecycle rule as a backstop to retention (infra's RegistrationStack). The console gets a
 * presigned link valid for a minute, so a photo never passes through a function's response.
 */
public final class S3PhotoStore implements PhotoStore {

    private final Supplier<S3Client> s3;
    private final Supplier<S3Presigner> presigner;
    private final String bucket;
    private final String origin;

    public S3PhotoStore(Supplier<S3Client> s3, Supplier<S3Presigner> presigner, String bucket, String origin) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.origin = origin;
    }

    /**
     * The store in the function's region (AWS_REGION). Its clients are built on first use: a function that never
     * touches a photo (the sweeper, the daily run, most API requests) never builds them.
     */
    public static S3PhotoStore inRegion(String bucket) {
        Region region = Region.of(System.getenv().getOrDefault("AWS_REGION", "eu-west-2"));
        return new S3PhotoStore(once(() -> S3Client.builder().region(region)
                        .httpClient(UrlConnectionHttpClient.create()).build()),
                once(() -> S3Presigner.builder().region(region).build()), bucket,
                "https://" + bucket + ".s3." + region.id() + ".amazonaws.com");
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        s3.get().putObject(request -> request.bucket(bucket).key(key).contentType(contentType)
                .serverSideEncryption(ServerSideEncryption.AES256), RequestBody.fromBytes(bytes));
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(s3.get().getObjectAsBytes(request -> request.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String key) {
        s3.get().deleteObject(request -> request.bucket(bucket).key(key)); // S3 answers 204 for a key already gone
    }

    @Override
    public Optional<URI> link(String key, Duration validFor) {
        return Optional.of(URI.create(presigner.get().presignGetObject(request -> request.signatureDuration(validFor)
                .getObjectRequest(get -> get.bucket(bucket).key(key))).url().toString()));
    }

    @Override
    public Optional<String> linkOrigin() {
        return Optional.of(origin);
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
