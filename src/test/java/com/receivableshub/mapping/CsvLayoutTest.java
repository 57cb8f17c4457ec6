package com.receivableshub.mapping;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvLayoutTest {

    static final String VALID = CsvRecordReaderTest.PAYABLES;

    @TempDir
    Path dir;

    Path write(String content) throws IOException {
        return Files.writeString(dir.resolve("erp-test-payables.yaml"), content);
    }

    /** The problems of a layout that must not load. */
    List<String> problems(String content) throws IOException {
        Path file = write(content);
        try {
            CsvLayout.load(file);
        } catch (LayoutException e) {
            assertThat(e.problems()).allSatisfy(p -> assertThat(p).startsWith(file + ": "));
            assertThat(e.getMessage()).contains(file.toString());
            return e.problems();
        }
        throw new AssertionError("layout loaded");
    }

    @ParameterizedTest
    @EnumSource(RecordKind.class)
    void everyDemoMappingLoads(RecordKind kind) throws IOException {
        Path file = Path.of("mappings", "erp-fujian-demo-group-" + kind.name().toLowerCase(Locale.ROOT)
                .replace('_', '-') + "s.yaml");

        CsvLayout layout = CsvLayout.load(file);

        assertThat(layout.record()).isEqualTo(kind);
        assertThat(layout.constants()).containsEntry("debtorCode", "91350100705432100M");
    }

    @Test
    void everyCsvFileLayoutInMappingsIsValid() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("mappings"))) {
            // the feed mappings (format: json) beside the layouts are checked by FeedMappingTest
            assertThat(files.filter(f -> f.toString().endsWith(".yaml")).filter(f -> !FeedMappingTest.isFeedMapping(f))
                    .map(CsvLayout::load)).hasSizeGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void readsEveryField() throws IOException {
        CsvLayout layout = CsvLayout.load(write(VALID + "delimiter: \"\\t\"\nquote: \"\"\n"));

        assertThat(layout.record()).isEqualTo(RecordKind.PAYABLE);
        assertThat(layout.charset()).isEqualTo(Charset.forName("GBK"));
        assertThat(layout.delimiter()).isEqualTo('\t');
        assertThat(layout.quote()).isEqualTo('\0');
        assertThat(layout.header()).isTrue();
        assertThat(layout.dateFormat().pattern()).isEqualTo("yyyyMMdd");
        assertThat(layout.amountFormat().style()).isEqualTo(AmountFormat.Style.PLAIN);
        assertThat(layout.amountFormat().unit()).isEqualTo(AmountFormat.Unit.YUAN);
        assertThat(layout.constants()).containsEntry("currency", "CNY");
        assertThat(layout.fields()).extracting(FieldMapping::target)
                .containsExactly("creditorCode", "documentNumber", "amount", "issueDate", "dueDate", "confirmed");
        FieldMapping confirmed = layout.fields().get(5);
        assertThat(confirmed.column()).isEqualTo("确权状态");
        assertThat(confirmed.spelling().trueValues()).containsExactly("已确权", "Y");
        assertThat(confirmed.spelling().falseValues()).containsExactly("未确权", "N");
    }

    @Test
    void constantsAreTypedAndPositionsDefaultTheColumnCount() throws IOException {
        CsvLayout layout = CsvLayout.load(write("""
                record: PAYABLE
                charset: UTF-8
                header: false
                constants:
                  debtorCode: 91350100705432100M
                  issueDate: 2025-04-01
                  dueDate: 2025-09-30
                  amount: 12.5
                  confirmed: true
                fields:
                  creditorCode: 2
                  documentNumber: 5
                """));

        assertThat(layout.columns()).isEqualTo(5);
        assertThat(layout.constants()).containsEntry("amount", new BigDecimal("12.50"))
                .containsEntry("confirmed", Boolean.TRUE)
                .containsEntry("issueDate", java.time.LocalDate.of(2025, 4, 1));
        assertThat(layout.fields().get(0).describe()).isEqualTo("column 2");
    }

    @Test
    void yesNoSpellingsStayText() throws IOException {
        CsvLayout layout = CsvLayout.load(write(VALID.replace("true: [已确权, \"Y\"], false: [未确权, \"N\"]",
                "true: [yes, Y, 是, 1], false: [no, N, 否, 0]")));

        assertThat(layout.fields().get(5).spelling().trueValues()).containsExactly("yes", "Y", "是", "1");
        assertThat(layout.fields().get(5).spelling().falseValues()).containsExactly("no", "N", "否", "0");
    }

    @Test
    void anUnknownKeyNamesFileAndField() throws IOException {
        assertThat(problems(VALID + "delimeter: \";\"\n")).singleElement().asString()
                .contains("field 'delimeter': is not a known field");
    }

    @Test
    void anUnknownTargetFieldNamesTheRecordsFields() throws IOException {
        assertThat(problems(VALID.replace("amount: 金额", "amont: 金额\n  amount: 金额"))).singleElement().asString()
                .contains("field 'fields.amont': is not a field of this record (known: [debtorCode, creditorCode,"
                        + " documentNumber, amount, issueDate, dueDate, confirmed, currency])");
    }

    @Test
    void aBadCharsetIsNamed() throws IOException {
        assertThat(problems(VALID.replace("charset: GBK", "charset: GBX"))).singleElement().asString()
                .contains("field 'charset': 'GBX' is not a known charset");
        assertThat(problems(VALID.replace("charset: GBK", "charset: UTF-16"))).singleElement().asString()
                .contains("field 'charset': 'UTF-16' is not supported");
    }

    @Test
    void aBadDatePatternIsNamed() throws IOException {
        assertThat(problems(VALID.replace("yyyyMMdd", "yyyyMMbb"))).singleElement().asString()
                .contains("field 'dateFormat': 'yyyyMMbb' is not a date pattern");
        assertThat(problems(VALID.replace("yyyyMMdd", "YYYYMMdd"))).singleElement().asString()
                .contains("field 'dateFormat': 'YYYYMMdd' does not read back a whole date");
        assertThat(problems(VALID.replace("yyyyMMdd", "yyyyMM"))).singleElement().asString()
                .contains("field 'dateFormat': 'yyyyMM' does not read back a whole date");
    }

    @Test
    void aRequiredFieldWithoutColumnOrConstantIsNamed() throws IOException {
        assertThat(problems(VALID.replace("  debtorCode: 91350100705432100M\n", "  currency: CNY\n")))
                .singleElement().asString()
                .contains("field 'fields.debtorCode': is missing: PAYABLE requires it");
    }

    @Test
    void aWrongConstantIsNamed() throws IOException {
        assertThat(problems(VALID.replace("91350100705432100M", "91350100705432100N"))).singleElement().asString()
                .contains("field 'constants.debtorCode': '91350100705432100N' check character is 'N',"
                        + " GB 32100 requires 'M'");
        assertThat(problems(VALID.replace("constants:", "constants:\n  amount: 12.345"))).singleElement().asString()
                .contains("field 'constants.amount': is also mapped to a column under fields");
    }

    @Test
    void decimalSettingsAreRequiredAndChecked() throws IOException {
        assertThat(problems(VALID.replace("decimal: { style: plain, unit: yuan }\n", ""))).singleElement().asString()
                .contains("field 'decimal': is missing");
        assertThat(problems(VALID.replace("style: plain", "style: swiss")))
                .singleElement().asString().contains("field 'decimal.style': 'swiss' is not known: one of"
                        + " [plain, grouped, european]");
        assertThat(problems(VALID.replace("unit: yuan", "unit: jiao, sign: minus")))
                .anySatisfy(p -> assertThat(p).contains("field 'decimal.sign': is not a known field"))
                .anySatisfy(p -> assertThat(p).contains("field 'decimal.unit': 'jiao' is not known"));
    }

    @Test
    void columnSpecificationsAreChecked() throws IOException {
        assertThat(problems(VALID.replace("amount: 金额", "amount: { column: 金额, true: [Y], false: [N] }")))
                .singleElement().asString()
                .contains("field 'fields.amount': true/false spellings are only for a yes/no field");
        assertThat(problems(VALID.replace("false: [未确权, \"N\"]", "false: [未确权, \"Y\"]")))
                .singleElement().asString().contains("field 'fields.confirmed': 'Y' is given for both true and false");
        assertThat(problems(VALID.replace("column: 确权状态,", "colum: 确权状态,")))
                .anySatisfy(p -> assertThat(p).contains("field 'fields.confirmed.colum': is not a known field"))
                .anySatisfy(p -> assertThat(p).contains("field 'fields.confirmed.column': is missing"));
    }

    @Test
    void namesNeedAHeader() throws IOException {
        assertThat(problems(VALID.replace("header: true", "header: false"))).first().asString()
                .contains("field 'fields.creditorCode': '供应商统一社会信用代码' is a column name, but the file has no"
                        + " header (header: false)");
        assertThat(problems(VALID + "columns: 9\n")).singleElement().asString()
                .contains("field 'columns': is only for files without a header");
    }

    @Test
    void aFieldTwiceIsAYamlError() throws IOException {
        assertThat(problems(VALID + "fields:\n  amount: 金额\n")).singleElement().asString()
                .contains("is not valid YAML (line ").contains("Duplicate field 'fields'");
    }

    @Test
    void theRecordKindIsRequired() throws IOException {
        assertThat(problems(VALID.replace("record: PAYABLE", "record: INVOICE"))).singleElement().asString()
                .contains("field 'record': 'INVOICE' is not one of [PAYABLE, ADJUSTMENT, PAYMENT, COLLECTION_ACCOUNT]");
    }

    @Test
    void everyProblemIsReportedAtOnce() throws IOException {
        assertThat(problems(VALID.replace("charset: GBK", "charset: nope").replace("yyyyMMdd", "bb")
                .replace("amount: 金额", "sum: 金额") + "format: xml\n"))
                .hasSize(5)
                .anySatisfy(p -> assertThat(p).contains("field 'charset'"))
                .anySatisfy(p -> assertThat(p).contains("field 'dateFormat'"))
                .anySatisfy(p -> assertThat(p).contains("field 'fields.sum'"))
                .anySatisfy(p -> assertThat(p).contains("field 'fields.amount': is missing"))
                .anySatisfy(p -> assertThat(p).contains("field 'format': 'xml' is not supported"));
    }

    @Test
    void aLayoutFileMustBeUtf8() throws IOException {
        Path file = Files.write(dir.resolve("gbk.yaml"), VALID.getBytes(Charset.forName("GBK")));

        assertThatThrownBy(() -> CsvLayout.load(file)).isInstanceOf(LayoutException.class)
                .hasMessageContaining(file + ": is not UTF-8 text");
    }

    @Test
    void parseNamesItsSource() {
        assertThatThrownBy(() -> CsvLayout.parse("inline", "record: PAYABLE\n")).isInstanceOf(LayoutException.class)
                .hasMessageContaining("inline: field 'charset': is missing");
        assertThat(CsvLayout.parse("inline", VALID).source()).isEqualTo("inline");
    }
}
