package gateway_test

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sportello/sportello/telephony"
	"github.com/sportello/sportello/telephony/concat"
	"github.com/sportello/sportello/telephony/gateway"
	"github.com/sportello/sportello/telephony/outbox"
)

// Where Debian's kannel and kannel-extras packages put the programs;
// KANNEL_SBIN and KANNEL_FAKESMSC override them.
var (
	kannelSbin  = envOr("KANNEL_SBIN", "/usr/sbin")
	fakesmscBin = envOr("KANNEL_FAKESMSC", "/usr/lib/kannel/test/fakesmsc")
)

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// kannel is a real Kannel on loopback: bearerbox with a fake SMSC
// connection, smsbox calling our sms-service URL and serving sendsms, and
// fakesmsc playing the handsets.
type kannel struct {
	dir                                  string
	admin, smsbox, smscPort, sendsmsPort int
}

func requireKannel(t *testing.T) {
	t.Helper()
	var missing []string
	for _, p := range []string{filepath.Join(kannelSbin, "bearerbox"), filepath.Join(kannelSbin, "smsbox"), fakesmscBin} {
		if _, err := os.Stat(p); err != nil {
			missing = append(missing, p)
		}
	}
	if len(missing) == 0 {
		return
	}
	msg := fmt.Sprintf("Kannel is not installed (%s missing): install the Debian packages kannel and kannel-extras, as scripts/install-test-deps.sh does for make test",
		strings.Join(missing, ", "))
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + "; CI=true requires the Kannel test to run")
	}
	t.Skip(msg + "; skipping")
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// start runs a Kannel program in k.dir until the test ends, with its
// output in name.out.
func (k *kannel) start(t *testing.T, name string, args ...string) *exec.Cmd {
	t.Helper()
	out, err := os.Create(filepath.Join(k.dir, name+".out"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir, cmd.Stdout, cmd.Stderr = k.dir, out, out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", name, err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		out.Close()
	})
	return cmd
}

// waitPort waits until something listens on port.
func (k *kannel) waitPort(t *testing.T, what string, port int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port))
		if err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			k.dump(t)
			t.Fatalf("%s did not listen on port %d", what, port)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// dump logs what the Kannel programs wrote, for a failed test.
func (k *kannel) dump(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(k.dir, "*.out"))
	logs, _ := filepath.Glob(filepath.Join(k.dir, "*.log"))
	for _, f := range append(files, logs...) {
		b, _ := os.ReadFile(f)
		if len(b) > 4000 {
			b = b[len(b)-4000:]
		}
		t.Logf("--- %s\n%s", filepath.Base(f), b)
	}
}

func startKannel(t *testing.T, getURL string) *kannel {
	k := &kannel{dir: t.TempDir(), admin: freePort(t), smsbox: freePort(t), smscPort: freePort(t), sendsmsPort: freePort(t)}
	conf := fmt.Sprintf(`group = core
admin-port = %d
admin-password = %s
smsbox-port = %d
box-allow-ip = 127.0.0.1
dlr-storage = internal
log-file = "bearerbox.log"
log-level = 1

group = smsc
smsc = fake
smsc-id = fake
port = %d
connect-allow-ip = 127.0.0.1

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = %d
sendsms-port = %d
mo-recode = true
log-file = "smsbox.log"
log-level = 1

group = sendsms-user
username = sportello
password = pw
max-messages = 10
concatenation = true

group = sms-service
keyword = default
catch-all = true
max-messages = 0
get-url = "%s"
`, k.admin, "admin-secret", k.smsbox, k.smscPort, k.smsbox, k.sendsmsPort, getURL)
	if err := os.WriteFile(filepath.Join(k.dir, "kannel.conf"), []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	k.start(t, "bearerbox", filepath.Join(kannelSbin, "bearerbox"), "-v", "1", "kannel.conf")
	k.waitPort(t, "bearerbox", k.smsbox)
	k.start(t, "smsbox", filepath.Join(kannelSbin, "smsbox"), "-v", "1", "kannel.conf")
	k.waitPort(t, "smsbox's sendsms", k.sendsmsPort)
	return k
}

// gotRE reads fakesmsc's line for a message it received:
// "Got message N: <from to type [udh UDH] data>".
var gotRE = regexp.MustCompile(`Got message \d+: <(\S+) (\S+) (\S+) (.*)>$`)

// handsetMessage is one message fakesmsc received, reassembled.
type handsetMessage struct {
	from, to, text string
	ucs2           bool
	parts          int
}

// received reads what fakesmsc got, reassembling concatenated parts with
// the same reassembler the SMPP connector uses.
func received(t *testing.T, out string) []handsetMessage {
	t.Helper()
	b, _ := os.ReadFile(out)
	r, err := concat.New(concat.Config{})
	if err != nil {
		t.Fatal(err)
	}
	var msgs []handsetMessage
	for _, line := range strings.Split(string(b), "\n") {
		m := gotRE.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		from, to, typ, rest := m[1], m[2], m[3], m[4]
		switch typ {
		case "text":
			msgs = append(msgs, handsetMessage{from: from, to: to, text: rest, parts: 1})
		case "ucs-2":
			raw, err := url.QueryUnescape(rest)
			if err != nil {
				t.Fatalf("fakesmsc line %q: %v", line, err)
			}
			text, err := telephony.DecodeUCS2([]byte(raw))
			if err != nil {
				t.Fatalf("fakesmsc line %q: %v", line, err)
			}
			msgs = append(msgs, handsetMessage{from: from, to: to, text: text, ucs2: true, parts: 1})
		case "udh":
			// "udh UDH data DATA" (UCS-2 parts) or "udh UDH text TEXT".
			f := strings.SplitN(rest, " ", 3)
			if len(f) != 3 {
				t.Fatalf("fakesmsc line %q", line)
			}
			udh, err1 := url.QueryUnescape(f[0])
			data, err2 := url.QueryUnescape(f[2])
			if err1 != nil || err2 != nil {
				t.Fatalf("fakesmsc line %q", line)
			}
			part := concat.Part{Source: from, Dest: to, UDHI: true, ShortMessage: []byte(udh + data)}
			if f[1] == "data" {
				part.DataCoding = 8
			} else {
				sept, err := telephony.EncodeGSM7(data)
				if err != nil {
					t.Fatalf("fakesmsc line %q: %v", line, err)
				}
				part.ShortMessage = append([]byte(udh), sept...)
			}
			res := r.Add(time.Now(), part)
			switch res.Outcome {
			case concat.Complete:
				msgs = append(msgs, handsetMessage{from: from, to: to, text: res.Message.Text, ucs2: part.DataCoding == 8, parts: res.Message.Parts})
			case concat.Invalid:
				t.Fatalf("fakesmsc line %q: %v", line, res.Err)
			}
		}
	}
	return msgs
}

// TestKannelEndToEnd runs Sportello behind a real Kannel: messages typed
// into fakesmsc reach the channel through smsbox's sms-service, and the
// replies come back through sendsms, in GSM-7 or in UCS-2 parts, with
// Kannel's delivery reports reaching the outbox.
func TestKannelEndToEnd(t *testing.T) {
	requireKannel(t)
	k := gateway.NewKannel("kannel", "", "sportello", "pw", "kannel-token", "", nil)
	c := newChannel(t, k)
	k.PublicURL = c.srv.URL + "/sms/kannel"
	c.Service.From = "44001"
	kn := startKannel(t, k.KannelService())
	k.SendSMSURL = fmt.Sprintf("http://127.0.0.1:%d/cgi-bin/sendsms", kn.sendsmsPort)
	k.Client = c.srv.Client()

	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	c.Worker.Poll = 20 * time.Millisecond
	go func() { done <- c.Worker.Run(ctx) }()
	t.Cleanup(func() { stop(); <-done })

	// An Arabic question in UCS-2 (fakesmsc takes url-encoded UTF-16BE):
	// the reply is the entry's short answer cut to two UCS-2 segments with
	// its link, so it comes back concatenated.
	arabic := url.QueryEscape(string(telephony.EncodeUCS2("كيف أجدد بطاقة الهوية الإلكترونية؟")))
	got := kn.exchange(t, "fakesmsc-ar", "+393331112222 44001 ucs2 "+arabic)
	if got.from != "44001" || got.to != "+393331112222" || !got.ucs2 || got.parts != 2 {
		t.Errorf("reply from %s to %s, UCS-2 %v, %d parts", got.from, got.to, got.ucs2, got.parts)
	}
	if !strings.HasPrefix(got.text, "احجز") || !strings.HasSuffix(got.text, "https://sportello.example/ar/faq/cie-rinnovo") {
		t.Errorf("Arabic reply %q", got.text)
	}
	// HELP in Italian, as plain text: one GSM-7 segment back.
	got = kn.exchange(t, "fakesmsc-it", "+393334445555 44001 text AIUTO")
	if got.ucs2 || got.parts != 1 || !strings.Contains(got.text, "OPERATORE") || got.to != "+393334445555" {
		t.Errorf("Italian reply %+v", got)
	}
	// Kannel's delivery reports (SMSC ack, then delivered) reach the
	// outbox through the signed dlr-url.
	deadline := time.Now().Add(30 * time.Second)
	for {
		n, err := c.Store.Counts(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n[outbox.Delivered] == 2 {
			break
		}
		if time.Now().After(deadline) {
			kn.dump(t)
			t.Fatalf("outbox %v: the delivery reports did not arrive", n)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// exchange connects a fakesmsc that sends msg once, waits for the one
// message that comes back, and disconnects it.
func (k *kannel) exchange(t *testing.T, name, msg string) handsetMessage {
	t.Helper()
	cmd := k.start(t, name, fakesmscBin, "-H", "127.0.0.1", "-r", fmt.Sprint(k.smscPort), "-i", "0.1", "-m", "1", msg)
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	out := filepath.Join(k.dir, name+".out")
	deadline := time.Now().Add(60 * time.Second)
	for {
		if msgs := received(t, out); len(msgs) > 0 {
			if len(msgs) > 1 {
				t.Errorf("%d replies to one message", len(msgs))
			}
			return msgs[0]
		}
		if time.Now().After(deadline) {
			k.dump(t)
			t.Fatalf("%s: no reply came back", name)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
