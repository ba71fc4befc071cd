package org.touchline.demo;

import java.nio.file.Path;

/** One source system's export as the demo company wrote it: its source mapping, its data file and how many records. */
public record SourceFile(String source, Path mapping, Path data, long records) {}
