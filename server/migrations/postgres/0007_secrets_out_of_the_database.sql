-- The server's secrets (the salt of client hashes, behind keyed edit tokens
-- too) now live in a key file outside the database (secrets.rs): a copy of
-- the database must not be enough to recompute an edit token or to recover
-- an address from its hash. The salt kept here until now goes.
DROP TABLE secrets;
