-- Pending changes: an edit of a published entry waiting for a reviewer
-- (kb.PendingChange), one per entry. Citizens keep reading entries.
CREATE TABLE pending_changes (
	entry_id text COLLATE "C" PRIMARY KEY,
	base     integer NOT NULL,      -- the live revision the edit was made from
	saved_by text NOT NULL,
	saved_at timestamptz NOT NULL,
	doc      jsonb NOT NULL         -- the proposed entry
);
