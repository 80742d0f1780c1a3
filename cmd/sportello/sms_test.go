package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sportello/sportello/telephony/smpp/smsctest"
	"github.com/sportello/sportello/web"
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

// TestServeWithSMPP runs serve with an SMPP carrier configured, against
// the fake SMSC of telephony/smpp: an Arabic question in three UDH parts
// comes in, its reply goes out as UCS-2 submit_sm, and the carrier's
// delivery receipt reaches the outbox.
func TestServeWithSMPP(t *testing.T) {
	smsc, err := smsctest.Start(smsctest.Config{SystemID: "sportello", Password: "pw"})
	if err != nil {
		t.Fatal(err)
	}
	defer smsc.Close()
	dir := t.TempDir()
	file := filepath.Join(dir, "sms.yaml")
	os.WriteFile(file, []byte(`short_code: "44001"
base_url: https://sportello.example
gateways:
  - name: carrier
    type: smpp
    addr: `+smsc.Addr()+`
    system_id: sportello
    password: pw
`), 0o600)
	srv := startServe(t, dir, "--sms-config", file)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := smsc.WaitBinds(ctx, 1); err != nil {
		t.Fatal(err)
	}
	q := "السلام عليكم، بطاقة الهوية الخاصة بي ستنتهي الشهر القادم وأنا أعمل طوال الأسبوع. كيف أجدد بطاقة الهوية الإلكترونية؟"
	st, err := smsc.Deliver(ctx, smsctest.MO{From: "+393331112222", To: "44001", Text: q, DataCoding: 8, Form: smsctest.UDH8, Ref: 7, PartOctets: 80})
	if err != nil || len(st) < 2 {
		t.Fatalf("deliver: %v %v", st, err)
	}
	var got []smsctest.Message
	for len(got) == 0 {
		if ctx.Err() != nil {
			t.Fatalf("no reply reached the SMSC; logs:\n%s", srv.logs.String())
		}
		time.Sleep(20 * time.Millisecond)
		got = smsc.Messages()
	}
	m := got[0]
	if m.Dest != "393331112222" || m.Source != "44001" || m.DataCoding != 8 || !strings.Contains(m.Text, "احجز") {
		t.Errorf("reply %+v", m)
	}
	for _, id := range m.MessageIDs {
		if _, err := smsc.SendReceipt(ctx, smsctest.Receipt{MessageID: id, From: "+393331112222", To: "44001", Stat: "DELIVRD", Err: "000"}); err != nil {
			t.Fatal(err)
		}
	}
	for {
		out, _, err := run(t, dir, "sms", "status")
		if err == nil && strings.Contains(out, "delivered  1") {
			break
		}
		if ctx.Err() != nil {
			t.Fatalf("sms status never showed the delivery:\n%s", out)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestSMSMetrics(t *testing.T) {
	m := web.NewMetrics()
	o := smsMetrics{m}
	o.Inbound("carrier", "reply")
	o.Inbound("carrier", "duplicate")
	o.Inbound("carrier", "invalid")
	o.Sent("carrier", 2)
	o.Failed("carrier", "permanent")
	o.Failed("carrier", "undeliverable")
	want := map[string]float64{
		`sportello_sms_received_total{gateway="carrier"}`:                    1,
		`sportello_sms_sent_parts_total{gateway="carrier"}`:                  2,
		`sportello_sms_failed_total{gateway="carrier",reason="submit"}`:      1,
		`sportello_sms_failed_total{gateway="carrier",reason="undelivered"}`: 1,
	}
	families, err := m.Registry().Gather()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, f := range families {
		for _, s := range f.GetMetric() {
			key := f.GetName() + "{"
			for i, l := range s.GetLabel() {
				if i > 0 {
					key += ","
				}
				key += l.GetName() + `="` + l.GetValue() + `"`
			}
			got[key+"}"] = s.GetCounter().GetValue()
		}
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
	smsMetrics{}.Sent("x", 1) // no metrics: nothing, and no panic
}
