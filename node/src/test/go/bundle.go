// Checks a Touchline export bundle with Go's golang.org/x/mod/sumdb/note and tlog, knowing nothing of Touchline:
// the checkpoint is a signed note, each entry's leaf is a tlog record and its proof a tlog.RecordProof, and each
// personal part hashes with its salt to the commitment its leaf carries.
package main

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"

	"golang.org/x/mod/sumdb/tlog"
)

const program = "go bundle"

type entry struct {
	Index    int64    `json:"index"`
	Leaf     string   `json:"leaf"`
	Proof    []string `json:"proof"`
	Salt     string   `json:"salt"`
	Personal *string  `json:"personal"`
}

type bundle struct {
	VerifierKey string  `json:"verifierKey"`
	Checkpoint  string  `json:"checkpoint"`
	Entries     []entry `json:"entries"`
}

func main() {
	var b bundle
	readInput(&b)
	_, size, root := checkpoint(verifier(b.VerifierKey), b.Checkpoint)
	ok()
	for _, e := range b.Entries {
		leaf, err := base64.StdEncoding.DecodeString(e.Leaf)
		if err != nil {
			fail("entry %d: leaf is not base64", e.Index)
		}
		if err := tlogCheckRecord(e.Proof, size, root, e.Index, leaf); err != nil {
			fail("entry %d: tlog.CheckRecord: %v", e.Index, err)
		}
		ok()
		if e.Personal == nil {
			continue
		}
		var header struct {
			Commitment string `json:"commitment"`
		}
		if err := json.Unmarshal(leaf, &header); err != nil {
			fail("entry %d: leaf is not JSON", e.Index)
		}
		salt, _ := base64.StdEncoding.DecodeString(e.Salt)
		sum := sha256.Sum256(append(salt, []byte(*e.Personal)...))
		if base64.StdEncoding.EncodeToString(sum[:]) != header.Commitment {
			fail("entry %d: SHA-256(salt || personal part) is not the leaf's commitment", e.Index)
		}
		ok()
	}
	fmt.Printf("%s: %d checks passed\n", program, checks)
}

// tlogCheckRecord is tlog.CheckRecord on a bundle's base64 proof and raw leaf (tlog.RecordHash is RFC 6962's leaf hash).
func tlogCheckRecord(proof []string, size int64, root tlog.Hash, index int64, leaf []byte) error {
	return tlog.CheckRecord(tlog.RecordProof(hashes(proof)), size, root, index, tlog.RecordHash(leaf))
}
