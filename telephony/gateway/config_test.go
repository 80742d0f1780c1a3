package gateway_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sportello/sportello/telephony/gateway"
)

func writeConfig(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "sms.yaml")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadConfig(t *testing.T) {
	secretFile := filepath.Join(t.TempDir(), "agg")
	os.WriteFile(secretFile, []byte("from-a-file\n"), 0o600)
	p := writeConfig(t, `
short_code: "44001"
base_url: https://sportello.example
handoff_phone: "02 02 02"
max_segments: 3
transliterate: [ro, sq]
outbox: {concurrency: 2, rate: 5}
gateways:
  - name: twilio
    type: twilio
    public_url: https://sportello.example/sms/twilio
    account_sid: AC1
    auth_token: env:TW_TOKEN
  - name: kannel
    type: kannel
    public_url: http://sportello.internal/sms/kannel
    sendsms_url: http://kannel:13013/cgi-bin/sendsms
    username: sportello
    password: env:KANNEL_PW
    token: env:KANNEL_TOKEN
  - name: agg
    type: json
    send_url: https://agg.example/send
    secret: file:`+secretFile+`
  - name: demo
    type: demo
  - name: carrier
    type: smpp
    addr: smsc.example:2775
    system_id: sportello
    password: env:KANNEL_PW
    short_code_ton: 3
    gsm_data_coding: 1
`)
	env := map[string]string{"TW_TOKEN": "tw", "KANNEL_PW": "pw", "KANNEL_TOKEN": "tok"}
	c, err := gateway.LoadConfig(p, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if c.Gateways[0].AuthToken.Value() != "tw" || c.Gateways[2].Secret.Value() != "from-a-file" || c.Outbox.Concurrency != 2 {
		t.Errorf("config %+v", c)
	}
	ch := c.ChannelConfig()
	if ch.From != "44001" || ch.MaxSegments != 3 || len(ch.Transliterate) != 2 || ch.HandoffPhone != "02 02 02" {
		t.Errorf("channel config %+v", ch)
	}
	if sc := c.Gateways[4].SMPP(nil); sc.Addr != "smsc.example:2775" || sc.Password != "pw" || sc.ShortCodeTON != 3 || sc.Codings.GSM != 1 || sc.Gateway != "carrier" {
		t.Errorf("smpp config %+v", sc)
	}
	gws, err := c.Build(nil, []byte("demo"))
	if err != nil || len(gws) != 4 || gws[1].Name() != "kannel" {
		t.Fatalf("built %v, %v", gws, err)
	}
	if _, err := c.Build(nil, nil); err == nil {
		t.Error("the demo gateway was built without its secret")
	}
}

func TestConfigErrors(t *testing.T) {
	cases := map[string]struct{ yaml, want string }{
		"unknown key":      {"gateways:\n  - name: a\n    type: json\n    sendurl: x\n", "sendurl"},
		"unknown type":     {"gateways:\n  - name: a\n    type: smtp\n", "use smpp, twilio, kannel, json or demo"},
		"smpp missing":     {"gateways:\n  - name: s\n    type: smpp\n", "system_id"},
		"smpp bad coding":  {"gateways:\n  - name: s\n    type: smpp\n    addr: h:1\n    system_id: x\n    gsm_data_coding: 3\n", "data_coding 3"},
		"bad name":         {"gateways:\n  - name: My Gateway\n    type: demo\n", "lower-case"},
		"duplicate":        {"gateways:\n  - name: a\n    type: demo\n  - name: a\n    type: demo\n", "used twice"},
		"twilio missing":   {"gateways:\n  - name: t\n    type: twilio\n", "account_sid"},
		"kannel missing":   {"gateways:\n  - name: k\n    type: kannel\n    sendsms_url: http://k/cgi-bin/sendsms\n", "token"},
		"unset env secret": {"gateways:\n  - name: j\n    type: json\n    send_url: http://j/\n    secret: env:NOPE\n", "NOPE is not set"},
		"not a URL":        {"gateways:\n  - name: j\n    type: json\n    send_url: ftp://j/\n    secret: x\n", "not an http(s) URL"},
		"segments":         {"max_segments: 40\n", "max_segments"},
		"base url":         {"base_url: sportello.example\n", "base_url"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := gateway.LoadConfig(writeConfig(t, tc.yaml), func(string) string { return "" })
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one mentioning %q", err, tc.want)
			}
		})
	}
	if _, err := gateway.LoadConfig(filepath.Join(t.TempDir(), "missing.yaml"), os.Getenv); err == nil {
		t.Error("a missing file was accepted")
	}
}
