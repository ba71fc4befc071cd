package org.touchline.node;

import org.touchline.domain.PersonalPart;
import org.touchline.domain.store.Append;
import org.touchline.domain.store.LedgerStore;
import org.touchline.domain.store.SealedPart;
import org.touchline.domain.store.StoreException;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Personal parts at rest (docs/architecture.md, principle 4): AES-256-GCM under a data key per customer, each data key wrapped by
 * the node's master key. Deleting a customer's data key makes every part sealed under it unreadable, so erasure does
 * not touch the log. The sealed bytes are {@code salt ‖ canonical(part)}: the salt that the leaf's commitment needs
 * is erased with the part.
 */
public final class Vault {
    public static final int SALT_BYTES = 16;
    private static final int NONCE_BYTES = 12;
    private final SecretKey master;
    private final LedgerStore store;
    private final SecureRandom random = new SecureRandom();
    /**
     * Data keys recently used, at most {@code cachedKeys} ({@link #CACHED_KEYS} by default): the store has them all
     * (wrapped), and a node with millions of customers must not hold a key per customer in memory.
     */
    private final Map<String, SecretKey> keys;
    /** Keys created for parts not yet stored: never evicted, until {@link #stored} or {@link #forgetUnstored}. */
    private final Map<String, SecretKey> unstored = new ConcurrentHashMap<>();
    static final int CACHED_KEYS = 65_536;
    /** Cipher.getInstance is a provider lookup; one Cipher per thread, re-initialised per part, is far cheaper. */
    private static final ThreadLocal<Cipher> GCM = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    });

    private final SecretKey profileKey;
    /** One HMAC per thread for profile nonces: looked up and keyed once, not at every sealed profile. */
    private final ThreadLocal<Mac> profileNonceMac;

    public Vault(byte[] masterKey, LedgerStore store) { this(masterKey, store, CACHED_KEYS); }

    Vault(byte[] masterKey, LedgerStore store, int cachedKeys) {
        if (cachedKeys < 1) throw new IllegalArgumentException("the data key cache must hold at least one key, got " + cachedKeys);
        this.keys = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SecretKey> eldest) { return size() > cachedKeys; }
        });
        this.master = new SecretKeySpec(masterKey, "AES");
        this.store = store;
        this.profileKey = new SecretKeySpec(derive(masterKey, "touchline/profiles/key"), "AES");
        byte[] nonceKey = derive(masterKey, "touchline/profiles/nonce");
        this.profileNonceMac = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(nonceKey, "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 unavailable", e);
            }
        });
    }

    static byte[] derive(byte[] master, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /**
     * Seals a match profile (projections, not the log) under a key derived from the master key, bound to its customer.
     * The nonce is derived from the customer and the profile (a synthetic IV): the same profile seals to the same bytes,
     * so a rebuild writes exactly what the live path wrote, and a nonce repeats only for identical messages.
     */
    public byte[] sealProfile(String customerId, byte[] plain) {
        try {
            Mac mac = profileNonceMac.get();
            mac.update(customerId.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            byte[] nonce = Arrays.copyOf(mac.doFinal(plain), NONCE_BYTES);
            // The JDK refuses to encrypt twice with one key and nonce on a Cipher; the same nonce means the same
            // customer and profile, so the answer is the one just given.
            byte[][] last = LAST_PROFILE.get();
            if (last[0] != null && Arrays.equals(last[0], nonce)) return last[1].clone();
            Cipher c = GCM.get();
            c.init(Cipher.ENCRYPT_MODE, profileKey, new GCMParameterSpec(128, nonce));
            c.updateAAD(profileAad(customerId));
            byte[] ct = c.doFinal(plain);
            byte[] out = new byte[NONCE_BYTES + ct.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(ct, 0, out, NONCE_BYTES, ct.length);
            last[0] = nonce;
            last[1] = out.clone();
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    private static final ThreadLocal<byte[][]> LAST_PROFILE = ThreadLocal.withInitial(() -> new byte[2][]);

    public byte[] openProfile(String customerId, byte[] sealed) { return decrypt(profileKey, sealed, profileAad(customerId)); }

    private static byte[] profileAad(String customerId) { return ("touchline/profile/" + customerId).getBytes(StandardCharsets.UTF_8); }

    public byte[] newSalt() {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return salt;
    }

    /**
     * Seals a part under {@code keyId}, creating that key (and adding it to {@code newKeys}) the first time.
     * {@code newOwner} says the key's customer was created just now, so there is no stored key to look for.
     */
    public SealedPart seal(long index, String keyId, boolean newOwner, byte[] salt, byte[] canonical, List<Append.DataKey> newKeys) {
        return seal(sealing(index, keyId, newOwner, salt, canonical, newKeys));
    }

    /**
     * A part to seal with its data key chosen: what must happen in ledger order (finding or creating the key). The
     * encryption itself, {@link #seal(Sealing)}, can then run on another thread.
     */
    record Sealing(long index, String keyId, SecretKey key, byte[] salt, byte[] canonical) {}

    /** {@link #seal(long, String, boolean, byte[], byte[], List)} without the encryption: the key found or created. */
    Sealing sealing(long index, String keyId, boolean newOwner, byte[] salt, byte[] canonical, List<Append.DataKey> newKeys) {
        SecretKey key = unstored.get(keyId);
        if (key == null) key = keys.get(keyId);
        if (key == null && !newOwner) key = loadKey(keyId).orElse(null);
        if (key == null) {
            byte[] raw = new byte[32];
            random.nextBytes(raw);
            key = new SecretKeySpec(raw, "AES");
            newKeys.add(new Append.DataKey(keyId, encrypt(master, raw, keyId.getBytes(StandardCharsets.UTF_8))));
            unstored.put(keyId, key);
        }
        return new Sealing(index, keyId, key, salt, canonical);
    }

    /** AES-256-GCM of {@code salt ‖ canonical} under the chosen key, bound to the entry's index. */
    SealedPart seal(Sealing s) {
        // GCM is a stream mode: the salt and the part go through the cipher one after the other, straight into the
        // ciphertext's array, the same bytes as sealing them joined, with no joined copy and no nonce-prefixed one.
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher c = GCM.get();
            c.init(Cipher.ENCRYPT_MODE, s.key(), new GCMParameterSpec(128, nonce));
            c.updateAAD(aad(s.index()));
            byte[] ciphertext = new byte[c.getOutputSize(s.salt().length + s.canonical().length)];
            int n = c.update(s.salt(), 0, s.salt().length, ciphertext, 0);
            n += c.doFinal(s.canonical(), 0, s.canonical().length, ciphertext, n);
            return new SealedPart(s.index(), s.keyId(), nonce, n == ciphertext.length ? ciphertext : Arrays.copyOf(ciphertext, n));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /**
     * New keys are now in the store: from here on they are cached like any other (and may be evicted, since the store
     * has them). Until then they stay pinned, or a later part of the same customer would find no key and make another.
     */
    void stored(List<Append.DataKey> newKeys) {
        for (Append.DataKey k : newKeys) {
            SecretKey key = unstored.remove(k.keyId());
            if (key != null) keys.put(k.keyId(), key);
        }
    }

    /** The salt and canonical part, or empty if the part's key was erased. Throws if the ciphertext was altered. */
    public Optional<Opened> open(SealedPart part) {
        Optional<SecretKey> key = Optional.ofNullable(unstored.get(part.keyId())).or(() -> Optional.ofNullable(keys.get(part.keyId())))
                .or(() -> loadKey(part.keyId()));
        if (key.isEmpty()) return Optional.empty();
        byte[] sealed = new byte[part.nonce().length + part.ciphertext().length];
        System.arraycopy(part.nonce(), 0, sealed, 0, part.nonce().length);
        System.arraycopy(part.ciphertext(), 0, sealed, part.nonce().length, part.ciphertext().length);
        byte[] plain = decrypt(key.get(), sealed, aad(part.index()));
        return Optional.of(new Opened(Arrays.copyOf(plain, SALT_BYTES), Arrays.copyOfRange(plain, SALT_BYTES, plain.length)));
    }

    public record Opened(byte[] salt, byte[] canonical) {}

    /** The personal part of entry {@code index}, or empty if it was erased. */
    public Optional<PersonalPart> openPart(LedgerStore store, long index) {
        return store.sealedPart(index).flatMap(this::open).map(o -> PersonalPart.fromCanonical(o.canonical()));
    }

    /** Forgets erased keys: they must not stay usable in memory. */
    public void forget(Collection<String> keyIds) {
        keyIds.forEach(keys::remove);
        keyIds.forEach(unstored::remove);
    }

    /** Forgets cached keys, after a failed append whose new keys never reached the store. */
    public void forgetUnstored(List<Append.DataKey> newKeys) {
        for (Append.DataKey k : newKeys) {
            unstored.remove(k.keyId());
            keys.remove(k.keyId());
        }
    }

    private Optional<SecretKey> loadKey(String keyId) {
        Optional<SecretKey> key = store.wrappedKey(keyId)
                .map(w -> new SecretKeySpec(decrypt(master, w, keyId.getBytes(StandardCharsets.UTF_8)), "AES"));
        key.ifPresent(k -> keys.put(keyId, k));
        return key;
    }

    /**
     * A data key wrapped by {@code fromMaster} (as {@link #seal} stores it), wrapped instead by {@code toMaster}: a node
     * installing a peer's snapshot keeps its own master key and needs the peer's only while re-wrapping. The key's id
     * stays bound as associated data.
     *
     * @throws StoreException when {@code fromMaster} does not open the wrapped key (another node's, or altered)
     */
    public static byte[] rewrap(byte[] fromMaster, byte[] toMaster, String keyId, byte[] wrapped) {
        byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
        byte[] raw = decrypt(new SecretKeySpec(fromMaster, "AES"), wrapped, id);
        try {
            return seal(new SecretKeySpec(toMaster, "AES"), raw, id, new SecureRandom());
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** Binding the ledger index as associated data stops a part being moved to another entry unnoticed. */
    private static byte[] aad(long index) {
        return ("touchline/part/" + index).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] encrypt(SecretKey key, byte[] plain, byte[] aad) { return seal(key, plain, aad, random); }

    static byte[] seal(SecretKey key, byte[] plain, byte[] aad, SecureRandom random) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher c = GCM.get();
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            c.updateAAD(aad);
            byte[] ct = c.doFinal(plain);
            byte[] out = new byte[NONCE_BYTES + ct.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(ct, 0, out, NONCE_BYTES, ct.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    static byte[] decrypt(SecretKey key, byte[] sealed, byte[] aad) {
        try {
            Cipher c = GCM.get();
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, NONCE_BYTES));
            c.updateAAD(aad);
            return c.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new StoreException("sealed data does not authenticate (altered or wrong key)", e);
        }
    }
}
