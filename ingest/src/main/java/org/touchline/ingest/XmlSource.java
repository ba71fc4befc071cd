package org.touchline.ingest;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Set;

/**
 * Reads an XML file with StAX, one record element at a time, whatever its depth in the document: only the current
 * record is held in memory. Field references are paths relative to the record element: {@code customer/email},
 * {@code @id}, {@code customer/@id}.
 *
 * <p>DTDs and external entities are switched off, and a document that carries a DTD is refused outright: a DTD is how
 * an XML file makes its reader fetch URLs or local files (XXE) or expand entities without end.
 */
final class XmlSource {
    private XmlSource() {}

    static void read(SourceMapping m, String fileName, InputStream in, RecordSink sink) {
        Paths paths = new Paths(m.fields());
        XMLStreamReader r = null;
        Capture record = null;
        int depth = 0;
        int recordNo = 0;
        try {
            r = factory().createXMLStreamReader(in);
            while (r.hasNext()) {
                int event = next(r);
                switch (event) {
                    case XMLStreamConstants.DTD -> {
                        sink.unreadable(fileName + " line " + line(r), "", "(xml)", "the document has a DTD (<!DOCTYPE ...>), which is refused: "
                                + "a DTD can make the reader fetch files or URLs (external entities) or expand entities without end. "
                                + "Remove it; no record of the file was read");
                        return;
                    }
                    case XMLStreamConstants.START_ELEMENT -> {
                        depth++;
                        if (record != null) record.open(r, depth);
                        else if (depth > Limits.MAX_DEPTH) {
                            sink.unreadable(fileName + " line " + line(r), "", "(xml)", "the document nests deeper than " + Limits.MAX_DEPTH
                                    + " levels; the rest of the file was not read");
                            return;
                        } else if (r.getLocalName().equals(m.xmlRecord())) {
                            record = new Capture(fileName + " record " + (++recordNo) + " (line " + line(r) + ")", depth);
                            record.open(r, depth);
                        }
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (record != null) record.text(r.getText());
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        if (record != null && record.close(depth)) {
                            record.emit(paths, sink);
                            record = null;
                        }
                        depth--;
                    }
                    default -> { }
                }
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() != null ? e.getLocation().getLineNumber() : (r == null ? 1 : line(r));
            String ref = record != null ? record.ref : fileName + " line " + line;
            String raw = record != null && record.root != null ? cut(record.root.toXml()) : "";
            sink.unreadable(ref, raw, "(xml)", "is not well-formed XML at line " + line + ": " + message(e)
                    + "; the rest of the file was not read");
        } finally {
            if (r != null) try {
                r.close();
            } catch (XMLStreamException ignored) {
                // closing a reader frees nothing that matters here; the stream is closed by its owner
            }
        }
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return f;
    }

    /**
     * The JDK's StAX parser throws some of its errors as runtime exceptions - an invalid character in a DTD comes out
     * as a MissingResourceException, its message missing from the JDK's bundle: malformed XML all the same.
     */
    private static int next(XMLStreamReader r) throws XMLStreamException {
        try {
            return r.next();
        } catch (RuntimeException e) {
            String why = e instanceof MissingResourceException m ? "the parser's error " + m.getKey() : e.toString();
            throw new XMLStreamException(why, r.getLocation(), e);
        }
    }

    private static int line(XMLStreamReader r) { return r.getLocation().getLineNumber(); }

    /** The JDK prefixes its reasons with "ParseError at [row,col]:[3,5] Message: "; the line is given separately. */
    private static String message(XMLStreamException e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        int at = msg.indexOf("Message: ");
        return (at >= 0 ? msg.substring(at + 9) : msg).strip();
    }

    private static String cut(String s) {
        return s.length() <= Limits.RAW_PREFIX ? s : s.substring(0, Limits.RAW_PREFIX) + "…";
    }

    /** One record element being read, with the limits that keep it small. */
    private static final class Capture {
        final String ref;
        final int depth;
        final Deque<XmlElement> open = new ArrayDeque<>();
        XmlElement root;
        String trouble; // once set, the rest of the record is skipped rather than stored
        int fields;
        long chars;

        Capture(String ref, int depth) {
            this.ref = ref;
            this.depth = depth;
        }

        void open(XMLStreamReader r, int at) {
            if (trouble != null) return;
            if (at > Limits.MAX_DEPTH) {
                trouble = "nests deeper than " + Limits.MAX_DEPTH + " levels";
                return;
            }
            XmlElement e = new XmlElement(r.getLocalName());
            fields += 1 + r.getAttributeCount();
            for (int i = 0; i < r.getAttributeCount(); i++) {
                String v = r.getAttributeValue(i);
                chars += v.length();
                e.attributes.put(r.getAttributeLocalName(i), v);
            }
            if (fields > Limits.MAX_FIELDS) trouble = "has more than " + Limits.MAX_FIELDS + " elements and attributes";
            if (root == null) root = e;
            else open.peek().children.add(e);
            open.push(e);
        }

        void text(String s) {
            if (trouble != null || open.isEmpty()) return;
            chars += s.length();
            if (chars > Limits.MAX_RECORD_CHARS) trouble = "is longer than " + Limits.describeRecordLimit();
            else open.peek().appendText(s);
        }

        /** @return true when the element closed at this depth is the record itself */
        boolean close(int at) {
            if (at == depth) return true;
            if (trouble == null) open.pop();
            return false;
        }

        void emit(Paths paths, RecordSink sink) {
            if (trouble != null) sink.unreadable(ref, cut(root.toXml()), "(xml)", "the record " + trouble);
            else {
                XmlElement e = root;
                sink.record(ref, e::toXml, new Record(paths, e));
            }
        }
    }

    /** The mapping's fields as path steps, and the paths they cover (kept out of the attributes). */
    private static final class Paths {
        final String[][] steps;
        final Set<String> mapped = new HashSet<>();

        Paths(List<String> fields) {
            steps = new String[fields.size()][];
            for (int s = 0; s < steps.length; s++) {
                steps[s] = fields.get(s).split("/");
                mapped.add(fields.get(s));
            }
        }
    }

    private record Record(Paths paths, XmlElement root) implements SourceRecord {
        @Override public List<String> values(int slot) throws FieldException {
            return root.valuesAt(paths.steps[slot]);
        }

        @Override public Map<String, String> unmapped() {
            Map<String, String> out = new HashMap<>();
            collect(root, "", out);
            return out;
        }

        /** Leaf elements and attributes not on a mapped path, keyed by path; a repeated path gets [2], [3]... */
        private void collect(XmlElement e, String path, Map<String, String> out) {
            for (var a : e.attributes.entrySet()) {
                String key = path.isEmpty() ? "@" + a.getKey() : path + "/@" + a.getKey();
                if (!a.getValue().isBlank() && !paths.mapped.contains(key)) put(out, key, a.getValue());
            }
            for (XmlElement c : e.children) {
                String key = path.isEmpty() ? c.name : path + "/" + c.name;
                if (paths.mapped.contains(key)) continue;
                if (c.isLeaf()) {
                    if (!c.text().isBlank()) put(out, key, c.text());
                } else collect(c, key, out);
            }
        }

        private static void put(Map<String, String> out, String key, String value) {
            if (out.putIfAbsent(key, value) == null) return;
            for (int n = 2; ; n++) if (out.putIfAbsent(key + "[" + n + "]", value) == null) return;
        }
    }
}
