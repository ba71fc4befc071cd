package org.touchline.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One element of an XML record, held in memory only while its record is mapped. Names are local names (namespace
 * prefixes dropped). Whitespace between child elements is layout, not data, and is not kept.
 */
final class XmlElement {
    final String name;
    final Map<String, String> attributes = new LinkedHashMap<>();
    final List<XmlElement> children = new ArrayList<>(4);
    private StringBuilder text;

    XmlElement(String name) { this.name = name; }

    void appendText(String s) {
        if (text == null) text = new StringBuilder(s.length());
        text.append(s);
    }

    boolean isLeaf() { return children.isEmpty(); }

    /** The element's own text: for a leaf, its value; for a parent, only the text that is not layout whitespace. */
    String text() {
        if (text == null) return "";
        return isLeaf() || !text.toString().isBlank() ? text.toString() : "";
    }

    /** The elements and attributes at a path relative to this element: {@code customer/email}, {@code @id}, {@code customer/@id}. */
    List<String> valuesAt(String[] steps) throws FieldException {
        List<XmlElement> at = List.of(this);
        for (int i = 0; i < steps.length; i++) {
            String step = steps[i];
            if (step.startsWith("@")) {
                List<String> out = new ArrayList<>(1);
                for (XmlElement e : at) {
                    String v = e.attributes.get(step.substring(1));
                    if (v != null && !v.isBlank()) out.add(v);
                }
                return out;
            }
            List<XmlElement> next = new ArrayList<>(1);
            for (XmlElement e : at) for (XmlElement c : e.children) if (c.name.equals(step)) next.add(c);
            at = next;
        }
        List<String> out = new ArrayList<>(at.size());
        for (XmlElement e : at) {
            if (!e.isLeaf()) throw new FieldException("is an element with child elements where a value belongs");
            String v = e.text();
            if (!v.isBlank()) out.add(v);
        }
        return out;
    }

    /** The record as XML text, for the dead-letter queue. Characters a parser would alter (\r, tabs in attributes) are escaped. */
    String toXml() {
        StringBuilder b = new StringBuilder();
        write(b);
        return b.toString();
    }

    private void write(StringBuilder b) {
        b.append('<').append(name);
        attributes.forEach((k, v) -> b.append(' ').append(k).append("=\"").append(escape(v, true)).append('"'));
        String t = text();
        if (children.isEmpty() && t.isEmpty()) {
            b.append("/>");
            return;
        }
        b.append('>');
        if (!t.isEmpty()) b.append(escape(t, false));
        for (XmlElement c : children) c.write(b);
        b.append("</").append(name).append('>');
    }

    private static String escape(String s, boolean attribute) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append(attribute ? "&quot;" : "\"");
                case '\r' -> b.append("&#13;");
                case '\n' -> b.append(attribute ? "&#10;" : "\n");
                case '\t' -> b.append(attribute ? "&#9;" : "\t");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
