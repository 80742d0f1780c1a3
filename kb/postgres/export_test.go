package postgres

// SetBulkThreshold makes imports of n entries or more take the COPY path,
// until the returned function restores the threshold.
func SetBulkThreshold(n int) (restore func()) {
	old := bulkThreshold
	bulkThreshold = n
	return func() { bulkThreshold = old }
}
