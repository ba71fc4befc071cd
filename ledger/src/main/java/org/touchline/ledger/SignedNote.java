package org.touchline.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A C2SP signed note (c2sp.org/signed-note): a text ending in a newline, a blank line, and one
 * or more signature lines. Signatures cover the UTF-8 bytes of {@code text}, final newline
 * included. This record only parses and formats; {@link NoteVerifier#verify} checks signatures.
 */
public record SignedNote(String text, List<NoteSignature> signatures) {
    /** Go's note.Open stops at 100; the spec asks verifiers to accept at least 16. */
    public static final int MAX_SIGNATURES = 100;

    public SignedNote {
        checkText(text);
        signatures = List.copyOf(signatures);
        if (signatures.isEmpty()) {
            throw new IllegalArgumentException("a signed note needs at least one signature");
        }
        if (signatures.size() > MAX_SIGNATURES) {
            throw new IllegalArgumentException("note has " + signatures.size() + " signatures, more than " + MAX_SIGNATURES);
        }
    }

    /** The note as sent: text, blank line, one signature line each ending in a newline. */
    public String encode() {
        StringBuilder sb = new StringBuilder(text.length() + 128 * signatures.size());
        sb.append(text).append('\n');
        for (NoteSignature s : signatures) {
            sb.append(s.line()).append('\n');
        }
        return sb.toString();
    }

    /** Parses a note; bytes must be valid UTF-8. */
    public static SignedNote parse(byte[] utf8) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8)).toString();
            return parse(s);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("signed note is not valid UTF-8");
        }
    }

    /**
     * Parses a note: the text is everything up to and including the newline before the last
     * blank line; every line after it must be a signature line ending in a newline.
     */
    public static SignedNote parse(String note) {
        checkCharacters(note, "signed note");
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new IllegalArgumentException("signed note has no blank line before its signatures");
        }
        String text = note.substring(0, split + 1);
        String block = note.substring(split + 2);
        if (block.isEmpty()) {
            throw new IllegalArgumentException("signed note has no signature lines");
        }
        if (!block.endsWith("\n")) {
            throw new IllegalArgumentException("signed note's last signature line does not end in a newline");
        }
        List<NoteSignature> signatures = new ArrayList<>();
        int start = 0;
        while (start < block.length()) {
            int end = block.indexOf('\n', start);
            if (signatures.size() == MAX_SIGNATURES) {
                throw new IllegalArgumentException("signed note has more than " + MAX_SIGNATURES + " signatures");
            }
            signatures.add(NoteSignature.parseLine(block.substring(start, end)));
            start = end + 1;
        }
        return new SignedNote(text, signatures);
    }

    /** The signed bytes: the UTF-8 text including its final newline. */
    public byte[] message() {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** This note with {@code signature} added, replacing any signature by the same key (name and ID). */
    public SignedNote withSignature(NoteSignature signature) {
        List<NoteSignature> list = new ArrayList<>(signatures.size() + 1);
        for (NoteSignature s : signatures) {
            if (!(s.name().equals(signature.name()) && s.keyId() == signature.keyId())) {
                list.add(s);
            }
        }
        list.add(signature);
        return new SignedNote(text, list);
    }

    static void checkText(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("note text is empty");
        }
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("note text must end in a newline");
        }
        checkCharacters(text, "note text");
    }

    /** Signed notes must be valid UTF-8 without ASCII control characters other than newline. */
    private static void checkCharacters(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\n') {
                throw new IllegalArgumentException(what + " contains control character U+" + String.format("%04X", (int) c)
                        + " at offset " + i);
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    throw new IllegalArgumentException(what + " contains an unpaired surrogate at offset " + i);
                }
            }
        }
    }
}
