package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSMSSendToTheDemoShortCode is what a newcomer does after make run:
// text the demo short code from the command line and read the answer,
// which went through the channel, the outbox and the demo gateway of the
// running server.
func TestSMSSendToTheDemoShortCode(t *testing.T) {
	dir := t.TempDir()
	srv := startServe(t, dir)
	const number = "+393471234567"
	cases := []struct{ text, want string }{
		{"Come rinnovo la carta d'identità elettronica?", "CIE: prenota"},
		{"AIUTO", "OPERATORE"},
		{"كيف أجدد بطاقة الهوية الإلكترونية؟", "/ar/faq/cie-rinnovo"},
	}
	for _, tc := range cases {
		out, _, err := run(t, dir, "sms", "send", "--server", srv.base, "--from", number, "--wait", "20s", tc.text)
		if err != nil {
			t.Fatalf("sms send %q: %v", tc.text, err)
		}
		if !strings.Contains(out, "← from 44001") || !strings.Contains(out, tc.want) {
			t.Errorf("sms send %q printed:\n%s", tc.text, out)
		}
	}
	out, _, err := run(t, dir, "sms", "status")
	if err != nil || !strings.Contains(out, "delivered  3") {
		t.Errorf("sms status: %v\n%s", err, out)
	}
	if err := srv.stop(); err != nil {
		t.Fatal(err)
	}
	l := srv.logs.String()
	for _, secret := range []string{number, "3471234567", "carta d'identità", "AIUTO"} {
		if strings.Contains(l, secret) {
			t.Errorf("the server's logs contain %q", secret)
		}
	}
	if !strings.Contains(l, `"channel":"sms"`) {
		t.Errorf("no SMS log lines:\n%s", l)
	}
}

func TestSMSSendErrors(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := run(t, dir, "sms", "send", "--server", "http://127.0.0.1:1", "ciao"); err == nil || !strings.Contains(err.Error(), "is `sportello serve` running") {
		t.Errorf("no server: %v", err)
	}
	if _, _, err := run(t, dir, "sms", "send"); err == nil || exitCode(err) != 2 {
		t.Errorf("no text: %v", err)
	}
	if _, _, err := run(t, dir, "sms", "fly"); err == nil || exitCode(err) != 2 {
		t.Errorf("unknown subcommand: %v", err)
	}
	// Another data folder has another demo key: the server refuses it.
	srv := startServe(t, dir)
	if _, _, err := run(t, t.TempDir(), "sms", "send", "--server", srv.base, "ciao"); err == nil || !strings.Contains(err.Error(), "same --data folder") {
		t.Errorf("foreign key: %v", err)
	}
}

func TestSMSCheck(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "sms.yaml")
	os.WriteFile(file, []byte(`short_code: "44001"
base_url: https://sportello.example
gateways:
  - name: kannel
    type: kannel
    public_url: https://sportello.example/sms/kannel
    sendsms_url: http://kannel:13013/cgi-bin/sendsms
    username: sportello
    password: pw
    token: t0k
`), 0o600)
	out, _, err := run(t, dir, "sms", "check", "--sms-config", file)
	if err != nil || !strings.Contains(out, `get-url = "https://sportello.example/sms/kannel/inbound?token=t0k&from=%p`) {
		t.Errorf("sms check: %v\n%s", err, out)
	}
	os.WriteFile(file, []byte("gateways:\n  - name: k\n    type: kannel\n"), 0o600)
	if _, _, err := run(t, dir, "sms", "check", "--sms-config", file); err == nil || !strings.Contains(err.Error(), "sendsms_url") {
		t.Errorf("bad configuration: %v", err)
	}
}
