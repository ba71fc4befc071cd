// Command serverinterop checks what a running Touchline server published (checkpoints, verifier key, entries,
// inclusion and consistency proofs, hash tiles and entry bundles) with Go's own transparency-log code,
// golang.org/x/mod/sumdb/tlog and golang.org/x/mod/sumdb/note, as packaged by Debian (golang-golang-x-mod-dev).
// ServerGoInteropTest fetches everything over HTTP, writes it to a directory and runs:
//
//	GOPATH=/usr/share/gocode GO111MODULE=off go run serverinterop.go common.go input.json  (common.go: ledger/src/test/go)
//
// It prints "go server interop: N checks passed" or the first failure and exits 1.
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type input struct {
	Origin      string
	VerifierKey string
	Checkpoints []string
	Entries     []struct {
		Index int64
		Data  string
	}
	Inclusion []struct {
		Index    int64
		TreeSize int64
		Hashes   []string
	}
	Consistency []struct {
		OldSize int64
		NewSize int64
		Hashes  []string
	}
	TileDir string
	Tiles   []string
	Bundles []string
}

const program = "go server interop"

// tileFiles is a tlog.TileReader over the tiles the server served, saved as files under their C2SP paths.
type tileFiles struct{ dir string }

func (t tileFiles) Height() int { return 8 }

func (t tileFiles) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, tile := range tiles {
		path := strings.Replace(tile.Path(), "tile/8/", "tile/", 1)
		data, err := os.ReadFile(filepath.Join(t.dir, filepath.FromSlash(path)))
		if err != nil {
			return nil, fmt.Errorf("tile %s was not fetched: %v", path, err)
		}
		out[i] = data
	}
	return out, nil
}

func (t tileFiles) SaveTiles(tiles []tlog.Tile, data [][]byte) {}

func readFile(dir, path string) []byte {
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(path)))
	if err != nil {
		fail("%v", err)
	}
	return data
}

func main() {
	var in input
	readInput(&in)

	// The verifier key and every signed checkpoint the server published, oldest first.
	verifier := verifier(in.VerifierKey)
	roots := map[int64]tlog.Hash{}
	var sizes []int64
	for _, msg := range in.Checkpoints {
		origin, size, root := checkpoint(verifier, msg)
		if origin != in.Origin {
			fail("checkpoint origin %q, want %q", origin, in.Origin)
		}
		if len(sizes) > 0 && size <= sizes[len(sizes)-1] {
			fail("checkpoint sizes do not grow: %v then %d", sizes, size)
		}
		roots[size] = root
		sizes = append(sizes, size)
		ok()
	}
	latest := in.Checkpoints[len(in.Checkpoints)-1]
	tampered := strings.Replace(latest, "\n"+strconv.FormatInt(sizes[len(sizes)-1], 10)+"\n", "\n"+strconv.FormatInt(sizes[len(sizes)-1]+1, 10)+"\n", 1)
	if tampered == latest {
		fail("could not tamper with the checkpoint")
	}
	if _, err := note.Open([]byte(tampered), note.VerifierList(verifier)); err == nil {
		fail("note.Open accepted a tampered checkpoint")
	}
	ok()

	// For each signed tree, tlog reads hashes from the served tiles, checking every tile against the signed root.
	tiles := tileFiles{in.TileDir}
	readers := map[int64]tlog.HashReader{}
	for _, size := range sizes {
		r := tlog.TileHashReader(tlog.Tree{N: size, Hash: roots[size]}, tiles)
		h, err := tlog.TreeHash(size, r)
		if err != nil {
			fail("TreeHash(%d) from the served tiles: %v", size, err)
		}
		if h != roots[size] {
			fail("TreeHash(%d) from the served tiles differs from the checkpoint", size)
		}
		readers[size] = r
		ok()
	}

	// Entry bundles: uint16-length-prefixed entries, in order, together all of the latest tree's leaves.
	var leaves [][]byte
	for _, path := range in.Bundles {
		tile, err := tlog.ParseTilePath(strings.Replace(path, "tile/entries/", "tile/8/data/", 1))
		if err != nil {
			fail("tlog.ParseTilePath(%s): %v", path, err)
		}
		if tile.N*256 != int64(len(leaves)) {
			fail("bundle %s does not follow the previous bundle", path)
		}
		data := readFile(in.TileDir, path)
		for i := 0; i < tile.W; i++ {
			if len(data) < 2 {
				fail("bundle %s ends early", path)
			}
			n := int(binary.BigEndian.Uint16(data))
			if len(data) < 2+n {
				fail("bundle %s ends inside entry %d", path, i)
			}
			leaves = append(leaves, data[2:2+n])
			data = data[2+n:]
		}
		if len(data) != 0 {
			fail("bundle %s has trailing bytes", path)
		}
		ok()
	}
	latestSize := sizes[len(sizes)-1]
	if int64(len(leaves)) != latestSize {
		fail("bundles hold %d entries, the checkpoint says %d", len(leaves), latestSize)
	}
	for _, e := range in.Entries {
		data, err := base64.StdEncoding.DecodeString(e.Data)
		if err != nil {
			fail("entry %d: %v", e.Index, err)
		}
		if !bytes.Equal(data, leaves[e.Index]) {
			fail("entry %d differs from the bundle's entry", e.Index)
		}
		ok()
	}

	// An independent tree built by tlog from the leaves alone: same roots, same tile bytes.
	var stored []tlog.Hash
	independent := tlog.HashReaderFunc(func(indexes []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(indexes))
		for i, x := range indexes {
			if x >= int64(len(stored)) {
				return nil, fmt.Errorf("no stored hash %d", x)
			}
			out[i] = stored[x]
		}
		return out, nil
	})
	for i, leaf := range leaves {
		hs, err := tlog.StoredHashes(int64(i), leaf, independent)
		if err != nil {
			fail("StoredHashes: %v", err)
		}
		stored = append(stored, hs...)
	}
	for _, size := range sizes {
		h, err := tlog.TreeHash(size, independent)
		if err != nil || h != roots[size] {
			fail("tlog.TreeHash(%d) of the leaves differs from the signed root (%v)", size, err)
		}
		ok()
	}
	for _, path := range in.Tiles {
		tile, err := tlog.ParseTilePath(strings.Replace(path, "tile/", "tile/8/", 1))
		if err != nil {
			fail("tlog.ParseTilePath(%s): %v", path, err)
		}
		data := readFile(in.TileDir, path)
		want, err := tlog.ReadTileData(tile, independent)
		if err != nil {
			fail("ReadTileData(%s): %v", path, err)
		}
		if !bytes.Equal(data, want) {
			fail("tile %s differs from tlog.ReadTileData over the leaves", path)
		}
		if tile.L == 0 {
			for i := 0; i < tile.W; i++ {
				index := tile.N*256 + int64(i)
				h, err := tlog.HashFromTile(tile, data, tlog.StoredHashIndex(0, index))
				if err != nil || h != tlog.RecordHash(leaves[index]) {
					fail("HashFromTile(%s, leaf %d) is not the entry's record hash (%v)", path, index, err)
				}
			}
		}
		ok()
	}

	// Inclusion proofs: tlog.CheckRecord accepts them; tlog.ProveRecord over the served tiles makes the same ones.
	for _, p := range in.Inclusion {
		root, signed := roots[p.TreeSize]
		if !signed {
			fail("inclusion proof for unsigned size %d", p.TreeSize)
		}
		proof := tlog.RecordProof(hashes(p.Hashes))
		if err := tlog.CheckRecord(proof, p.TreeSize, root, p.Index, tlog.RecordHash(leaves[p.Index])); err != nil {
			fail("CheckRecord(index %d, size %d): %v", p.Index, p.TreeSize, err)
		}
		mine, err := tlog.ProveRecord(p.TreeSize, p.Index, readers[p.TreeSize])
		if err != nil || fmt.Sprint(mine) != fmt.Sprint(proof) {
			fail("ProveRecord(index %d, size %d) differs from the server's proof (%v)", p.Index, p.TreeSize, err)
		}
		if len(proof) > 0 {
			bad := append(tlog.RecordProof(nil), proof...)
			bad[0][3] ^= 1
			if tlog.CheckRecord(bad, p.TreeSize, root, p.Index, tlog.RecordHash(leaves[p.Index])) == nil {
				fail("CheckRecord accepted a corrupted proof for index %d", p.Index)
			}
		}
		ok()
	}

	// Consistency proofs: tlog.CheckTree accepts them; tlog.ProveTree over the served tiles makes the same ones.
	for _, p := range in.Consistency {
		oldRoot, ok1 := roots[p.OldSize]
		newRoot, ok2 := roots[p.NewSize]
		if !ok1 || !ok2 {
			fail("consistency proof %d -> %d between unsigned sizes", p.OldSize, p.NewSize)
		}
		proof := tlog.TreeProof(hashes(p.Hashes))
		if err := tlog.CheckTree(proof, p.NewSize, newRoot, p.OldSize, oldRoot); err != nil {
			fail("CheckTree(%d -> %d): %v", p.OldSize, p.NewSize, err)
		}
		mine, err := tlog.ProveTree(p.NewSize, p.OldSize, readers[p.NewSize])
		if err != nil || fmt.Sprint(mine) != fmt.Sprint(proof) {
			fail("ProveTree(%d -> %d) differs from the server's proof (%v)", p.OldSize, p.NewSize, err)
		}
		ok()
	}

	fmt.Printf("go server interop: %d checks passed\n", checks)
}
