package org.touchline.demo;

/** The demo company's source systems, each with its own file format. */
enum Src {
    CRM("crm", "csv"), CALLCENTRE("callcentre", "csv"), POS("pos", "xml"), DIGITAL("digital", "jsonl"),
    ENGAGE("engage", "jsonl"), FIELDOPS("fieldops", "xml"), SOCIAL("social", "jsonl");

    final String id;
    final String ext;

    Src(String id, String ext) {
        this.id = id;
        this.ext = ext;
    }
}
