package org.touchline.ledger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A C2SP tlog-checkpoint note text: origin, tree size, base64 root hash, then optional
 * extension lines, each line ending in a newline. Sign it with {@link NoteSigner#sign(String)}
 * on {@link #body()}.
 */
public record Checkpoint(String origin, long size, byte[] rootHash, List<String> extensions) {
    public Checkpoint {
        if (origin == null || origin.isEmpty()) {
            throw new IllegalArgumentException("checkpoint origin is empty");
        }
        checkLine(origin, "origin");
        if (size < 0) {
            throw new IllegalArgumentException("checkpoint tree size is negative: " + size);
        }
        if (rootHash == null || rootHash.length != Hashes.SIZE) {
            throw new IllegalArgumentException("checkpoint root hash must be " + Hashes.SIZE + " bytes");
        }
        rootHash = rootHash.clone();
        extensions = List.copyOf(extensions);
        for (String extension : extensions) {
            if (extension.isEmpty()) {
                throw new IllegalArgumentException("checkpoint extension lines must be non-empty");
            }
            checkLine(extension, "extension line");
        }
    }

    public Checkpoint(String origin, long size, byte[] rootHash) {
        this(origin, size, rootHash, List.of());
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    /** The note text: "origin\nsize\nbase64(root)\n" followed by "extension\n" lines. */
    public String body() {
        StringBuilder sb = new StringBuilder(origin.length() + 80);
        sb.append(origin).append('\n').append(size).append('\n')
                .append(Base64.getEncoder().encodeToString(rootHash)).append('\n');
        for (String extension : extensions) {
            sb.append(extension).append('\n');
        }
        return sb.toString();
    }

    /**
     * Parses a checkpoint note text strictly (tlog-checkpoint "Note text"); errors name the line.
     * Pass {@link SignedNote#text()}, after verifying the signature.
     */
    public static Checkpoint parse(String body) {
        if (body == null || body.isEmpty()) {
            throw new IllegalArgumentException("checkpoint is empty");
        }
        if (!body.endsWith("\n")) {
            throw new IllegalArgumentException("checkpoint must end in a newline");
        }
        String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
        if (lines.length < 3) {
            throw new IllegalArgumentException("checkpoint has " + lines.length
                    + " line(s); it needs origin, tree size and root hash");
        }
        if (lines[0].isEmpty()) {
            throw new IllegalArgumentException("checkpoint line 1 (origin) is empty");
        }
        long size = parseSize(lines[1]);
        byte[] root;
        try {
            root = NoteKeys.decodeBase64(lines[2], "checkpoint line 3 (root hash)");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ": \"" + lines[2] + "\"");
        }
        if (root.length != Hashes.SIZE) {
            throw new IllegalArgumentException("checkpoint line 3 (root hash) decodes to " + root.length
                    + " bytes, not " + Hashes.SIZE);
        }
        List<String> extensions = new ArrayList<>();
        for (int i = 3; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                throw new IllegalArgumentException("checkpoint line " + (i + 1) + " (extension) is empty");
            }
            extensions.add(lines[i]);
        }
        return new Checkpoint(lines[0], size, root, extensions);
    }

    private static long parseSize(String line) {
        if (!line.matches("0|[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException("checkpoint line 2 (tree size) is not a decimal without leading zeros: \""
                    + line + "\"");
        }
        try {
            return Long.parseLong(line);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("checkpoint line 2 (tree size) is too large: \"" + line + "\"");
        }
    }

    private static void checkLine(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < 0x20) {
                throw new IllegalArgumentException("checkpoint " + what + " contains a control character or newline");
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && c.origin.equals(origin) && c.size == size
                && Arrays.equals(c.rootHash, rootHash) && c.extensions.equals(extensions);
    }

    @Override
    public int hashCode() {
        return ((origin.hashCode() * 31 + Long.hashCode(size)) * 31 + Arrays.hashCode(rootHash)) * 31 + extensions.hashCode();
    }

    @Override
    public String toString() {
        return "Checkpoint[origin=" + origin + ", size=" + size + ", rootHash=" + HexFormat.of().formatHex(rootHash)
                + ", extensions=" + extensions + "]";
    }
}
