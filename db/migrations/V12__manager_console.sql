-- The managers' console (docs/console.md, decisions 0070-0073): sign-in codes, sessions and the key that signs
-- its cookies.

-- One random key, made by the first API instance that needs it (INSERT ... ON CONFLICT DO NOTHING): signs the
-- console's cookies and CSRF tokens, hashes sign-in codes and seals a code until it is sent.
CREATE TABLE console_keys (
    id          smallint     PRIMARY KEY CHECK (id = 1),
    secret      bytea        NOT NULL CHECK (octet_length(secret) = 32),
    created_at  timestamptz  NOT NULL DEFAULT now()
);

-- A 6-digit code asked for on the sign-in page. Every number gets a row, known or not, so both answers cost the
-- same; the worker sends only to team managers and club admins. The code is kept as an HMAC; sealed_code (AES-GCM)
-- exists only until the worker has sent it.
CREATE TABLE console_sign_in_codes (
    id           bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    phone_e164   varchar(16)  NOT NULL,
    code_hash    bytea        NOT NULL,
    sealed_code  bytea,
    source_ip    varchar(64),
    attempts     integer      NOT NULL DEFAULT 0,
    expires_at   timestamptz  NOT NULL,
    used_at      timestamptz,
    created_at   timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX console_sign_in_codes_phone ON console_sign_in_codes (phone_e164, created_at);

-- Each code asked for and each code refused, for the limits per number and per source address.
CREATE TABLE console_sign_in_events (
    id          bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        varchar(20)  NOT NULL CHECK (kind IN ('code_requested', 'code_refused')),
    phone_e164  varchar(16)  NOT NULL,
    source_ip   varchar(64)  NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX console_sign_in_events_phone ON console_sign_in_events (phone_e164, created_at);
CREATE INDEX console_sign_in_events_ip ON console_sign_in_events (source_ip, created_at);

-- A signed-in manager or admin. The cookie holds the token; only its SHA-256 is stored. Signing out or revoking
-- sets revoked_at.
CREATE TABLE console_sessions (
    id          bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash  bytea        NOT NULL UNIQUE,
    phone_e164  varchar(16)  NOT NULL,
    expires_at  timestamptz  NOT NULL,
    revoked_at  timestamptz,
    created_at  timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX console_sessions_phone ON console_sessions (phone_e164);

-- Who manages which team: the sign-in and each console page look a phone up here.
CREATE INDEX players_manager_tel ON players (manager_tel);
