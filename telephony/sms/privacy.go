package sms

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// KeySize is the length of both keys, in bytes.
const KeySize = 32

// Environment variables that carry the keys; without them the keys are
// read from (or created in) the data folder.
const (
	EnvPseudonymKey = "SPORTELLO_PSEUDONYM_KEY"
	EnvNumberKey    = "SPORTELLO_NUMBER_KEY"
)

// Vault turns phone numbers into pseudonyms and keeps them encrypted.
//
// A pseudonym is an HMAC-SHA256 of the number under a secret key: a plain
// hash of a phone number is no pseudonym at all, since every Italian
// mobile number can be hashed in under a minute on two cores. The number
// itself is kept only sealed with AES-256-GCM under a second key, and only
// as long as a reply or a callback needs it.
type Vault struct {
	pseudonymKey []byte
	aead         cipher.AEAD
}

// sealAD binds sealed numbers to their purpose, so a ciphertext made for
// something else under the same key does not open as a number.
var sealAD = []byte("sportello sms number v1")

// NewVault returns a vault with the two keys, each KeySize random bytes.
func NewVault(pseudonymKey, numberKey []byte) (*Vault, error) {
	if len(pseudonymKey) != KeySize || len(numberKey) != KeySize {
		return nil, fmt.Errorf("sms: the pseudonym and number keys must be %d bytes each", KeySize)
	}
	if hmac.Equal(pseudonymKey, numberKey) {
		return nil, errors.New("sms: the pseudonym and number keys must differ")
	}
	block, err := aes.NewCipher(numberKey)
	if err != nil {
		return nil, fmt.Errorf("sms: number key: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("sms: number key: %w", err)
	}
	return &Vault{pseudonymKey: append([]byte(nil), pseudonymKey...), aead: aead}, nil
}

var pseudonymEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// Pseudonym returns the contact of a number in conversations, logs and
// the outbox: "sms:" and 160 bits of HMAC-SHA256, the same for the same
// number as long as the key stays.
func (v *Vault) Pseudonym(number string) string {
	m := hmac.New(sha256.New, v.pseudonymKey)
	m.Write([]byte(number))
	return "sms:" + pseudonymEncoding.EncodeToString(m.Sum(nil)[:20])
}

// Seal encrypts a number.
func (v *Vault) Seal(number string) ([]byte, error) {
	nonce := make([]byte, v.aead.NonceSize(), v.aead.NonceSize()+len(number)+v.aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		return nil, fmt.Errorf("sms: seal: %w", err)
	}
	return v.aead.Seal(nonce, nonce, []byte(number), sealAD), nil
}

// ErrSealed means a sealed number could not be opened: it was sealed
// under another key, or altered.
var ErrSealed = errors.New("sms: the sealed number cannot be opened")

// Open decrypts a number sealed by Seal.
func (v *Vault) Open(sealed []byte) (string, error) {
	n := v.aead.NonceSize()
	if len(sealed) < n+v.aead.Overhead() {
		return "", ErrSealed
	}
	b, err := v.aead.Open(nil, sealed[:n], sealed[n:], sealAD)
	if err != nil {
		return "", ErrSealed
	}
	return string(b), nil
}

// LoadVault builds the vault from the keys in the environment
// (SPORTELLO_PSEUDONYM_KEY, SPORTELLO_NUMBER_KEY: 32 bytes in base64 or
// hex, e.g. `openssl rand -base64 32`), or else from the files
// secrets/pseudonym.key and secrets/number.key in dataDir, which it
// creates with fresh random keys (mode 0600) on first start. The keys are
// never written anywhere else; losing the pseudonym key splits every
// citizen's history in two, losing the number key makes pending replies
// unsendable.
func LoadVault(dataDir string, getenv func(string) string) (*Vault, error) {
	pk, err := loadKey(dataDir, "pseudonym.key", getenv(EnvPseudonymKey), EnvPseudonymKey)
	if err != nil {
		return nil, err
	}
	nk, err := loadKey(dataDir, "number.key", getenv(EnvNumberKey), EnvNumberKey)
	if err != nil {
		return nil, err
	}
	return NewVault(pk, nk)
}

// LoadSecret returns the named secret of dataDir/secrets, creating it with
// KeySize random bytes on first use; the demo gateway and the tests share
// secrets this way.
func LoadSecret(dataDir, name string) ([]byte, error) {
	return loadKey(dataDir, name, "", "")
}

func loadKey(dataDir, file, env, envName string) ([]byte, error) {
	if env != "" {
		k, err := decodeKey(env)
		if err != nil {
			return nil, fmt.Errorf("sms: %s: %w", envName, err)
		}
		return k, nil
	}
	if dataDir == "" {
		return nil, fmt.Errorf("sms: no data folder to keep %s in, and %s is not set", file, envName)
	}
	dir := filepath.Join(dataDir, "secrets")
	path := filepath.Join(dir, file)
	if b, err := os.ReadFile(path); err == nil {
		k, err := decodeKey(strings.TrimSpace(string(b)))
		if err != nil {
			return nil, fmt.Errorf("sms: key file %s: %w", path, err)
		}
		return k, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("sms: read key: %w", err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("sms: create the secrets folder: %w", err)
	}
	k := make([]byte, KeySize)
	rand.Read(k)
	// Written whole to a temporary file, then linked into place: when two
	// processes start at once, one key wins and the other process reads
	// it, never a half-written file.
	tmp, err := os.CreateTemp(dir, file+".*")
	if err != nil {
		return nil, fmt.Errorf("sms: create key: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(base64.StdEncoding.EncodeToString(k) + "\n"); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("sms: write key: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return nil, fmt.Errorf("sms: write key: %w", err)
	}
	if err := os.Link(tmp.Name(), path); errors.Is(err, fs.ErrExist) {
		return loadKey(dataDir, file, env, envName)
	} else if err != nil {
		return nil, fmt.Errorf("sms: create key: %w", err)
	}
	return k, nil
}

// decodeKey reads KeySize bytes written in base64 (standard or URL) or hex.
func decodeKey(s string) ([]byte, error) {
	for _, dec := range []func(string) ([]byte, error){
		base64.StdEncoding.DecodeString, base64.RawStdEncoding.DecodeString,
		base64.URLEncoding.DecodeString, base64.RawURLEncoding.DecodeString, hex.DecodeString,
	} {
		if b, err := dec(s); err == nil && len(b) == KeySize {
			return b, nil
		}
	}
	return nil, fmt.Errorf("a key must be %d random bytes in base64 or hex (for example the output of `openssl rand -base64 32`)", KeySize)
}
