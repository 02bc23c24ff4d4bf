-- Briefs made before public ids get one each: 16 random bytes, as the application makes them
-- (hex here, base64url there; both are only compared as text).
UPDATE `briefs` SET `public_id` = lower(hex(randomblob(16))) WHERE `public_id` IS NULL;
