package com.receivableshub.mapping;

/** What one data line of an ERP file became: a canonical record, or the reasons it was refused. */
public sealed interface LineResult permits MappedLine, RejectedLine {

    /** The 1-based physical line of the file. */
    long lineNumber();
}
