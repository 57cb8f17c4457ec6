package com.receivableshub.mapping;

import com.receivableshub.model.Payable;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultFileTest {

    static final Payable PAYABLE = new Payable("91350100705432100M", "91350100M000100Y43", "AP-1",
            new BigDecimal("1.00"), LocalDate.of(2025, 4, 1), LocalDate.of(2025, 9, 30), true, "CNY");

    @Test
    void writesEveryErrorThenTheCounts() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ResultFile result = ResultFile.to(out)) {
            result.add(new MappedLine(2, PAYABLE));
            result.add(new RejectedLine(3, List.of(
                    new LineError(3, "amount", "'12,3x' is not an amount in the form 1234.56"),
                    new LineError(3, "confirmed", "'\"待定\"' is not one of 已确权 (true) or 未确权 (false)"))));
            result.add(RejectedLine.of(4, LineError.WHOLE_LINE, "expected 6 columns, found 4"));
            result.add(new MappedLine(5, PAYABLE));
            result.finish(1);
            assertThat(result.lines()).isEqualTo(4);
            assertThat(result.accepted()).isEqualTo(2);
            assertThat(result.rejected()).isEqualTo(2);
        }

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
                line,field,reason\r
                3,amount,"'12,3x' is not an amount in the form 1234.56"\r
                3,confirmed,"'""待定""' is not one of 已确权 (true) or 未确权 (false)"\r
                4,,"expected 6 columns, found 4"\r
                ,lines,4\r
                ,accepted,2\r
                ,rejected,2\r
                ,duplicates,1\r
                """);
    }

    @Test
    void whatItWritesReadsBackCellForCell() throws Exception {
        List<String> reasons = List.of("plain", "a, comma", "a \"quote\"", " blank around ", "line\nbreak", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ResultFile result = ResultFile.to(out)) {
            for (int i = 0; i < reasons.size(); i++) {
                result.add(RejectedLine.of(i + 2, "f" + i, reasons.get(i)));
            }
            result.finish(0);
        }

        String[] lines = out.toString(StandardCharsets.UTF_8).split("\r\n");
        FieldSplitter splitter = new FieldSplitter(',', '"');
        List<String> read = new ArrayList<>();
        for (int i = 1; i <= reasons.size(); i++) {
            String line = lines[i];
            assertThat(splitter.split(line.toCharArray(), line.length())).isTrue();
            assertThat(splitter.count()).isEqualTo(3);
            read.add(splitter.text(2));
        }
        // the reader trims; the cell itself keeps its blanks inside the quotes
        assertThat(read).containsExactly("plain", "a, comma", "a \"quote\"", "blank around", "line\nbreak", "");
        assertThat(lines[4]).isEqualTo("5,f3,\" blank around \"");
    }

    @Test
    void aRefusedFileListsItsErrors() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ResultFile result = ResultFile.to(out)) {
            result.fileRefused(new RejectedFileException("f.csv", List.of(
                    new LineError(1, "amount", "column '金额' is not in the header (found: 单据号)"))));
            result.finish(0);
        }

        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("line,field,reason\r\n"
                + "1,amount,column '金额' is not in the header (found: 单据号)\r\n,lines,0\r\n");
    }

    @Test
    void rowsReachTheStreamBeforeTheFileIsFinished() throws Exception {
        long[] written = {0};
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                written[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                written[0] += len;
            }
        };
        try (ResultFile result = ResultFile.to(counting)) {
            for (int i = 0; i < 20_000; i++) {
                result.add(RejectedLine.of(i + 2, "amount", "'x' is not an amount in the form 1234.56"));
            }
            assertThat(written[0]).isGreaterThan(500_000);
            result.finish(0);
            assertThatThrownBy(() -> result.finish(0)).isInstanceOf(IllegalStateException.class);
        }
    }
}
