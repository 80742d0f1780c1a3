package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestUserAndTeamCommands(t *testing.T) {
	data := t.TempDir()
	run := func(stdin string, args ...string) (string, error) {
		var out, errb bytes.Buffer
		err := Run(context.Background(), append(args, "--data", data), strings.NewReader(stdin), &out, &errb, func(string) string { return "" })
		return out.String(), err
	}
	out, err := run("", "user", "add", "--login", "admin", "--role", "admin")
	if err != nil || !strings.Contains(out, "password: ") {
		t.Fatalf("first admin: %v\n%s", err, out)
	}
	if _, err := run("una password molto lunga\n", "user", "add", "--login", "anna", "--role", "operator", "--langs", "it,ro", "--password-stdin"); err != nil {
		t.Fatal(err)
	}
	out, err = run("", "user", "list")
	if err != nil || !strings.Contains(out, "anna") || !strings.Contains(out, "it,ro") {
		t.Fatalf("list: %v\n%s", err, out)
	}
	if _, err := run("", "user", "add", "--login", "anna", "--role", "editor"); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("duplicate login: %v", err)
	}
	if _, err := run("", "user", "add", "--login", "bruno", "--role", "boss"); err == nil || !strings.Contains(err.Error(), "admin, editor, operator") {
		t.Errorf("unknown role: %v", err)
	}
	if _, err := run("corta\n", "user", "add", "--login", "bruno", "--role", "editor", "--password-stdin"); err == nil || !strings.Contains(err.Error(), "too short") {
		t.Errorf("short password: %v", err)
	}
	if _, err := run("", "user", "disable", "--login", "nessuno"); err == nil || !strings.Contains(err.Error(), "no user") {
		t.Errorf("unknown user: %v", err)
	}
	if _, err := run("", "team", "add", "--id", "anagrafe", "--name", "Anagrafe", "--hours", "lun 9-12"); err == nil || !strings.Contains(err.Error(), "not a day") {
		t.Errorf("bad hours: %v", err)
	}
	if _, err := run("", "team", "add", "--id", "anagrafe", "--name", "Anagrafe", "--hours", "mon-fri 08:30-12:30"); err != nil {
		t.Fatal(err)
	}
	if out, _ := run("", "team", "list"); !strings.Contains(out, "mon-fri 08:30-12:30") {
		t.Errorf("team list:\n%s", out)
	}
}
