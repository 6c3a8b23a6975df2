-- Issue 15, part 2: the player's photo for the league's ID card, when the club requires it (PLAYER_PHOTO_REQUIRED).
-- The image itself is in the photo store (S3 in AWS, a folder locally) under storage_key; this row links it to the
-- player: what it is (its type judged by its first bytes), its size, its digest, when and from which message it came.
-- Never the media URL (Twilio's, fetched with the account's credentials). One photo per registration: a new one
-- replaces it. Deleted with the registration's details (retention) or the parent (erasure), the stored file too
-- (docs/decisions/0115-player-photo.md).
CREATE TABLE player_photos (
    id           bigserial    PRIMARY KEY,
    player_id    bigint       NOT NULL UNIQUE REFERENCES players (id),
    storage_key  varchar(200) NOT NULL,
    content_type varchar(20)  NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/heic')),
    size_bytes   integer      NOT NULL CHECK (size_bytes > 0 AND size_bytes <= 5242880),
    sha256       char(64)     NOT NULL,
    message_id   bigint       REFERENCES messages (id),
    received_at  timestamptz  NOT NULL
);
CREATE INDEX player_photos_by_message ON player_photos (message_id);
