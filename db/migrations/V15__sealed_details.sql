-- The emergency contact is sealed at rest with AES-GCM like the medical notes (docs/decisions/0097): its
-- ciphertext no longer fits the plaintext's column sizes.
ALTER TABLE players ALTER COLUMN emergency_contact_name TYPE text;
ALTER TABLE players ALTER COLUMN emergency_contact_tel TYPE text;
