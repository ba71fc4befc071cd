// Command interop checks Touchline ledger output with Go's own transparency log code,
// golang.org/x/mod/sumdb/tlog and golang.org/x/mod/sumdb/note, as packaged by Debian
// (golang-golang-x-mod-dev). GoInteropTest writes the input file and runs:
//
//	GOPATH=/usr/share/gocode GO111MODULE=off go run interop.go common.go input.json
//
// It prints "go interop: N checks passed" or the first failure and exits 1.
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type input struct {
	Origin         string
	VerifierKey    string
	LeafCount      int64
	LeafPrefix     string
	CheckpointNote string
	TamperedNote   string
	Roots          []struct {
		Size int64
		Hash string
	}
	Inclusion []struct {
		Index    int64
		TreeSize int64
		Hashes   []string
	}
	BadInclusion []struct {
		Index    int64
		TreeSize int64
		Hashes   []string
	}
	Consistency []struct {
		OldSize int64
		NewSize int64
		Hashes  []string
	}
	Tiles []struct {
		Path  string
		Level int
		Index int64
		Width int
		Data  string
	}
	Bundles []struct {
		Path  string
		Index int64
		Width int
		Data  string
	}
	Receipt      string
	ReceiptIndex int64
}

const program = "go interop"

func leafData(in *input, i int64) []byte {
	return []byte(in.LeafPrefix + strconv.FormatInt(i, 10))
}

func main() {
	var in input
	readInput(&in)

	// The verifier key text and the signed checkpoint.
	verifier := verifier(in.VerifierKey)
	origin, size, root := checkpoint(verifier, in.CheckpointNote)
	if origin != in.Origin || size != in.LeafCount {
		fail("checkpoint origin/size %q %d", origin, size)
	}
	ok()
	if _, err := note.Open([]byte(in.TamperedNote), note.VerifierList(verifier)); err == nil {
		fail("note.Open accepted a tampered checkpoint")
	}
	ok()

	// Rebuild the tree with tlog from the leaf data alone.
	var stored []tlog.Hash
	reader := tlog.HashReaderFunc(func(indexes []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(indexes))
		for i, x := range indexes {
			if x >= int64(len(stored)) {
				return nil, fmt.Errorf("no stored hash %d", x)
			}
			out[i] = stored[x]
		}
		return out, nil
	})
	for i := int64(0); i < in.LeafCount; i++ {
		hs, err := tlog.StoredHashes(i, leafData(&in, i), reader)
		if err != nil {
			fail("StoredHashes: %v", err)
		}
		stored = append(stored, hs...)
	}
	treeHash := func(n int64) tlog.Hash {
		h, err := tlog.TreeHash(n, reader)
		if err != nil {
			fail("TreeHash(%d): %v", n, err)
		}
		return h
	}
	if treeHash(size) != root {
		fail("checkpoint root differs from tlog.TreeHash(%d)", size)
	}
	ok()
	for _, r := range in.Roots {
		if treeHash(r.Size).String() != r.Hash {
			fail("root of size %d: java %s, go %s", r.Size, r.Hash, treeHash(r.Size))
		}
		ok()
	}

	// Inclusion proofs: tlog.CheckRecord accepts them and tlog.ProveRecord makes the same ones.
	for _, p := range in.Inclusion {
		proof := tlog.RecordProof(hashes(p.Hashes))
		leaf := tlog.RecordHash(leafData(&in, p.Index))
		if err := tlog.CheckRecord(proof, p.TreeSize, treeHash(p.TreeSize), p.Index, leaf); err != nil {
			fail("CheckRecord(index %d, size %d): %v", p.Index, p.TreeSize, err)
		}
		mine, err := tlog.ProveRecord(p.TreeSize, p.Index, reader)
		if err != nil || fmt.Sprint(mine) != fmt.Sprint(proof) {
			fail("ProveRecord(index %d, size %d) differs from Java's proof", p.Index, p.TreeSize)
		}
		ok()
	}
	for _, p := range in.BadInclusion {
		proof := tlog.RecordProof(hashes(p.Hashes))
		leaf := tlog.RecordHash(leafData(&in, p.Index))
		if err := tlog.CheckRecord(proof, p.TreeSize, treeHash(p.TreeSize), p.Index, leaf); err == nil {
			fail("CheckRecord accepted a corrupted proof for index %d", p.Index)
		}
		ok()
	}

	// Consistency proofs: tlog.CheckTree accepts them and tlog.ProveTree makes the same ones.
	for _, p := range in.Consistency {
		proof := tlog.TreeProof(hashes(p.Hashes))
		if err := tlog.CheckTree(proof, p.NewSize, treeHash(p.NewSize), p.OldSize, treeHash(p.OldSize)); err != nil {
			fail("CheckTree(%d -> %d): %v", p.OldSize, p.NewSize, err)
		}
		mine, err := tlog.ProveTree(p.NewSize, p.OldSize, reader)
		if err != nil || fmt.Sprint(mine) != fmt.Sprint(proof) {
			fail("ProveTree(%d -> %d) differs from Java's proof", p.OldSize, p.NewSize)
		}
		ok()
	}

	// Hash tiles: same bytes as tlog.ReadTileData, same path as tlog.Tile.Path
	// (which spells the C2SP "tile/<L>/..." as "tile/8/<L>/..." with the height).
	for _, t := range in.Tiles {
		tile := tlog.Tile{H: 8, L: t.Level, N: t.Index, W: t.Width}
		data, err := tlog.ReadTileData(tile, reader)
		if err != nil {
			fail("ReadTileData(%v): %v", tile, err)
		}
		if base64.StdEncoding.EncodeToString(data) != t.Data {
			fail("tile %s differs from tlog.ReadTileData", t.Path)
		}
		if goPath := strings.Replace(tile.Path(), "tile/8/", "tile/", 1); goPath != t.Path {
			fail("tile path: java %s, go %s", t.Path, goPath)
		}
		parsed, err := tlog.ParseTilePath("tile/8/" + strings.TrimPrefix(t.Path, "tile/"))
		if err != nil || parsed != tile {
			fail("tlog.ParseTilePath(%s) = %v, %v", t.Path, parsed, err)
		}
		ok()
	}

	// Entry bundles: uint16-length-prefixed leaf data; the path matches tlog's data tile path.
	for _, b := range in.Bundles {
		data, err := base64.StdEncoding.DecodeString(b.Data)
		if err != nil {
			fail("bundle data: %v", err)
		}
		for i := 0; i < b.Width; i++ {
			if len(data) < 2 {
				fail("bundle %s ends early", b.Path)
			}
			n := int(binary.BigEndian.Uint16(data))
			entry := data[2 : 2+n]
			data = data[2+n:]
			want := leafData(&in, b.Index*256+int64(i))
			if !bytes.Equal(entry, want) {
				fail("bundle %s entry %d = %q, want %q", b.Path, i, entry, want)
			}
		}
		if len(data) != 0 {
			fail("bundle %s has trailing bytes", b.Path)
		}
		tile := tlog.Tile{H: 8, L: -1, N: b.Index, W: b.Width}
		if goPath := strings.Replace(tile.Path(), "tile/8/data/", "tile/entries/", 1); goPath != b.Path {
			fail("bundle path: java %s, go %s", b.Path, goPath)
		}
		ok()
	}

	// A c2sp.org/tlog-proof receipt, read the way transparency-dev/merkle's VerifyTLogProof does.
	lines := strings.SplitAfter(in.Receipt, "\n")
	if lines[0] != "c2sp.org/tlog-proof@v1\n" {
		fail("receipt header %q", lines[0])
	}
	i := 1
	if strings.HasPrefix(lines[i], "extra ") {
		i++
	}
	index, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimPrefix(lines[i], "index "), "\n"), 10, 64)
	if err != nil || index != in.ReceiptIndex {
		fail("receipt index line %q", lines[i])
	}
	i++
	var proof tlog.RecordProof
	for ; lines[i] != "\n"; i++ {
		h, err := tlog.ParseHash(strings.TrimSuffix(lines[i], "\n"))
		if err != nil {
			fail("receipt hash line %q", lines[i])
		}
		proof = append(proof, h)
	}
	_, rsize, rroot := checkpoint(verifier, strings.Join(lines[i+1:], ""))
	if err := tlog.CheckRecord(proof, rsize, rroot, index, tlog.RecordHash(leafData(&in, index))); err != nil {
		fail("receipt proof: %v", err)
	}
	ok()

	fmt.Printf("go interop: %d checks passed\n", checks)
}
