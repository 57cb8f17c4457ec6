package com.receivableshub.mapping;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One core enterprise's file layout for one record kind, read from a YAML file in {@code mappings/}
 * (see mappings/README.md). Checked completely at load, so a wrong layout fails before any file is read.
 */
public final class CsvLayout {

    private final String source;
    private final RecordKind record;
    private final Charset charset;
    private final char delimiter;
    private final char quote;
    private final boolean header;
    private final int columns;
    private final DatePattern dateFormat;
    private final AmountFormat amountFormat;
    private final Map<String, Object> constants;
    private final List<FieldMapping> fields;

    CsvLayout(String source, RecordKind record, Charset charset, char delimiter, char quote, boolean header,
            int columns, DatePattern dateFormat, AmountFormat amountFormat, Map<String, Object> constants,
            List<FieldMapping> fields) {
        this.source = source;
        this.record = record;
        this.charset = charset;
        this.delimiter = delimiter;
        this.quote = quote;
        this.header = header;
        this.columns = columns;
        this.dateFormat = dateFormat;
        this.amountFormat = amountFormat;
        this.constants = Map.copyOf(constants);
        this.fields = List.copyOf(fields);
    }

    /** Reads and checks a layout file; a {@link LayoutException} names the file and every wrong field. */
    public static CsvLayout load(Path file) {
        String text;
        try {
            // strict decoding: a layout saved as GBK would otherwise yield mojibake column names
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new LayoutException(List.of(file + ": is not UTF-8 text"));
        } catch (IOException e) {
            throw new LayoutException(List.of(file + ": cannot be read: " + e.getMessage()));
        }
        return parse(file.toString(), text);
    }

    /** Checks a layout given as YAML text; {@code source} names it in errors. */
    public static CsvLayout parse(String source, String yaml) {
        return new LayoutParser(source).parse(yaml);
    }

    /** The file the layout came from, for messages. */
    public String source() {
        return source;
    }

    public RecordKind record() {
        return record;
    }

    public Charset charset() {
        return charset;
    }

    public char delimiter() {
        return delimiter;
    }

    /** The quote character, or {@code '\0'} when the ERP never quotes. */
    public char quote() {
        return quote;
    }

    /** Whether the first line names the columns. */
    public boolean header() {
        return header;
    }

    /** Columns per line of a file without header; 0 when the header gives the count. */
    public int columns() {
        return columns;
    }

    /** Null when no date is read from a column. */
    public DatePattern dateFormat() {
        return dateFormat;
    }

    /** Null when no amount is read from a column. */
    public AmountFormat amountFormat() {
        return amountFormat;
    }

    /** Values for the whole file, by target, already typed (String, BigDecimal, LocalDate, Boolean). */
    public Map<String, Object> constants() {
        return constants;
    }

    /** The column of each mapped field, in the layout's order. */
    public List<FieldMapping> fields() {
        return fields;
    }

    @Override
    public String toString() {
        return source + " (" + record + ", " + charset.name() + ")";
    }
}
