package com.receivableshub.mapping;

import com.receivableshub.mapping.PayablesFileGenerator.BadLine;
import com.receivableshub.mapping.PayablesFileGenerator.Defect;
import com.receivableshub.model.Payable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayablesFileGeneratorTest {

    @TempDir
    Path dir;

    @Test
    void aHundredThousandGbkLinesWithBadOnesGiveExactlyTheExpectedResults() throws Exception {
        Path file = dir.resolve("payables.csv");
        List<BadLine> bad = PayablesFileGenerator.defaults().seed(20250401).badEvery(97).write(file, 100_000);

        assertThat(bad).hasSize(100_000 / 97);
        assertThat(bad).extracting(BadLine::defect).containsOnly(Defect.values());

        // the demo group's real mapping reads what the generator writes
        CsvLayout layout = CsvLayout.load(Path.of("mappings", "erp-fujian-demo-group-payables.yaml"));
        long accepted = 0;
        long lastLine = 0;
        Set<String> documents = new HashSet<>();
        List<RejectedLine> rejected = new ArrayList<>();
        try (CsvRecordReader reader = CsvRecordReader.open(layout, Files.newInputStream(file))) {
            for (LineResult result : reader) {
                lastLine = result.lineNumber();
                if (result instanceof MappedLine mapped) {
                    accepted++;
                    documents.add(((Payable) mapped.record()).documentNumber());
                } else {
                    rejected.add((RejectedLine) result);
                }
            }
        }

        assertThat(accepted).isEqualTo(100_000 - bad.size());
        assertThat(documents).hasSize((int) accepted);
        assertThat(lastLine).isEqualTo(100_001);
        assertThat(rejected).extracting(RejectedLine::lineNumber)
                .containsExactlyElementsOf(bad.stream().map(BadLine::lineNumber).toList());
        for (int i = 0; i < bad.size(); i++) {
            BadLine expected = bad.get(i);
            assertThat(rejected.get(i).errors()).as("line %d (%s)", expected.lineNumber(), expected.defect())
                    .singleElement()
                    .satisfies(e -> {
                        assertThat(e.field()).isEqualTo(expected.field());
                        assertThat(e.reason()).contains(switch (expected.defect()) {
                            case BAD_CODE -> "check character is";
                            case BAD_AMOUNT -> "is not an amount";
                            case BAD_DATE -> "is not a date of the form yyyyMMdd";
                            case WRONG_COLUMN_COUNT -> "expected 9 columns, found 8";
                            case INVALID_BYTES -> "is not valid GBK";
                        });
                    });
        }
    }

    @Test
    void theDefaultFileIsGbkWithChineseColumnsAndAbout300BytesALine() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PayablesFileGenerator.defaults().write(out, 2000);

        String text = out.toString(Charset.forName("GBK"));
        assertThat(text.lines().findFirst()).contains(
                "供应商统一社会信用代码,供应商名称,单据号,金额,开票日期,到期日,确权状态,摘要,备注");
        assertThat(text.lines().count()).isEqualTo(2001);
        assertThat(out.size() / 2000).isBetween(280, 320);
    }

    @Test
    void theSameSeedWritesTheSameFile() throws Exception {
        PayablesFileGenerator generator = PayablesFileGenerator.defaults().badEvery(7);

        assertThat(bytes(generator.seed(42), 3000)).isEqualTo(bytes(generator.seed(42), 3000))
                .isNotEqualTo(bytes(generator.seed(43), 3000));
    }

    @Test
    void documentsNumberedFromElsewhereAreOtherPayablesOfTheSameSuppliers() throws Exception {
        PayablesFileGenerator generator = PayablesFileGenerator.defaults().seed(5);
        List<Payable> first = payables(generator, 200);
        List<Payable> other = payables(generator.documentsFrom(900_000_001L), 200);

        assertThat(first.get(0).documentNumber()).isEqualTo("AP-2025-00000001");
        assertThat(other.get(0).documentNumber()).isEqualTo("AP-2025-900000001");
        assertThat(other.get(199).documentNumber()).isEqualTo("AP-2025-900000200");
        Set<String> firstKeys = new HashSet<>();
        first.forEach(p -> firstKeys.add(p.key().toString()));
        assertThat(other).noneMatch(p -> firstKeys.contains(p.key().toString()));
        assertThat(other).allMatch(p -> generator.supplierCodes().contains(p.creditorCode()));
        assertThatThrownBy(() -> generator.documentsFrom(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Payable> payables(PayablesFileGenerator generator, int lines) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        generator.write(out, lines);
        List<Payable> payables = new ArrayList<>();
        try (CsvRecordReader reader = CsvRecordReader.open(generator.layout(),
                new ByteArrayInputStream(out.toByteArray()))) {
            for (LineResult line : reader) {
                payables.add((Payable) ((MappedLine) line).record());
            }
        }
        return payables;
    }

    @Test
    void writesOtherLayoutsToo() throws Exception {
        CsvLayout layout = CsvLayout.parse("headerless.yaml", """
                record: PAYABLE
                charset: UTF-8
                header: false
                columns: 9
                dateFormat: yyyy-MM-dd
                decimal: { style: grouped, unit: yuan }
                fields:
                  debtorCode: 1
                  documentNumber: 2
                  creditorCode: 3
                  amount: 5
                  issueDate: 6
                  dueDate: 7
                  confirmed: { column: 8, true: 是, false: 否 }
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<BadLine> bad = PayablesFileGenerator.of(layout).badEvery(10).write(out, 500);

        List<Long> rejected = new ArrayList<>();
        try (InputStream in = new ByteArrayInputStream(out.toByteArray());
             CsvRecordReader reader = CsvRecordReader.open(layout, in)) {
            reader.forEach(r -> {
                if (r instanceof RejectedLine) {
                    rejected.add(r.lineNumber());
                }
            });
        }

        assertThat(bad).extracting(BadLine::lineNumber).startsWith(10L, 20L, 30L);
        assertThat(rejected).containsExactlyElementsOf(bad.stream().map(BadLine::lineNumber).toList());
    }

    @Test
    void onlyPayableLayouts() {
        CsvLayout payments = CsvLayout.load(Path.of("mappings", "erp-fujian-demo-group-payments.yaml"));

        assertThatThrownBy(() -> PayablesFileGenerator.of(payments)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not PAYABLE");
    }

    private static byte[] bytes(PayablesFileGenerator generator, int lines) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        generator.write(out, lines);
        return out.toByteArray();
    }
}
