package uk.clubreg.photos;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the players' photos are kept: a private S3 bucket in AWS ({@code photos.s3}), a folder under the local
 * data directory locally ({@link FolderPhotoStore}). Keys are made by {@link PlayerPhotos}; no key names a person.
 */
public interface PhotoStore {

    void put(String key, byte[] bytes, String contentType);

    /** The stored bytes; empty when nothing is stored under {@code key}. */
    Optional<byte[]> get(String key);

    /** Deletes what is stored under {@code key}; nothing stored is not an error (a retried deletion). */
    void delete(String key);

    /**
     * A link a browser may fetch the photo from for {@code validFor} (a presigned S3 URL), so a photo larger than a
     * function's response is never carried through it; empty when the store has none and the bytes are served.
     */
    Optional<URI> link(String key, Duration validFor);

    /** The origin of {@link #link}'s URLs, for the console's Content-Security-Policy; empty with no links. */
    Optional<String> linkOrigin();
}
