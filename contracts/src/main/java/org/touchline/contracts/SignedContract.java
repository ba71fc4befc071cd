package org.touchline.contracts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.touchline.ledger.NoteSignature;
import org.touchline.ledger.NoteSigner;
import org.touchline.ledger.NoteVerifier;
import org.touchline.ledger.ProofException;
import org.touchline.ledger.SignedNote;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A contract definition signed by one or more administrators: a C2SP signed note (Ed25519) whose text is
 *
 * <pre>
 * touchline/contract/v1
 * reward-five-star 1
 * sha256 9f2c...
 * {"actions":[...],"condition":"...",...}
 * </pre>
 *
 * i.e. a format line, the id and version, the SHA-256 of the canonical JSON, and the RFC 8785 canonical JSON itself
 * on one line (canonical JSON escapes every control character, so it never spans lines). The encoded note is what a
 * deploy entry carries: a replay reads the definition from the ledger and checks it again. {@link #parse} refuses a
 * note whose lines disagree with each other; {@link #verify} checks the signatures against trusted administrator keys.
 */
public record SignedContract(ContractDefinition definition, SignedNote note) {
    public static final String FORMAT = "touchline/contract/v1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** The note text of a definition (what is signed). */
    public static String noteText(ContractDefinition d) {
        return FORMAT + "\n" + d.id() + " " + d.version() + "\nsha256 " + d.sha256() + "\n" + d.canonicalJson() + "\n";
    }

    /** Signs a definition with an administrator's key. */
    public static SignedContract sign(ContractDefinition d, NoteSigner admin) {
        return new SignedContract(d, admin.sign(noteText(d)));
    }

    /** This contract with another administrator's signature added (e.g. a second approver). */
    public SignedContract cosign(NoteSigner admin) {
        return new SignedContract(definition, admin.sign(note));
    }

    /** The note as stored and sent: text, blank line, signature lines. */
    public String encode() {
        return note.encode();
    }

    /** Whether a file's text looks like a signed contract (rather than a YAML definition). */
    public static boolean looksSigned(String text) {
        return text.startsWith(FORMAT + "\n");
    }

    /**
     * Parses an encoded signed contract and checks that its lines agree: the JSON is a valid definition, written in
     * canonical form, with the id, version and hash the other lines state. Signatures are not checked here.
     */
    public static SignedContract parse(String encoded) {
        SignedNote note;
        try {
            note = SignedNote.parse(encoded);
        } catch (IllegalArgumentException e) {
            throw new ContractException("signed contract: not a signed note: " + e.getMessage());
        }
        String[] lines = note.text().split("\n", -1);
        if (lines.length != 5 || !lines[4].isEmpty()) throw new ContractException("signed contract: expected 4 lines of text, got " + (lines.length - 1));
        if (!lines[0].equals(FORMAT)) throw new ContractException("signed contract: first line must be " + FORMAT + ", got '" + lines[0] + "'");
        JsonNode json;
        try {
            json = JSON.readTree(lines[3]);
        } catch (Exception e) {
            throw new ContractException("signed contract: the definition line is not JSON: " + e.getMessage());
        }
        ContractDefinition d = ContractDefinition.fromJson(json, "signed contract");
        if (!d.canonicalJson().equals(lines[3])) {
            throw new ContractException("signed contract " + d.label() + ": the definition is not in canonical form (altered after signing?)");
        }
        if (!lines[1].equals(d.id() + " " + d.version())) {
            throw new ContractException("signed contract " + d.label() + ": the id and version line says '" + lines[1] + "'");
        }
        if (!lines[2].equals("sha256 " + d.sha256())) {
            throw new ContractException("signed contract " + d.label() + ": the hash line does not match the definition (altered after signing?)");
        }
        return new SignedContract(d, note);
    }

    /**
     * Checks the signatures: every signature by a trusted key must verify, and at least one trusted key must have
     * signed. Signatures by other keys are ignored (as signed-note verifiers do).
     *
     * @return the names of the trusted keys that signed, in the order given
     * @throws ContractException naming the contract and the key
     */
    public List<String> verify(Collection<NoteVerifier> trustedAdmins) {
        String check = noteText(definition);
        if (!check.equals(note.text())) throw new ContractException("signed contract " + definition.label() + ": the note text does not match its definition");
        List<String> signers = new ArrayList<>();
        for (NoteVerifier v : trustedAdmins) {
            boolean signed = note.signatures().stream().anyMatch(s -> s.name().equals(v.name()) && s.keyId() == v.keyId());
            if (!signed) continue;
            try {
                v.verify(note);
            } catch (ProofException e) {
                throw new ContractException("signed contract " + definition.label() + ": " + e.getMessage() + " (altered after signing?)");
            }
            signers.add(v.name());
        }
        if (signers.isEmpty()) {
            throw new ContractException("signed contract " + definition.label() + ": not signed by a trusted administrator key (signed by: "
                    + String.join(", ", note.signatures().stream().map(NoteSignature::name).toList()) + ")");
        }
        return signers;
    }
}
