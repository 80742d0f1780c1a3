package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/sportello/sportello/telephony/sms/smstest"
	smssqlite "github.com/sportello/sportello/telephony/sms/sqlite"
)

func TestContract(t *testing.T) {
	smstest.StoreContract(t, func(t *testing.T) smstest.Store {
		st, db := smstest.MustOpenSQLite(t, filepath.Join(t.TempDir(), "sportello.db"))
		// Opening again migrates nothing twice.
		if _, err := smssqlite.New(context.Background(), db.DB()); err != nil {
			t.Fatalf("second open: %v", err)
		}
		return st
	})
}
