package com.receivableshub.mapping;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The answer file for the ERP, written as the lines are read: CSV in UTF-8 with the header
 * {@code line,field,reason}, one row per error of each refused line (the field is empty when the whole line
 * is wrong), then the counts as rows with an empty line number: {@code lines}, {@code accepted},
 * {@code rejected}, {@code duplicates}. A file without the counts was not finished.
 */
public final class ResultFile implements AutoCloseable {

    private static final String NEWLINE = "\r\n"; // RFC 4180

    private final Writer out;
    private long lines;
    private long accepted;
    private long rejected;
    private boolean finished;

    private ResultFile(OutputStream out) {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        row("line", "field", "reason");
    }

    /** Writes to the stream, which {@link #close()} closes. */
    public static ResultFile to(OutputStream out) {
        return new ResultFile(out);
    }

    public static ResultFile create(Path file) throws IOException {
        return new ResultFile(Files.newOutputStream(file));
    }

    /** Counts one data line; a refused one's errors are written at once. */
    public void add(LineResult result) {
        lines++;
        if (result instanceof RejectedLine r) {
            rejected++;
            errors(r.errors());
        } else {
            accepted++;
        }
    }

    /** The errors of a file refused as a whole (see {@link RejectedFileException}); no line is counted. */
    public void fileRefused(RejectedFileException e) {
        errors(e.errors());
    }

    /**
     * Writes the counts and flushes. {@code duplicates} are accepted lines the hub already had, which only
     * the caller knows.
     */
    public void finish(long duplicates) {
        if (finished) {
            throw new IllegalStateException("the counts are already written");
        }
        finished = true;
        row("", "lines", Long.toString(lines));
        row("", "accepted", Long.toString(accepted));
        row("", "rejected", Long.toString(rejected));
        row("", "duplicates", Long.toString(duplicates));
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long lines() {
        return lines;
    }

    public long accepted() {
        return accepted;
    }

    public long rejected() {
        return rejected;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void errors(List<LineError> errors) {
        for (LineError e : errors) {
            row(Long.toString(e.lineNumber()), e.field(), e.reason());
        }
    }

    private void row(String line, String field, String reason) {
        try {
            out.write(line);
            out.write(',');
            writeCell(field);
            out.write(',');
            writeCell(reason);
            out.write(NEWLINE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Quoted when it holds a comma, quote, line break or surrounding blanks; quotes doubled. */
    private void writeCell(String text) throws IOException {
        boolean quote = !text.isEmpty() && (text.charAt(0) == ' ' || text.charAt(text.length() - 1) == ' ');
        for (int i = 0; !quote && i < text.length(); i++) {
            char c = text.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            out.write(text);
            return;
        }
        out.write('"');
        out.write(text.replace("\"", "\"\""));
        out.write('"');
    }
}
