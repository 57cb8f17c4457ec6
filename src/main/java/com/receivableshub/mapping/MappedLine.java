package com.receivableshub.mapping;

/** A line that became a valid canonical record (it passed {@code ModelValidator}). */
public record MappedLine(long lineNumber, Record record) implements LineResult {
}
