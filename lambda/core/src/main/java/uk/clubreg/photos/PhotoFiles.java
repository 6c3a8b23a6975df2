package uk.clubreg.photos;

import java.util.Map;
import java.util.Optional;
import uk.clubreg.http.HttpResponse;

/**
 * A player's photo given to whoever a route has already allowed to see it (the console's manager, the club's API
 * key): a presigned link valid for {@link PlayerPhotos#LINK_VALID_FOR} where the store has links (S3), so no photo
 * passes through a function's response, else the file itself (the local folder).
 */
public final class PhotoFiles {

    private final PhotoRepository photos;
    private final PhotoStore store;

    public PhotoFiles(PhotoRepository photos, PhotoStore store) {
        this.photos = photos;
        this.store = store;
    }

    public Optional<StoredPhoto> ofPlayer(long playerId) {
        return photos.ofPlayer(playerId);
    }

    /** 302 to the link, or 200 with the file; 404 when the file is gone (deleted after the row was read). */
    public HttpResponse serve(StoredPhoto photo, String requestId) {
        Optional<HttpResponse> linked = store.link(photo.key(), PlayerPhotos.LINK_VALID_FOR)
                .map(link -> new HttpResponse(302, Map.of("Location", link.toString()), ""));
        return linked.or(() -> store.get(photo.key()).map(bytes -> HttpResponse.binary(200, photo.contentType(), bytes)))
                .orElseGet(() -> HttpResponse.error(404, "not_found", "No photo", requestId, Map.of()))
                .withHeader("Cache-Control", "no-store");
    }

    /** Where {@link #serve}'s links point, for a page's Content-Security-Policy; empty when files are served. */
    public Optional<String> linkOrigin() {
        return store.linkOrigin();
    }
}
