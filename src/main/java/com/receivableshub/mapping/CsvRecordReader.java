package com.receivableshub.mapping;

import com.receivableshub.model.ModelValidator;
import com.receivableshub.model.Violation;
import com.receivableshub.participant.CreditCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads an ERP file with its {@link CsvLayout}, streaming: one line at a time, each decoded on its own with
 * a strict decoder, so a line of bad bytes is refused alone and a file of millions of lines never sits in
 * memory. Each data line gives a {@link MappedLine} (a record that passed {@link ModelValidator}) or a
 * {@link RejectedLine} with every reason; blank lines are skipped. Header problems refuse the whole file
 * when the reader is opened.
 *
 * <pre>{@code
 * try (CsvRecordReader reader = CsvRecordReader.open(layout, in)) {
 *     reader.forEach(result -> ...);
 * }
 * }</pre>
 */
public final class CsvRecordReader implements Iterable<LineResult>, AutoCloseable {

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** A mapped column: where its cell is, which slot of the record it fills, how it is read. */
    private record Column(int index, int slot, String target, ValueType type, boolean primitive,
                          BooleanSpelling spelling) {
    }

    private final CsvLayout layout;
    private final InputStream in;
    private final ByteLines lines;
    private final CharsetDecoder decoder;
    private final FieldSplitter splitter;
    private final RecordShape shape;
    private final Object[] template;
    private ByteBuffer bytes;
    private CharBuffer chars = CharBuffer.allocate(1024);
    private String decodeError;
    private java.io.OutputStream rawSink;
    private List<String> header = List.of();
    private Column[] columns;
    private int expectedColumns;
    private boolean iterated;

    private CsvRecordReader(CsvLayout layout, InputStream in) {
        this.layout = layout;
        this.in = in;
        this.lines = new ByteLines(in);
        this.decoder = layout.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.splitter = new FieldSplitter(layout.delimiter(), layout.quote());
        this.shape = layout.record().shape();
        this.template = new Object[shape.size()];
        layout.constants().forEach((target, value) -> template[shape.leaves().get(target).slot()] = value);
        this.bytes = ByteBuffer.wrap(lines.buffer());
    }

    /**
     * Opens the file and, when the layout has one, reads and checks the header. The reader owns the stream
     * and closes it. Throws {@link RejectedFileException} when the file as a whole cannot be read.
     */
    public static CsvRecordReader open(CsvLayout layout, InputStream in) throws IOException, RejectedFileException {
        CsvRecordReader reader = new CsvRecordReader(layout, in);
        try {
            reader.start();
        } catch (IOException | RejectedFileException | RuntimeException e) {
            in.close();
            throw e;
        }
        return reader;
    }

    public CsvLayout layout() {
        return layout;
    }

    /** The column names of the header; empty for a file without one. */
    public List<String> header() {
        return header;
    }

    /** The results in line order; a reader is read once. I/O failures surface as {@link UncheckedIOException}. */
    @Override
    public Iterator<LineResult> iterator() {
        if (iterated) {
            throw new IllegalStateException("a CsvRecordReader is read once");
        }
        iterated = true;
        return new Iterator<>() {
            private LineResult next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    try {
                        next = advance();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    done = next == null;
                }
                return next != null;
            }

            @Override
            public LineResult next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                LineResult result = next;
                next = null;
                return result;
            }
        };
    }

    public Stream<LineResult> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void start() throws IOException, RejectedFileException {
        if (lines.startsWith(UTF8_BOM) && !layout.charset().equals(StandardCharsets.UTF_8)) {
            throw refused(1, LineError.WHOLE_LINE, "the file starts with a UTF-8 byte order mark, but the layout"
                    + " says " + layout.charset().name());
        }
        if (!layout.header()) {
            expectedColumns = layout.columns();
            List<Column> cols = new ArrayList<>();
            for (FieldMapping f : layout.fields()) {
                cols.add(column(f, f.position() - 1));
            }
            columns = cols.toArray(Column[]::new);
            return;
        }
        readHeader();
    }

    private void readHeader() throws IOException, RejectedFileException {
        while (true) {
            if (!lines.next()) {
                throw refused(1, LineError.WHOLE_LINE, "the file is empty: the header line is missing");
            }
            long no = lines.number();
            if (lines.tooLong()) {
                throw refused(no, LineError.WHOLE_LINE, "the header is longer than " + ByteLines.MAX_LINE + " bytes");
            }
            int n = decode();
            if (n < 0) {
                throw refused(no, LineError.WHOLE_LINE, "the header cannot be read: " + decodeError);
            }
            if (isBlank(n)) {
                continue;
            }
            if (!splitter.split(chars.array(), n)) {
                throw refused(no, LineError.WHOLE_LINE, "the header cannot be read: " + splitter.error());
            }
            int count = splitter.count();
            if (count > 1 && splitter.isEmpty(count - 1)) {
                count--;
            }
            List<String> names = new ArrayList<>(count);
            Map<String, List<Integer>> positions = new HashMap<>();
            for (int i = 0; i < count; i++) {
                String name = splitter.text(i);
                names.add(name);
                positions.computeIfAbsent(name, k -> new ArrayList<>()).add(i + 1);
            }
            header = List.copyOf(names);
            expectedColumns = count;
            mapHeader(no, positions);
            return;
        }
    }

    private void mapHeader(long no, Map<String, List<Integer>> positions) throws RejectedFileException {
        List<LineError> errors = new ArrayList<>();
        List<Column> cols = new ArrayList<>();
        for (FieldMapping f : layout.fields()) {
            if (f.column() == null) {
                if (f.position() > expectedColumns) {
                    errors.add(new LineError(no, f.target(), "the header has " + expectedColumns
                            + " columns, the layout reads column " + f.position()));
                } else {
                    cols.add(column(f, f.position() - 1));
                }
                continue;
            }
            List<Integer> at = positions.get(f.column());
            if (at == null) {
                errors.add(new LineError(no, f.target(), "column '" + f.column() + "' is not in the header"
                        + " (found: " + String.join(", ", header) + ")"));
            } else if (at.size() > 1) {
                errors.add(new LineError(no, f.target(), "column '" + f.column() + "' is in the header "
                        + at.size() + " times (columns " + at + ")"));
            } else {
                cols.add(column(f, at.get(0) - 1));
            }
        }
        if (!errors.isEmpty()) {
            throw new RejectedFileException(layout.source(), errors);
        }
        columns = cols.toArray(Column[]::new);
    }

    private Column column(FieldMapping f, int index) {
        RecordShape.Leaf leaf = shape.leaves().get(f.target());
        return new Column(index, leaf.slot(), f.target(), leaf.type(), leaf.primitive(), f.spelling());
    }

    /**
     * From now on, the bytes of every line read after the header are also written to {@code sink} as the file has
     * them, line end included (a line longer than {@link ByteLines#MAX_LINE}, refused unread, is not); null to stop.
     * A caller taking the file in chunks switches the sink between two lines to have each chunk's bytes.
     */
    public void copyLinesTo(java.io.OutputStream sink) {
        this.rawSink = sink;
    }

    /** The next data line's result, or null at the end of the file. */
    private LineResult advance() throws IOException {
        while (lines.next()) {
            long no = lines.number();
            if (rawSink != null) {
                rawSink.write(lines.buffer(), lines.start(), lines.rawLength());
            }
            if (lines.tooLong()) {
                return RejectedLine.of(no, LineError.WHOLE_LINE, "the line is longer than " + ByteLines.MAX_LINE
                        + " bytes");
            }
            int n = decode();
            if (n < 0) {
                return RejectedLine.of(no, LineError.WHOLE_LINE, decodeError);
            }
            if (isBlank(n)) {
                continue;
            }
            if (!splitter.split(chars.array(), n)) {
                return RejectedLine.of(no, LineError.WHOLE_LINE, splitter.error());
            }
            int count = splitter.count();
            if (count == expectedColumns + 1 && splitter.isEmpty(count - 1)) {
                count--; // the ERP ends lines with a delimiter
            }
            if (allEmpty(count)) {
                continue; // a row of delimiters only, as spreadsheets leave behind
            }
            if (count != expectedColumns) {
                return RejectedLine.of(no, LineError.WHOLE_LINE, "expected " + expectedColumns + " columns, found "
                        + count);
            }
            return map(no);
        }
        return null;
    }

    private LineResult map(long no) {
        Object[] values = template.clone();
        List<LineError> errors = null;
        List<String> unreadable = null;
        for (Column col : columns) {
            String text = splitter.text(col.index());
            if (text.isEmpty()) {
                // a missing object is reported by ModelValidator; a primitive would silently become false
                if (col.primitive()) {
                    errors = add(errors, new LineError(no, col.target(), "is missing"));
                }
                continue;
            }
            try {
                values[col.slot()] = convert(col, text);
            } catch (ValueException e) {
                errors = add(errors, new LineError(no, col.target(), e.getMessage()));
                unreadable = add(unreadable, col.target());
            }
        }
        Record record = shape.build(values);
        for (Violation v : ModelValidator.validate(record)) {
            // an unreadable cell is already reported; the validator would only add "is missing"
            if (unreadable == null || !unreadable.contains(v.field())) {
                errors = add(errors, new LineError(no, v.field(), v.reason()));
            }
        }
        return errors == null ? new MappedLine(no, record) : new RejectedLine(no, errors);
    }

    private Object convert(Column col, String text) throws ValueException {
        return switch (col.type()) {
            case TEXT -> text;
            case CODE -> {
                Optional<String> problem = CreditCode.problem(text);
                if (problem.isPresent()) {
                    throw new ValueException(Texts.quoted(text) + " " + problem.get());
                }
                yield text;
            }
            case AMOUNT -> layout.amountFormat().parse(text);
            case DATE -> layout.dateFormat().parse(text);
            case BOOLEAN -> col.spelling().parse(text);
        };
    }

    /** Decodes the current line into {@link #chars}; its length, or -1 with {@link #decodeError}. */
    private int decode() {
        byte[] buf = lines.buffer();
        if (bytes.array() != buf) {
            bytes = ByteBuffer.wrap(buf);
        }
        int start = lines.start();
        bytes.clear();
        bytes.position(start).limit(start + lines.length());
        int need = (int) (lines.length() * (double) decoder.maxCharsPerByte()) + 1;
        if (chars.capacity() < need) {
            chars = CharBuffer.allocate(Math.max(need, chars.capacity() * 2));
        }
        chars.clear();
        decoder.reset();
        CoderResult result = decoder.decode(bytes, chars, true);
        if (!result.isError()) {
            result = decoder.flush(chars);
        }
        if (result.isError()) {
            decodeError = badBytes(buf, bytes.position(), result.length(), bytes.position() - start + 1);
            return -1;
        }
        int n = chars.position();
        char[] c = chars.array();
        if (lines.number() == 1 && n > 0 && c[0] == '\uFEFF') {
            // the byte order mark of UTF-8 (or GB18030) files written by Windows tools
            System.arraycopy(c, 1, c, 0, n - 1);
            n--;
        }
        return n;
    }

    private String badBytes(byte[] buf, int at, int length, int position) {
        StringBuilder sb = new StringBuilder(length == 1 ? "byte" : "bytes");
        for (int i = 0; i < length; i++) {
            sb.append(String.format(" 0x%02X", buf[at + i] & 0xFF));
        }
        return sb.append(" at position ").append(position).append(length == 1 ? " is" : " are")
                .append(" not valid ").append(layout.charset().name()).toString();
    }

    private boolean isBlank(int n) {
        char[] c = chars.array();
        for (int i = 0; i < n; i++) {
            if (c[i] != ' ' && c[i] != '\t' && c[i] != '\u3000') {
                return false;
            }
        }
        return true;
    }

    private boolean allEmpty(int count) {
        for (int i = 0; i < count; i++) {
            if (!splitter.isEmpty(i)) {
                return false;
            }
        }
        return true;
    }

    private RejectedFileException refused(long no, String field, String reason) {
        return new RejectedFileException(layout.source(), List.of(new LineError(no, field, reason)));
    }

    private static <T> List<T> add(List<T> list, T item) {
        List<T> out = list == null ? new ArrayList<>(4) : list;
        out.add(item);
        return out;
    }
}
