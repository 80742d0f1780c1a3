package sqlite

// SetAutoReembed makes Open re-embed at most n stale vectors by itself,
// until the returned function restores the limit.
func SetAutoReembed(n int) (restore func()) {
	old := autoReembedLimit
	autoReembedLimit = n
	return func() { autoReembedLimit = old }
}
