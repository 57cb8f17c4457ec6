package com.receivableshub.mapping;

import com.receivableshub.model.BankAccount;
import com.receivableshub.model.CollectionAccount;
import com.receivableshub.model.Payable;
import com.receivableshub.model.Payment;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvRecordReaderTest {

    static final Charset GBK = Charset.forName("GBK");
    static final String DEBTOR = "91350100705432100M";
    static final String SUPPLIER = "91350100M000100Y43";
    static final String OTHER_SUPPLIER = "913501002611234009";

    /** The demo payables layout with a placeholder for the decimal setting. */
    static final String PAYABLES = """
            record: PAYABLE
            charset: GBK
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
    static final String HEADER = "单据号,供应商统一社会信用代码,金额,开票日期,到期日,确权状态";

    static List<LineResult> read(String yaml, byte[] content) throws Exception {
        CsvLayout layout = CsvLayout.parse("test.yaml", yaml);
        try (CsvRecordReader reader = CsvRecordReader.open(layout, new ByteArrayInputStream(content))) {
            List<LineResult> out = new ArrayList<>();
            reader.forEach(out::add);
            return out;
        }
    }

    static List<LineResult> readGbk(String text) throws Exception {
        return read(PAYABLES, text.getBytes(GBK));
    }

    static Payable payable(String document, String creditor, String amount, boolean confirmed) {
        return new Payable(DEBTOR, creditor, document, new BigDecimal(amount), LocalDate.of(2025, 4, 1),
                LocalDate.of(2025, 9, 30), confirmed, "CNY");
    }

    static Record record(LineResult result) {
        assertThat(result).isInstanceOf(MappedLine.class);
        return ((MappedLine) result).record();
    }

    static List<LineError> errors(LineResult result) {
        assertThat(result).isInstanceOf(RejectedLine.class);
        return ((RejectedLine) result).errors();
    }

    static LineError onlyError(LineResult result) {
        assertThat(errors(result)).hasSize(1);
        return errors(result).get(0);
    }

    @Test
    void copiesEachLinesBytesAsTheFileHasThemToTheSinkOfTheMomentSoChunksSplitTheFileExactly() throws Exception {
        String header = HEADER + "\r\n";
        String one = "AP-1," + SUPPLIER + ",1.00,20261101,20270501,已确权\r\n";
        String bad = "AP-2,not-a-code,2.00,20261101,20270501,已确权\n";
        String blank = "   \r\n";
        String last = "AP-3," + SUPPLIER + ",3.00,20261101,20270501,未确权"; // no line end at the end of the file
        byte[] file = (header + one + bad + blank + last).getBytes(GBK);
        CsvLayout layout = CsvLayout.parse("test.yaml", PAYABLES);
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        try (CsvRecordReader reader = CsvRecordReader.open(layout, new ByteArrayInputStream(file))) {
            reader.copyLinesTo(first);
            int n = 0;
            for (LineResult line : reader) {
                if (++n == 2) {
                    reader.copyLinesTo(second); // after the second line, as a file's chunks switch
                }
            }
            assertThat(n).isEqualTo(3);
        }
        assertThat(first.toByteArray()).isEqualTo((one + bad).getBytes(GBK));
        assertThat(second.toByteArray()).as("a blank line goes with the line after it").isEqualTo(
                (blank + last).getBytes(GBK));
    }

    @Test
    void readsAPayableWithTheFilesDebtorAndCny() throws Exception {
        List<LineResult> results = readGbk(HEADER + "\nAP-1," + SUPPLIER + ",125000.00,20250401,20250930,已确权\n");

        assertThat(results).hasSize(1);
        assertThat(results.get(0).lineNumber()).isEqualTo(2);
        assertThat(record(results.get(0))).isEqualTo(payable("AP-1", SUPPLIER, "125000.00", true));
    }

    @Test
    void quotedFieldsMayHoldDelimitersQuotesAndBlanks() throws Exception {
        String yaml = PAYABLES.replace("documentNumber: 单据号", "documentNumber: 单据号\n  currency: 币种");
        List<LineResult> results = read(yaml, (HEADER + ",币种\n"
                + "\"AP,\"\"1\"\"\"," + SUPPLIER + ",\"125000.00\", \"20250401\" ,20250930,\"已确权\",CNY\n")
                .getBytes(GBK));

        Payable p = (Payable) record(results.get(0));
        assertThat(p.documentNumber()).isEqualTo("AP,\"1\"");
        assertThat(p.amount()).isEqualByComparingTo("125000");
        assertThat(p.issueDate()).isEqualTo(LocalDate.of(2025, 4, 1));
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsText() throws Exception {
        List<LineResult> results = readGbk(HEADER + "\nAP-5\"," + SUPPLIER + ",1.00,20250401,20250930,Y\n");

        assertThat(((Payable) record(results.get(0))).documentNumber()).isEqualTo("AP-5\"");
    }

    @Test
    void brokenQuotesRefuseOnlyTheirLine() throws Exception {
        List<LineResult> results = readGbk(HEADER + "\n"
                + "\"AP-1," + SUPPLIER + ",1.00,20250401,20250930,Y\n"
                + "\"AP-2\"x," + SUPPLIER + ",1.00,20250401,20250930,Y\n"
                + "AP-3," + SUPPLIER + ",1.00,20250401,20250930,Y\n");

        assertThat(onlyError(results.get(0))).isEqualTo(new LineError(2, "", "the quote opened in column 1 is not closed"));
        assertThat(onlyError(results.get(1))).isEqualTo(new LineError(3, "", "column 1 has text after its closing quote"));
        assertThat(results.get(2)).isInstanceOf(MappedLine.class);
    }

    @Test
    void headerColumnsMayComeInAnyOrderAndUnmappedOnesAreIgnored() throws Exception {
        List<LineResult> inOrder = readGbk(HEADER + "\nAP-1," + SUPPLIER + ",9.90,20250401,20250930,N\n");
        List<LineResult> shuffled = readGbk("确权状态,备注,到期日,金额,供应商统一社会信用代码,开票日期,单据号\n"
                + "N,不读,20250930,9.90," + SUPPLIER + ",20250401,AP-1\n");

        assertThat(record(shuffled.get(0))).isEqualTo(record(inOrder.get(0)))
                .isEqualTo(payable("AP-1", SUPPLIER, "9.90", false));
    }

    @Test
    void amountsInFen() throws Exception {
        String yaml = PAYABLES.replace("unit: yuan", "unit: fen");
        List<LineResult> results = readGbk(yaml, HEADER + "\n"
                + "AP-1," + SUPPLIER + ",12500000,20250401,20250930,Y\n"
                + "AP-2," + SUPPLIER + ",1,20250401,20250930,Y\n"
                + "AP-3," + SUPPLIER + ",125.50,20250401,20250930,Y\n");

        assertThat(((Payable) record(results.get(0))).amount()).isEqualTo(new BigDecimal("125000.00"));
        assertThat(((Payable) record(results.get(1))).amount()).isEqualTo(new BigDecimal("0.01"));
        assertThat(onlyError(results.get(2))).isEqualTo(
                new LineError(4, "amount", "'125.50' is not an amount in the form 123456 (fen)"));
    }

    @Test
    void europeanDecimals() throws Exception {
        String yaml = PAYABLES.replace("style: plain", "style: european") + "delimiter: \";\"\n";
        List<LineResult> results = readGbk(yaml, HEADER.replace(',', ';') + "\n"
                + "AP-1;" + SUPPLIER + ";1.234,56;20250401;20250930;Y\n"
                + "AP-2;" + SUPPLIER + ";1234,5;20250401;20250930;Y\n"
                + "AP-3;" + SUPPLIER + ";1,234.56;20250401;20250930;Y\n"
                + "AP-4;" + SUPPLIER + ";1.234.567,00;20250401;20250930;Y\n");

        assertThat(((Payable) record(results.get(0))).amount()).isEqualTo(new BigDecimal("1234.56"));
        assertThat(((Payable) record(results.get(1))).amount()).isEqualTo(new BigDecimal("1234.50"));
        assertThat(onlyError(results.get(2)).reason()).isEqualTo("'1,234.56' is not an amount in the form 1.234,56");
        assertThat(((Payable) record(results.get(3))).amount()).isEqualTo(new BigDecimal("1234567.00"));
    }

    @Test
    void groupedDecimals() throws Exception {
        String yaml = PAYABLES.replace("style: plain", "style: grouped");
        List<LineResult> results = readGbk(yaml, HEADER + "\n"
                + "AP-1," + SUPPLIER + ",\"1,234,567.80\",20250401,20250930,Y\n"
                + "AP-2," + SUPPLIER + ",999.00,20250401,20250930,Y\n"
                + "AP-3," + SUPPLIER + ",\"12,34.00\",20250401,20250930,Y\n");

        assertThat(((Payable) record(results.get(0))).amount()).isEqualTo(new BigDecimal("1234567.80"));
        assertThat(((Payable) record(results.get(1))).amount()).isEqualTo(new BigDecimal("999.00"));
        assertThat(onlyError(results.get(2)).reason()).isEqualTo("'12,34.00' is not an amount in the form 1,234.56");
    }

    private static List<LineResult> readGbk(String yaml, String text) throws Exception {
        return read(yaml, text.getBytes(GBK));
    }

    @Test
    void aUtf8ByteOrderMarkIsSkipped() throws Exception {
        String yaml = PAYABLES.replace("charset: GBK", "charset: UTF-8");
        byte[] content = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                (HEADER + "\nAP-1," + SUPPLIER + ",1.00,20250401,20250930,Y\n").getBytes(StandardCharsets.UTF_8));

        assertThat(read(yaml, content)).singleElement().isInstanceOf(MappedLine.class);
    }

    @Test
    void aUtf8ByteOrderMarkInAGbkFileRefusesTheFile() {
        byte[] content = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                (HEADER + "\n").getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> read(PAYABLES, content))
                .isInstanceOf(RejectedFileException.class)
                .satisfies(e -> assertThat(((RejectedFileException) e).errors()).containsExactly(new LineError(1, "",
                        "the file starts with a UTF-8 byte order mark, but the layout says GBK")));
    }

    @Test
    void crlfLfAndAMissingFinalLineBreakAreAllLineEnds() throws Exception {
        List<LineResult> results = readGbk(HEADER + "\r\n"
                + "AP-1," + SUPPLIER + ",1.00,20250401,20250930,Y\r\n"
                + "AP-2," + SUPPLIER + ",2.00,20250401,20250930,Y\n"
                + "AP-3," + SUPPLIER + ",3.00,20250401,20250930,Y");

        assertThat(results).extracting(LineResult::lineNumber).containsExactly(2L, 3L, 4L);
        assertThat(results).extracting(r -> ((Payable) record(r)).confirmed()).containsOnly(true);
        assertThat(((Payable) record(results.get(2))).amount()).isEqualTo(new BigDecimal("3.00"));
    }

    @Test
    void blankLinesAndRowsOfDelimitersAreSkippedButKeepTheLineNumbers() throws Exception {
        List<LineResult> results = readGbk("\n" + HEADER + "\n\n   \n,,,,,\n"
                + "AP-1," + SUPPLIER + ",1.00,20250401,20250930,Y\n\n");

        assertThat(results).singleElement().extracting(LineResult::lineNumber).isEqualTo(6L);
    }

    @Test
    void aTrailingDelimiterIsNotAColumn() throws Exception {
        List<LineResult> results = readGbk(HEADER + ",\n"
                + "AP-1," + SUPPLIER + ",1.00,20250401,20250930,Y,\n"
                + "AP-2," + SUPPLIER + ",1.00,20250401,20250930,Y\n"
                + "AP-3," + SUPPLIER + ",1.00,20250401,20250930,Y,x\n");

        assertThat(results.get(0)).isInstanceOf(MappedLine.class);
        assertThat(results.get(1)).isInstanceOf(MappedLine.class);
        assertThat(onlyError(results.get(2))).isEqualTo(new LineError(4, "", "expected 6 columns, found 7"));
    }

    @Test
    void everyKindOfBadCellIsReportedWithItsLineAndField() throws Exception {
        List<LineResult> results = readGbk(HEADER + "\n"
                + "AP-1," + SUPPLIER + ",1.00,20250401\n"
                + "AP-2," + SUPPLIER + ",\"12,3x\",20250401,20250930,Y\n"
                + "AP-3," + SUPPLIER + ",12.345,20250401,20250930,Y\n"
                + "AP-4," + SUPPLIER + ",1.00,2025-04-01,20250930,Y\n"
                + "AP-5,91350100M000100Y44,1.00,20250401,20250930,Y\n"
                + "AP-6," + SUPPLIER + ",1.00,20250401,20250930,maybe\n"
                + "AP-7," + SUPPLIER + ",1.00,20250401,20250930,\n"
                + "AP-8,," + ",20250401,20250301,Y\n"
                + "AP-9," + SUPPLIER + ",1.00,20250431,20250930,Y\n");

        assertThat(results).extracting(LineResult::lineNumber).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(onlyError(results.get(0))).isEqualTo(new LineError(2, "", "expected 6 columns, found 4"));
        assertThat(onlyError(results.get(1))).isEqualTo(
                new LineError(3, "amount", "'12,3x' is not an amount in the form 1234.56"));
        assertThat(onlyError(results.get(2))).isEqualTo(new LineError(4, "amount", "'12.345' has more than two decimals"));
        assertThat(onlyError(results.get(3))).isEqualTo(
                new LineError(5, "issueDate", "'2025-04-01' is not a date of the form yyyyMMdd"));
        assertThat(onlyError(results.get(4))).isEqualTo(new LineError(6, "creditorCode",
                "'91350100M000100Y44' check character is '4', GB 32100 requires '3'"));
        assertThat(onlyError(results.get(5))).isEqualTo(new LineError(7, "confirmed",
                "'maybe' is not one of 已确权, Y (true) or 未确权, N (false)"));
        assertThat(onlyError(results.get(6))).isEqualTo(new LineError(8, "confirmed", "is missing"));
        assertThat(errors(results.get(7))).containsExactlyInAnyOrder(
                new LineError(9, "creditorCode", "is missing"),
                new LineError(9, "amount", "is missing"),
                new LineError(9, "dueDate", "2025-03-01 is before issueDate 2025-04-01"));
        assertThat(onlyError(results.get(8))).isEqualTo(
                new LineError(10, "issueDate", "'20250431' is not a date of the form yyyyMMdd"));
    }

    @Test
    void trailingZeroDecimalsAreExactAndAccepted() throws Exception {
        List<LineResult> results = readGbk(HEADER + "\nAP-1," + SUPPLIER + ",12.3400,20250401,20250930,Y\n");

        assertThat(((Payable) record(results.get(0))).amount()).isEqualTo(new BigDecimal("12.34"));
    }

    @Test
    void undecodableBytesRefuseOnlyTheirLine() throws Exception {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes((HEADER + "\nAP-1," + SUPPLIER + ",1.00,20250401,20250930,已确权\nAP-2,").getBytes(GBK));
        content.writeBytes(new byte[] {(byte) 0xFF});
        content.writeBytes((SUPPLIER + ",1.00,20250401,20250930,已确权\nAP-3," + SUPPLIER
                + ",3.00,20250401,20250930,未确权\n").getBytes(GBK));

        List<LineResult> results = read(PAYABLES, content.toByteArray());

        assertThat(results).hasSize(3);
        assertThat(results.get(0)).isInstanceOf(MappedLine.class);
        assertThat(onlyError(results.get(1))).isEqualTo(new LineError(3, "", "byte 0xFF at position 6 is not valid GBK"));
        assertThat(record(results.get(2))).isEqualTo(payable("AP-3", SUPPLIER, "3.00", false));
    }

    @Test
    void utf8ReadAsGbkIsNotSilentlyAccepted() throws Exception {
        // 已确权 in UTF-8 is not valid GBK: the line must be refused, not read as mojibake
        byte[] content = (HEADER + "\nAP-1," + SUPPLIER + ",1.00,20250401,20250930,已确权\n")
                .getBytes(StandardCharsets.UTF_8);
        List<LineResult> results;
        try {
            results = read(PAYABLES, content);
        } catch (RejectedFileException e) {
            assertThat(e.errors()).isNotEmpty();
            return;
        }
        assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(RejectedLine.class));
    }

    @Test
    void aMissingHeaderColumnRefusesTheFileNamingTheField() {
        assertThatThrownBy(() -> readGbk("单据号,供应商代码,金额,开票日期,到期日,确权状态\n"
                + "AP-1," + SUPPLIER + ",1.00,20250401,20250930,Y\n"))
                .isInstanceOf(RejectedFileException.class)
                .hasMessageContaining("test.yaml")
                .satisfies(e -> assertThat(((RejectedFileException) e).errors()).containsExactly(new LineError(1,
                        "creditorCode", "column '供应商统一社会信用代码' is not in the header"
                        + " (found: 单据号, 供应商代码, 金额, 开票日期, 到期日, 确权状态)")));
    }

    @Test
    void aMappedColumnTwiceInTheHeaderRefusesTheFile() {
        assertThatThrownBy(() -> readGbk(HEADER + ",金额\n"))
                .isInstanceOf(RejectedFileException.class)
                .satisfies(e -> assertThat(((RejectedFileException) e).errors()).containsExactly(
                        new LineError(1, "amount", "column '金额' is in the header 2 times (columns [3, 7])")));
    }

    @Test
    void anEmptyFileHasNoHeader() {
        assertThatThrownBy(() -> readGbk("\n\n"))
                .isInstanceOf(RejectedFileException.class)
                .satisfies(e -> assertThat(((RejectedFileException) e).errors()).containsExactly(
                        new LineError(1, "", "the file is empty: the header line is missing")));
    }

    @Test
    void aHeaderOnlyFileHasNoLines() throws Exception {
        assertThat(readGbk(HEADER + "\r\n")).isEmpty();
    }

    @Test
    void anOverlongLineIsRefusedAndReadingGoesOn() throws Exception {
        char[] filler = new char[ByteLines.MAX_LINE + 10];
        Arrays.fill(filler, 'x');
        List<LineResult> results = readGbk(HEADER + "\n" + new String(filler) + "\n"
                + "AP-1," + SUPPLIER + ",1.00,20250401,20250930,Y\n");

        assertThat(onlyError(results.get(0))).isEqualTo(
                new LineError(2, "", "the line is longer than " + ByteLines.MAX_LINE + " bytes"));
        assertThat(results.get(1).lineNumber()).isEqualTo(3);
        assertThat(results.get(1)).isInstanceOf(MappedLine.class);
    }

    @Test
    void linesLongerThanTheBufferAreRead() throws Exception {
        String document = "AP-" + "9".repeat(200_000);
        List<LineResult> results = readGbk(HEADER + "\n" + document + "," + SUPPLIER + ",1.00,20250401,20250930,Y\n");

        assertThat(((Payable) record(results.get(0))).documentNumber()).isEqualTo(document);
    }

    @Test
    void aFileWithoutHeaderIsReadByPosition() throws Exception {
        String yaml = """
                record: PAYMENT
                charset: UTF-8
                header: false
                dateFormat: yyyy-MM-dd
                decimal: { style: plain, unit: yuan }
                fields:
                  paymentId: 1
                  debtorCode: 2
                  creditorCode: 3
                  documentNumber: 4
                  amount: 5
                  paidDate: 6
                """;
        List<LineResult> results = read(yaml, ("P-1," + DEBTOR + "," + SUPPLIER + ",AP-1,10.5,2025-04-15\n"
                + "P-2," + DEBTOR + "," + SUPPLIER + ",AP-1,10.5\n").getBytes(StandardCharsets.UTF_8));

        assertThat(results.get(0).lineNumber()).isEqualTo(1);
        assertThat(record(results.get(0))).isEqualTo(new Payment("P-1", SUPPLIER, DEBTOR, "AP-1",
                new BigDecimal("10.50"), LocalDate.of(2025, 4, 15)));
        assertThat(onlyError(results.get(1))).isEqualTo(new LineError(2, "", "expected 6 columns, found 5"));
    }

    @Test
    void collectionAccountsFillTheNestedBankAccount() throws Exception {
        String yaml = """
                record: COLLECTION_ACCOUNT
                charset: GBK
                dateFormat: yyyyMMdd
                constants:
                  debtorCode: 91350100705432100M
                  validFrom: 2025-04-01
                fields:
                  creditorCode: 信用代码
                  account.accountNumber: 账号
                  account.accountName: 户名
                  account.bankName: 开户行
                """;
        List<LineResult> results = read(yaml, ("信用代码,户名,账号,开户行\n"
                + OTHER_SUPPLIER + ",厦门办公用品有限公司,6222021000001234,中国工商银行厦门分行\n"
                + OTHER_SUPPLIER + ",厦门办公用品有限公司,,\n").getBytes(GBK));

        assertThat(record(results.get(0))).isEqualTo(new CollectionAccount(DEBTOR, OTHER_SUPPLIER,
                new BankAccount("6222021000001234", "厦门办公用品有限公司", "中国工商银行厦门分行"), LocalDate.of(2025, 4, 1)));
        assertThat(errors(results.get(1))).containsExactly(
                new LineError(3, "account.accountNumber", "is missing"),
                new LineError(3, "account.bankName", "is missing"));
    }

    @Test
    void otherDatePatternsUseTheFormatter() throws Exception {
        String yaml = PAYABLES.replace("yyyyMMdd", "yyyy/M/d");
        List<LineResult> results = readGbk(yaml, HEADER + "\n"
                + "AP-1," + SUPPLIER + ",1.00,2025/4/1,2025/9/30,Y\n"
                + "AP-2," + SUPPLIER + ",1.00,2025/2/29,2025/9/30,Y\n");

        assertThat(record(results.get(0))).isEqualTo(payable("AP-1", SUPPLIER, "1.00", true));
        assertThat(onlyError(results.get(1))).isEqualTo(
                new LineError(3, "issueDate", "'2025/2/29' is not a date of the form yyyy/M/d"));
    }

    @Test
    void aReaderIsReadOnceAndClosesItsStream() throws Exception {
        CsvLayout layout = CsvLayout.parse("test.yaml", PAYABLES);
        boolean[] closed = {false};
        ByteArrayInputStream in = new ByteArrayInputStream((HEADER + "\nAP-1," + SUPPLIER
                + ",1.00,20250401,20250930,Y\n").getBytes(GBK)) {
            @Override
            public void close() throws IOException {
                closed[0] = true;
                super.close();
            }
        };
        try (CsvRecordReader reader = CsvRecordReader.open(layout, in)) {
            assertThat(reader.header()).containsExactly("单据号", "供应商统一社会信用代码", "金额", "开票日期", "到期日", "确权状态");
            assertThat(reader.stream().count()).isEqualTo(1);
            assertThatThrownBy(reader::iterator).isInstanceOf(IllegalStateException.class);
        }
        assertThat(closed[0]).isTrue();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
