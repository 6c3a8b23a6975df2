package uk.clubreg.photos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;

/** The local stack's and the tests' photo store: one file per key under a folder (LOCAL_DATA_DIR/photos). */
public final class FolderPhotoStore implements PhotoStore {

    private final Path root;

    public FolderPhotoStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        Path file = file(key);
        try {
            Files.createDirectories(file.getParent());
            // Written aside and moved into place, so a reader never sees half a photo.
            Path partial = Files.createTempFile(file.getParent(), "photo", ".partial");
            Files.write(partial, bytes);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("The photo could not be stored", e);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(Files.readAllBytes(file(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("The photo could not be read", e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(file(key));
        } catch (IOException e) {
            throw new UncheckedIOException("The photo could not be deleted", e);
        }
    }

    @Override
    public Optional<URI> link(String key, Duration validFor) {
        return Optional.empty();
    }

    @Override
    public Optional<String> linkOrigin() {
        return Optional.empty();
    }

    /** A key is a relative path inside the folder; one that would leave it is refused. */
    private Path file(String key) {
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IllegalArgumentException("Not a photo key: " + key);
        }
        return file;
    }
}
