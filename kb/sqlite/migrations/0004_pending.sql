-- Pending changes: an edit of a published entry waiting for a reviewer
-- (kb.PendingChange), one per entry. Citizens keep reading entries.
CREATE TABLE pending_changes (
	entry_id TEXT PRIMARY KEY,
	base     INTEGER NOT NULL,  -- the live revision the edit was made from
	saved_by TEXT NOT NULL,
	saved_at TEXT NOT NULL,     -- RFC 3339 with nanoseconds, UTC
	doc      TEXT NOT NULL      -- the proposed entry
) STRICT;
