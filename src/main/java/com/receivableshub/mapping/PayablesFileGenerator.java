package com.receivableshub.mapping;

import com.receivableshub.model.Payable;
import com.receivableshub.participant.CreditCode;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes payables files as an ERP would, in any PAYABLE layout (by default GBK with Chinese column names),
 * for tests and benchmarks: about 300 bytes a line, deterministic for a seed, and optionally with a defective
 * line every k lines whose line number and expected error are returned.
 */
public final class PayablesFileGenerator {

    /** What is wrong with an injected bad line, and the field the reader must name for it. */
    public enum Defect {
        /** The supplier's credit code has a wrong check character. */
        BAD_CODE("creditorCode"),
        /** The amount has a letter in it. */
        BAD_AMOUNT("amount"),
        /** The issue date has month 99. */
        BAD_DATE("issueDate"),
        /** The last column is missing. */
        WRONG_COLUMN_COUNT(LineError.WHOLE_LINE),
        /** The supplier's name holds bytes the charset cannot decode. */
        INVALID_BYTES(LineError.WHOLE_LINE);

        private final String field;

        Defect(String field) {
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** An injected bad line: its 1-based line number in the file, what is wrong, the field to be named. */
    public record BadLine(long lineNumber, Defect defect, String field) {
    }

    /** The default layout: like the demo group's ERP, GBK with Chinese column names. */
    public static final String DEFAULT_LAYOUT = """
            format: csv
            record: PAYABLE
            charset: GBK
            delimiter: ","
            quote: "\\""
            header: true
            dateFormat: yyyyMMdd
            decimal: { style: plain, unit: yuan }
            constants:
              debtorCode: 91350100705432100M
            fields:
              creditorCode: 供应商统一社会信用代码
              documentNumber: 单据号
              amount: 金额
              issueDate: 开票日期
              dueDate: 到期日
              confirmed: { column: 确权状态, true: [已确权, "Y"], false: [未确权, "N"] }
            """;

    private static final String DEBTOR = "91350100705432100M";
    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final String[] REGIONS = {"350100", "350200", "350500", "350600", "350700", "350800"};
    private static final String[] PLACES = {"闽江", "厦门", "泉州", "漳州", "莆田", "三明", "南平", "龙岩", "宁德", "福清"};
    private static final String[] TRADES = {"精密", "五金", "电子", "物流", "建材", "纺织", "食品", "化工", "机电", "包装"};
    private static final String[] FORMS = {"零部件有限公司", "贸易有限公司", "科技有限公司", "制造有限公司", "实业有限公司"};
    private static final String[] GOODS = {"钢材", "电子元器件", "包装材料", "运输服务", "设备维修", "办公用品", "化工原料",
            "机电配件"};
    private static final String PADDING = "本单据根据采购合同及入库单生成，金额含税，请供应商核对发票信息后确权；如有疑问请联系集团财务共享中心。";
    private static final String SUPPLIER_NAME = "供应商名称";
    private static final String SUMMARY = "摘要";
    private static final String REMARK = "备注";
    private static final int TARGET_BYTES = 300;
    private static final LocalDate FIRST_ISSUE = LocalDate.of(2025, 1, 1);

    private final CsvLayout layout;
    private final long seed;
    private final int badEvery;
    private final long firstDocument;

    private PayablesFileGenerator(CsvLayout layout, long seed, int badEvery, long firstDocument) {
        if (layout.record() != RecordKind.PAYABLE) {
            throw new IllegalArgumentException(layout.source() + " is a " + layout.record() + " layout, not PAYABLE");
        }
        if (layout.header() && layout.fields().stream().anyMatch(f -> f.column() == null)) {
            throw new IllegalArgumentException(layout.source() + ": with a header every field must be named");
        }
        this.layout = layout;
        this.seed = seed;
        this.badEvery = badEvery;
        this.firstDocument = firstDocument;
    }

    /** The generator for {@link #DEFAULT_LAYOUT}, seed 1, no bad lines. */
    public static PayablesFileGenerator defaults() {
        return of(CsvLayout.parse("PayablesFileGenerator.DEFAULT_LAYOUT", DEFAULT_LAYOUT));
    }

    public static PayablesFileGenerator of(CsvLayout layout) {
        return new PayablesFileGenerator(layout, 1, 0, 1);
    }

    public PayablesFileGenerator seed(long newSeed) {
        return new PayablesFileGenerator(layout, newSeed, badEvery, firstDocument);
    }

    /** Makes every k-th data line bad, cycling through the defects the layout can show; 0 for none. */
    public PayablesFileGenerator badEvery(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be 0 or more");
        }
        return new PayablesFileGenerator(layout, seed, k, firstDocument);
    }

    /**
     * Numbers the documents from {@code first} (AP-2025-00000001 by default), so that two files of the same suppliers
     * hold different payables.
     */
    public PayablesFileGenerator documentsFrom(long first) {
        if (first < 1) {
            throw new IllegalArgumentException("document numbers start at 1 or more");
        }
        return new PayablesFileGenerator(layout, seed, badEvery, first);
    }

    public CsvLayout layout() {
        return layout;
    }

    /** The credit codes of the suppliers whose payables {@link #write} draws, the same for the same seed. */
    public List<String> supplierCodes() {
        return suppliers(new Random(seed)).stream().map(Supplier::code).toList();
    }

    public List<BadLine> write(Path file, long lines) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            return write(out, lines);
        }
    }

    /** Writes a header (if the layout has one) and {@code lines} data lines; returns the bad lines in order. */
    public List<BadLine> write(OutputStream target, long lines) throws IOException {
        Random random = new Random(seed);
        Charset charset = layout.charset();
        List<String> columns = columns();
        List<Supplier> suppliers = suppliers(random);
        List<Defect> defects = defects();
        byte[] invalid = invalidBytes(charset);
        int bytesPerHan = "中".getBytes(charset).length;
        List<BadLine> bad = new ArrayList<>();
        OutputStream out = new BufferedOutputStream(target, 1 << 16);
        long lineNumber = 0;
        if (layout.header()) {
            out.write(join(columns).getBytes(charset));
            out.write('\n');
            lineNumber++;
        }
        String[] cells = new String[columns.size()];
        for (long i = 1; i <= lines; i++) {
            lineNumber++;
            Supplier supplier = suppliers.get(random.nextInt(suppliers.size()));
            LocalDate issued = FIRST_ISSUE.plusDays(random.nextInt(365));
            Payable p = new Payable(DEBTOR, supplier.code, "AP-2025-" + String.format("%08d", firstDocument - 1 + i),
                    BigDecimal.valueOf(100 + (random.nextLong() & Long.MAX_VALUE) % 5_000_000_000L, 2),
                    issued, issued.plusDays(30 + random.nextInt(150)), random.nextBoolean(), Payable.CNY);
            Defect defect = badEvery > 0 && i % badEvery == 0
                    ? defects.get((int) ((i / badEvery - 1) % defects.size())) : null;
            fill(cells, columns, p, supplier, random);
            int estimate = estimateBytes(cells, bytesPerHan);
            int remark = columns.indexOf(REMARK);
            if (remark >= 0 && estimate < TARGET_BYTES) {
                int han = (TARGET_BYTES - estimate + random.nextInt(41) - 20) / bytesPerHan;
                int from = random.nextInt(PADDING.length());
                StringBuilder sb = new StringBuilder(cells[remark]);
                for (int k = 0; k < han; k++) {
                    sb.append(PADDING.charAt((from + k) % PADDING.length()));
                }
                cells[remark] = sb.toString();
            }
            int injectAt = -1;
            if (defect != null) {
                injectAt = spoil(defect, cells, columns);
                bad.add(new BadLine(lineNumber, defect, defect.field()));
            }
            int count = defect == Defect.WRONG_COLUMN_COUNT ? cells.length - 1 : cells.length;
            writeLine(out, cells, count, charset, injectAt, invalid);
        }
        out.flush();
        return List.copyOf(bad);
    }

    /** Column names (header) or a role per position (no header): mapped targets and filler columns. */
    private List<String> columns() {
        List<String> columns = new ArrayList<>();
        if (layout.header()) {
            for (FieldMapping f : layout.fields()) {
                columns.add(f.column());
                if (f.target().equals("creditorCode")) {
                    columns.add(SUPPLIER_NAME);
                }
            }
            if (!columns.contains(SUPPLIER_NAME)) {
                columns.add(SUPPLIER_NAME);
            }
            columns.add(SUMMARY);
            columns.add(REMARK);
            return columns;
        }
        String[] fillers = {SUPPLIER_NAME, SUMMARY, REMARK};
        int filler = 0;
        for (int p = 1; p <= layout.columns(); p++) {
            String target = target(p);
            columns.add(target != null ? target : filler < fillers.length ? fillers[filler++] : "");
        }
        return columns;
    }

    private String target(int position) {
        return layout.fields().stream().filter(f -> f.position() == position).map(FieldMapping::target)
                .findFirst().orElse(null);
    }

    private void fill(String[] cells, List<String> columns, Payable p, Supplier supplier, Random random) {
        for (int c = 0; c < cells.length; c++) {
            String column = columns.get(c);
            FieldMapping f = layout.header() ? byColumn(column) : byTarget(column);
            cells[c] = f != null ? value(f, p) : switch (column) {
                case SUPPLIER_NAME -> supplier.name;
                case SUMMARY -> "采购" + GOODS[random.nextInt(GOODS.length)] + " 批次" + (10000 + random.nextInt(90000));
                case REMARK -> "";
                default -> "-";
            };
        }
    }

    private FieldMapping byColumn(String column) {
        return layout.fields().stream().filter(f -> column.equals(f.column())).findFirst().orElse(null);
    }

    private FieldMapping byTarget(String target) {
        return layout.fields().stream().filter(f -> f.target().equals(target)).findFirst().orElse(null);
    }

    private String value(FieldMapping f, Payable p) {
        return switch (f.target()) {
            case "debtorCode" -> p.debtorCode();
            case "creditorCode" -> p.creditorCode();
            case "documentNumber" -> p.documentNumber();
            case "amount" -> layout.amountFormat().format(p.amount());
            case "issueDate" -> layout.dateFormat().format(p.issueDate());
            case "dueDate" -> layout.dateFormat().format(p.dueDate());
            case "confirmed" -> f.spelling().format(p.confirmed());
            case "currency" -> p.currency();
            default -> throw new IllegalStateException("unknown payable field " + f.target());
        };
    }

    /** Makes the line bad; returns the column to put invalid bytes in front of, or -1. */
    private int spoil(Defect defect, String[] cells, List<String> columns) {
        switch (defect) {
            case BAD_CODE -> {
                int c = cellOf("creditorCode", columns);
                String code = cells[c];
                char wrong = ALPHABET.charAt((ALPHABET.indexOf(code.charAt(17)) + 1) % ALPHABET.length());
                cells[c] = code.substring(0, 17) + wrong;
            }
            case BAD_AMOUNT -> {
                int c = cellOf("amount", columns);
                cells[c] = cells[c].substring(0, cells[c].length() - 1) + "x";
            }
            case BAD_DATE -> {
                int c = cellOf("issueDate", columns);
                cells[c] = cells[c].replaceAll("[0-9]", "9");
            }
            case INVALID_BYTES -> {
                return columns.indexOf(SUPPLIER_NAME);
            }
            default -> {
                // WRONG_COLUMN_COUNT: the writer leaves out the last column
            }
        }
        return -1;
    }

    private int cellOf(String target, List<String> columns) {
        FieldMapping f = byTarget(target);
        return layout.header() ? columns.indexOf(f.column()) : f.position() - 1;
    }

    /** The defects this layout can show: a field given by a constant cannot be spoiled. */
    private List<Defect> defects() {
        List<Defect> out = new ArrayList<>();
        for (Defect d : Defect.values()) {
            boolean possible = switch (d) {
                case BAD_CODE -> byTarget("creditorCode") != null;
                case BAD_AMOUNT -> byTarget("amount") != null;
                case BAD_DATE -> byTarget("issueDate") != null;
                case WRONG_COLUMN_COUNT -> true;
                case INVALID_BYTES -> invalidBytes(layout.charset()) != null && columns().contains(SUPPLIER_NAME);
            };
            if (possible) {
                out.add(d);
            }
        }
        return out;
    }

    private void writeLine(OutputStream out, String[] cells, int count, Charset charset, int injectAt,
            byte[] invalid) throws IOException {
        StringBuilder sb = new StringBuilder(TARGET_BYTES);
        for (int c = 0; c < count; c++) {
            if (c > 0) {
                sb.append(layout.delimiter());
            }
            if (c == injectAt) {
                out.write(sb.toString().getBytes(charset));
                out.write(invalid);
                sb.setLength(0);
            }
            appendCell(sb, cells[c]);
        }
        sb.append('\n');
        out.write(sb.toString().getBytes(charset));
    }

    private String join(List<String> cells) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                sb.append(layout.delimiter());
            }
            appendCell(sb, cells.get(c));
        }
        return sb.toString();
    }

    private void appendCell(StringBuilder sb, String cell) {
        char quote = layout.quote();
        boolean needsQuotes = cell.indexOf(layout.delimiter()) >= 0 || quote != '\0' && cell.indexOf(quote) >= 0;
        if (!needsQuotes) {
            sb.append(cell);
            return;
        }
        if (quote == '\0') {
            throw new IllegalStateException(layout.source() + " cannot hold '" + cell + "': no quote character");
        }
        sb.append(quote).append(cell.replace(String.valueOf(quote), String.valueOf(quote) + quote)).append(quote);
    }

    private static int estimateBytes(String[] cells, int bytesPerHan) {
        int n = cells.length;
        for (String cell : cells) {
            for (int i = 0; i < cell.length(); i++) {
                n += cell.charAt(i) < 0x80 ? 1 : bytesPerHan;
            }
        }
        return n;
    }

    /** Bytes the charset refuses (none for single-byte charsets that decode everything). */
    private static byte[] invalidBytes(Charset charset) {
        byte[][] candidates = {{(byte) 0xFF}, {(byte) 0x81, 0x20}, {(byte) 0x80}};
        for (byte[] candidate : candidates) {
            CharsetDecoder decoder = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            if (decoder.decode(ByteBuffer.wrap(candidate), CharBuffer.allocate(8), true).isError()) {
                return candidate;
            }
        }
        return null;
    }

    private record Supplier(String code, String name) {
    }

    private static List<Supplier> suppliers(Random random) {
        List<Supplier> out = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            StringBuilder first17 = new StringBuilder("91").append(REGIONS[random.nextInt(REGIONS.length)]);
            while (first17.length() < 17) {
                first17.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String code = first17.toString() + CreditCode.checkCharacter(first17.toString());
            String name = PLACES[random.nextInt(PLACES.length)] + TRADES[random.nextInt(TRADES.length)]
                    + FORMS[random.nextInt(FORMS.length)];
            out.add(new Supplier(code, name));
        }
        return out;
    }
}
