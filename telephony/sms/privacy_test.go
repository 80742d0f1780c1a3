package sms_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/sportello/sportello/telephony/sms"
)

func mustVault(t *testing.T, a, b byte) *sms.Vault {
	t.Helper()
	v, err := sms.NewVault(bytes.Repeat([]byte{a}, sms.KeySize), bytes.Repeat([]byte{b}, sms.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestPseudonymIsKeyed(t *testing.T) {
	v, w := mustVault(t, 1, 2), mustVault(t, 3, 2)
	p := v.Pseudonym("+393331112222")
	if p != v.Pseudonym("+393331112222") || !strings.HasPrefix(p, "sms:") || len(p) != 4+32 {
		t.Fatalf("pseudonym %q", p)
	}
	if p == v.Pseudonym("+393331112223") || p == w.Pseudonym("+393331112222") {
		t.Error("pseudonyms collide across numbers or keys")
	}
	plain := sha256.Sum256([]byte("+393331112222"))
	if strings.Contains(p, hex.EncodeToString(plain[:])[:16]) {
		t.Error("the pseudonym is a plain hash")
	}
	if _, err := sms.NewVault(make([]byte, 16), make([]byte, 32)); err == nil {
		t.Error("a short key was accepted")
	}
	if _, err := sms.NewVault(bytes.Repeat([]byte{1}, 32), bytes.Repeat([]byte{1}, 32)); err == nil {
		t.Error("one key for both uses was accepted")
	}
}

func TestSealedNumbers(t *testing.T) {
	v := mustVault(t, 1, 2)
	a, err := v.Seal("+393331112222")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := v.Seal("+393331112222")
	if bytes.Equal(a, b) || bytes.Contains(a, []byte("3331112222")) {
		t.Error("sealing is deterministic or shows the number")
	}
	if got, err := v.Open(a); err != nil || got != "+393331112222" {
		t.Fatalf("open = %q, %v", got, err)
	}
	tampered := bytes.Clone(a)
	tampered[len(tampered)-1] ^= 1
	for name, c := range map[string][]byte{"tampered": tampered, "short": a[:5], "empty": nil} {
		if _, err := v.Open(c); !errors.Is(err, sms.ErrSealed) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := mustVault(t, 1, 9).Open(a); !errors.Is(err, sms.ErrSealed) {
		t.Errorf("other key: %v", err)
	}
}

func TestLoadVault(t *testing.T) {
	dir := t.TempDir()
	none := func(string) string { return "" }
	v1, err := sms.LoadVault(dir, none)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"pseudonym.key", "number.key"} {
		st, err := os.Stat(filepath.Join(dir, "secrets", f))
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v %v", f, st, err)
		}
	}
	v2, err := sms.LoadVault(dir, none)
	if err != nil || v1.Pseudonym("+391") != v2.Pseudonym("+391") {
		t.Fatalf("a restart changed the keys: %v", err)
	}
	sealed, _ := v1.Seal("+391234")
	if got, err := v2.Open(sealed); err != nil || got != "+391234" {
		t.Errorf("a restart cannot open sealed numbers: %v", err)
	}

	key := base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{7}, 32))
	env := func(k string) string {
		switch k {
		case sms.EnvPseudonymKey:
			return key
		case sms.EnvNumberKey:
			return hex.EncodeToString(bytes.Repeat([]byte{8}, 32))
		}
		return ""
	}
	v3, err := sms.LoadVault(t.TempDir(), env)
	if err != nil {
		t.Fatal(err)
	}
	if v3.Pseudonym("+391") != mustVault(t, 7, 8).Pseudonym("+391") {
		t.Error("the environment's key was not used")
	}
	bad := func(k string) string { return map[string]string{sms.EnvPseudonymKey: "short"}[k] }
	if _, err := sms.LoadVault(t.TempDir(), bad); err == nil || !strings.Contains(err.Error(), sms.EnvPseudonymKey) {
		t.Errorf("bad key: %v", err)
	}
	if _, err := sms.LoadVault("", none); err == nil {
		t.Error("no data folder and no keys was accepted")
	}
}

func TestLoadSecretConcurrently(t *testing.T) {
	dir := t.TempDir()
	keys := make([][]byte, 8)
	var wg sync.WaitGroup
	for i := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			k, err := sms.LoadSecret(dir, "demo.key")
			if err != nil {
				t.Error(err)
			}
			keys[i] = k
		}()
	}
	wg.Wait()
	for _, k := range keys {
		if !bytes.Equal(k, keys[0]) || len(k) != sms.KeySize {
			t.Fatal("processes starting together got different keys")
		}
	}
}

func TestCanonicalNumber(t *testing.T) {
	for in, want := range map[string]string{
		"+393331112222":     "+393331112222",
		"+39 333 111 2222":  "+393331112222",
		"0039-333-111.2222": "+393331112222",
		"(+39) 3331112222":  "",
		"3331112222":        "3331112222",
		"44001":             "44001",
	} {
		got, err := sms.CanonicalNumber(in)
		if want == "" {
			if err == nil {
				t.Errorf("%q accepted as %q", in, got)
			}
			continue
		}
		if err != nil || got != want {
			t.Errorf("CanonicalNumber(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "TIM", "+", "++39333", "12", "+1234567890123456", "+39 333 ☎"} {
		if _, err := sms.CanonicalNumber(in); !errors.Is(err, sms.ErrInvalid) {
			t.Errorf("CanonicalNumber(%q): %v, want ErrInvalid", in, err)
		}
	}
}
