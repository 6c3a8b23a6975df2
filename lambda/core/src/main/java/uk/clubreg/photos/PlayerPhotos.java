package uk.clubreg.photos;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.conversations.InboundMessage;
import uk.clubreg.conversations.InboundMessage.PhotoReceipt;
import uk.clubreg.conversations.InboundMessage.PhotoReceipt.Outcome;
import uk.clubreg.jobs.Deadline;
import uk.clubreg.logging.Alarm;
import uk.clubreg.players.Player;
import uk.clubreg.players.RequiredDetails;
import uk.clubreg.players.Stage;

/**
 * Receives the player photos a registration expects (PLAYER_PHOTO_REQUIRED; docs/decisions/0115-player-photo.md).
 * Before a turn is decided, a message whose attachment may be the photo the first child still missing one expects
 * is fetched from the provider (in the worker, never in the webhook), checked (at most {@link #MAX_BYTES}; a JPEG,
 * PNG or HEIC by its first bytes), stored under the player's key and linked to the player. The message then carries
 * what became of it, for the responder to say. A photo nobody expects is left as it was: described, not fetched.
 */
public final class PlayerPhotos {

    private static final Logger LOG = LoggerFactory.getLogger(PlayerPhotos.class);
    /** The league's limit, and WhatsApp's for an image. */
    public static final int MAX_BYTES = 5 * 1024 * 1024;
    /** A link to a photo is valid this long: enough for a browser to follow it once. */
    public static final Duration LINK_VALID_FOR = Duration.ofMinutes(1);

    /**
     * How hard a fetch tries: each attempt within {@code timeout}, at most {@code attempts}, {@code backoff} apart
     * (doubling), and never past the turn's deadline.
     */
    public record Fetching(Duration timeout, int attempts, Duration backoff) {
        public static final Fetching DEFAULT = new Fetching(Duration.ofSeconds(10), 3, Duration.ofSeconds(1));
    }

    private final PhotoRepository photos;
    private final PhotoStore store;
    private final InboundMedia media;
    private final Fetching fetching;
    private final Clock clock;

    public PlayerPhotos(PhotoRepository photos, PhotoStore store, InboundMedia media, Fetching fetching, Clock clock) {
        this.photos = photos;
        this.store = store;
        this.media = media;
        this.fetching = fetching;
        this.clock = clock;
    }

    /**
     * The burst with each expected photo received: the messages as they were, those that carried one with its
     * receipt. A store that cannot take the photo fails the turn (it comes back from the queue), so nothing is lost.
     */
    public List<InboundMessage> receive(List<InboundMessage> burst, List<Player> players, Deadline deadline) {
        List<Player> expecting = new ArrayList<>(players.stream().filter(PlayerPhotos::expectsPhoto).toList());
        List<InboundMessage> received = new ArrayList<>();
        for (InboundMessage message : burst) {
            Optional<InboundMessage.Attachment> candidate = message.photoCandidate();
            Optional<Player> keptFor = candidate.flatMap(c -> photos.fromMessage(message.id()))
                    .flatMap(photo -> players.stream().filter(p -> p.id() == photo.playerId()).findFirst());
            if (keptFor.isPresent()) {
                // Kept by an earlier attempt at this turn: not fetched again.
                received.add(message.withPhoto(new PhotoReceipt(Outcome.STORED, keptFor.get().firstName())));
            } else if (candidate.isPresent() && !expecting.isEmpty()) {
                Player player = expecting.getFirst();
                PhotoReceipt receipt = receive(message, candidate.get(), player, deadline);
                if (receipt.outcome() == Outcome.STORED) {
                    expecting.remove(player);
                }
                received.add(message.withPhoto(receipt));
            } else {
                received.add(message);
            }
        }
        return received;
    }

    /** A registration under way whose only question left may be the photo: it is taken whenever it comes. */
    private static boolean expectsPhoto(Player player) {
        return player.stage() == Stage.INFO_COLLECTION
                && RequiredDetails.missingDetails(player).contains(RequiredDetails.Detail.PLAYER_PHOTO);
    }

    private PhotoReceipt receive(InboundMessage message, InboundMessage.Attachment attachment, Player player,
                                 Deadline deadline) {
        InboundMedia.Fetched fetched = fetch(attachment.url(), deadline);
        Outcome outcome = switch (fetched) {
            case InboundMedia.Fetched.TooLarge tooLarge -> Outcome.TOO_LARGE;
            case InboundMedia.Fetched.Failed failed -> {
                Alarm.PHOTO_NOT_RECEIVED.raise(LOG.atError().addKeyValue("message_id", message.id())
                        .addKeyValue("player_id", player.id()).addKeyValue("reason", failed.reason()),
                        "A parent's photo could not be fetched from Twilio; the parent was asked to send it again");
                yield Outcome.NOT_RECEIVED;
            }
            case InboundMedia.Fetched.Bytes bytes -> ImageType.of(bytes.bytes())
                    .map(type -> store(message, player, bytes, type)).orElse(Outcome.NOT_A_PHOTO);
        };
        if (outcome != Outcome.STORED) {
            LOG.atInfo().addKeyValue("message_id", message.id()).addKeyValue("player_id", player.id())
                    .addKeyValue("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                    .addKeyValue("declared_type", attachment.contentType()).log("A photo was not kept");
        }
        return new PhotoReceipt(outcome, player.firstName());
    }

    /** Attempts until one gets an answer that another attempt would not change, or the time is up. */
    private InboundMedia.Fetched fetch(String url, Deadline deadline) {
        Duration pause = fetching.backoff();
        InboundMedia.Fetched fetched = null;
        for (int attempt = 1; attempt <= fetching.attempts(); attempt++) {
            Duration timeout = deadline.bounded() && deadline.remaining().compareTo(fetching.timeout()) < 0
                    ? deadline.remaining() : fetching.timeout();
            if (timeout.isNegative() || timeout.isZero()) {
                break;
            }
            fetched = media.fetch(url, MAX_BYTES, timeout);
            if (!(fetched instanceof InboundMedia.Fetched.Failed failed) || !failed.retryable()
                    || attempt == fetching.attempts()) {
                return fetched;
            }
            if (deadline.bounded() && deadline.remaining().compareTo(pause.plus(fetching.timeout())) < 0) {
                break;
            }
            sleep(pause);
            pause = pause.multipliedBy(2);
        }
        return fetched != null ? fetched : new InboundMedia.Fetched.Failed("no time left", true);
    }

    private Outcome store(InboundMessage message, Player player, InboundMedia.Fetched.Bytes fetched, ImageType type) {
        String key = key(player.id());
        store.put(key, fetched.bytes(), type.contentType());
        photos.save(new StoredPhoto(player.id(), player.parentId(), key, type.contentType(), fetched.bytes().length,
                sha256(fetched.bytes()), message.id(), clock.instant()));
        LOG.atInfo().addKeyValue("message_id", message.id()).addKeyValue("player_id", player.id())
                .addKeyValue("content_type", type.contentType()).addKeyValue("bytes", fetched.bytes().length)
                .addKeyValue("declared_type_matched", type.contentType().equals(fetched.declaredType()))
                .log("A player's photo was kept");
        return Outcome.STORED;
    }

    /** One key per registration: a new photo replaces the file, and no key names a person. */
    static String key(long playerId) {
        return "players/" + playerId + "/photo";
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
