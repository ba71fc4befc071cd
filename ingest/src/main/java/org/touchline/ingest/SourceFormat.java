package org.touchline.ingest;

/** The file formats a source system can deliver. */
public enum SourceFormat { CSV, JSONL, XML }
