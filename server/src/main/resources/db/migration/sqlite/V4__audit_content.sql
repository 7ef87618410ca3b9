-- What an audited change carried: for each uploaded rules file, its SHA-256 and text, and the version it replaced
-- (NULL when the file is new). Uploading DRL is code execution; this keeps exactly what ran and what ran before.
CREATE TABLE admin_audit_file (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    audit_id         INTEGER NOT NULL REFERENCES admin_audit (id),
    file             TEXT    NOT NULL,
    sha256           TEXT    NOT NULL,
    content          TEXT    NOT NULL,
    previous_sha256  TEXT,
    previous_content TEXT
);
CREATE INDEX admin_audit_file_entry ON admin_audit_file (audit_id);
