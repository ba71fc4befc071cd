// Command cosigninterop checks what running Touchline cluster nodes serve as their checkpoint with Go: the note opens
// with golang.org/x/mod/sumdb/note knowing only the log keys (the cosignature lines are unknown signatures to it), and
// each C2SP tlog-cosignature v1 line is checked here from the spec alone with crypto/ed25519. ClusterTest runs:
//
//	GOPATH=/usr/share/gocode GO111MODULE=off go run cosigninterop.go common.go input.json  (common.go: ledger/src/test/go)
//
// It prints "go cosignature interop: N checks passed" or the first failure and exits 1.
package main

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
)

type input struct {
	LogKeys   []string
	Cosigners []string
	Notes     []string
}

const program = "go cosignature interop"

type cosigner struct {
	name string
	id   uint32
	key  ed25519.PublicKey
}

// parseCosigner reads <name>+<key ID hex>+base64(0x04 || key) and checks the key ID: SHA-256(name || "\n" || 0x04 || key)[:4].
func parseCosigner(vkey string) cosigner {
	parts := strings.SplitN(vkey, "+", 3)
	if len(parts) != 3 {
		fail("cosigner key %q", vkey)
	}
	raw, err := base64.StdEncoding.DecodeString(parts[2])
	if err != nil || len(raw) != 33 || raw[0] != 0x04 {
		fail("cosigner key %q is not type 0x04 Ed25519", vkey)
	}
	h := sha256.Sum256(append([]byte(parts[0]+"\n"), raw...))
	id := binary.BigEndian.Uint32(h[:4])
	if fmt.Sprintf("%08x", id) != parts[1] {
		fail("cosigner key %q: key ID should be %08x", vkey, id)
	}
	ok()
	return cosigner{parts[0], id, ed25519.PublicKey(raw[1:])}
}

func main() {
	var in input
	readInput(&in)
	var logs []note.Verifier
	for _, k := range in.LogKeys {
		logs = append(logs, verifier(k))
	}
	var cosigners []cosigner
	for _, k := range in.Cosigners {
		cosigners = append(cosigners, parseCosigner(k))
	}
	for i, msg := range in.Notes {
		n, err := note.Open([]byte(msg), note.VerifierList(logs...))
		if err != nil {
			fail("note %d: note.Open: %v\n%s", i, err, msg)
		}
		ok()
		all := append(append([]note.Signature{}, n.Sigs...), n.UnverifiedSigs...)
		found := 0
		for _, c := range cosigners {
			for _, s := range all {
				if s.Name != c.name || s.Hash != c.id {
					continue
				}
				raw, err := base64.StdEncoding.DecodeString(s.Base64)
				if err != nil || len(raw) != 4+8+64 {
					fail("note %d: cosignature of %s is not key ID, u64 time and an Ed25519 signature", i, c.name)
				}
				ts := binary.BigEndian.Uint64(raw[4:12])
				signed := "cosignature/v1\ntime " + strconv.FormatUint(ts, 10) + "\n" + n.Text
				if !ed25519.Verify(c.key, []byte(signed), raw[12:]) {
					fail("note %d: cosignature of %s does not verify", i, c.name)
				}
				found++
				ok()
			}
		}
		if found != len(cosigners) {
			fail("note %d carries %d of the %d cosignatures", i, found, len(cosigners))
		}
	}
	fmt.Printf("%s: %d checks passed\n", program, checks)
}
