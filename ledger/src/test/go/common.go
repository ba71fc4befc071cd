// Helpers shared by the Go interoperability checks (interop.go here, and the server module's serverinterop.go,
// which is run together with this file). Each program sets its own name in `program`.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

var checks int

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, program+": FAIL: "+format+"\n", args...)
	os.Exit(1)
}

func ok() { checks++ }

func hashes(list []string) []tlog.Hash {
	out := make([]tlog.Hash, len(list))
	for i, s := range list {
		h, err := tlog.ParseHash(s)
		if err != nil {
			fail("bad hash %q: %v", s, err)
		}
		out[i] = h
	}
	return out
}

// checkpoint opens a signed checkpoint note with note.Open and parses its tlog-checkpoint text
// (origin, size, root). tlog.ParseTree expects the sumdb tree note header instead of an origin,
// so the three lines are parsed here.
func checkpoint(verifier note.Verifier, msg string) (origin string, size int64, root tlog.Hash) {
	n, err := note.Open([]byte(msg), note.VerifierList(verifier))
	if err != nil {
		fail("note.Open rejected checkpoint: %v\n%s", err, msg)
	}
	lines := strings.Split(strings.TrimSuffix(n.Text, "\n"), "\n")
	if len(lines) < 3 {
		fail("checkpoint has %d lines", len(lines))
	}
	size, err = strconv.ParseInt(lines[1], 10, 64)
	if err != nil || strconv.FormatInt(size, 10) != lines[1] {
		fail("checkpoint size %q", lines[1])
	}
	root, err = tlog.ParseHash(lines[2])
	if err != nil {
		fail("checkpoint root %q", lines[2])
	}
	return lines[0], size, root
}


// readInput parses the JSON file named on the command line into v.
func readInput(v interface{}) {
	if len(os.Args) != 2 {
		fail("usage: %s input.json", program)
	}
	raw, err := os.ReadFile(os.Args[1])
	if err != nil {
		fail("%v", err)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		fail("parse input: %v", err)
	}
}

// verifier parses a verifier key in the signed-note text form.
func verifier(key string) note.Verifier {
	v, err := note.NewVerifier(key)
	if err != nil {
		fail("note.NewVerifier(%q): %v", key, err)
	}
	ok()
	return v
}
