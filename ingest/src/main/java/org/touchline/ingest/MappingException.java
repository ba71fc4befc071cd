package org.touchline.ingest;

/**
 * A source mapping that cannot be used. The message names the file, the key and the reason, e.g.
 * {@code mappings/pos.yaml: occurredAt.zone: 'Europe/Lundon' is not a time zone id}, so the owner of the mapping can
 * fix it without reading code.
 */
public class MappingException extends Exception {
    private final String file;
    private final String key;
    private final String reason;

    public MappingException(String file, String key, String reason) {
        super(file + ": " + key + ": " + reason);
        this.file = file;
        this.key = key;
        this.reason = reason;
    }

    public String file() { return file; }

    public String key() { return key; }

    public String reason() { return reason; }
}
