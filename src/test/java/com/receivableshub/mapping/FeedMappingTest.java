package com.receivableshub.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.receivableshub.model.AwardNotice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedMappingTest {

    static final Path OCDS = Path.of("mappings", "ocds-1.1.yaml");

    @TempDir
    Path dir;

    /** The problems of a mapping that must not load; each must name the file. */
    List<String> problems(Path file) {
        try {
            FeedMapping.load(file);
        } catch (FeedMappingException e) {
            assertThat(e.problems()).allSatisfy(p -> assertThat(p).startsWith(file.toString()));
            assertThat(e.getMessage()).contains(file.toString());
            return e.problems();
        }
        throw new AssertionError("mapping loaded");
    }

    Path write(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    @Test
    void theDefaultMappingLoads() {
        FeedMapping mapping = FeedMapping.load(OCDS);

        assertThat(mapping.source()).isEqualTo(OCDS.toString());
        assertThat(mapping.currency()).isEqualTo("CNY");
        assertThat(mapping.recordKinds()).containsExactly(FeedRecordKind.AWARD_NOTICE, FeedRecordKind.CONTRACT,
                FeedRecordKind.PROCUREMENT_PAYMENT);
        assertThat(mapping.adapterValues()).containsExactlyInAnyOrder("code", "region", "financeDepartmentCode");
    }

    @Test
    void everyFeedMappingInMappingsLoads() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("mappings"))) {
            List<Path> feeds = files.filter(f -> f.toString().endsWith(".yaml")).filter(FeedMappingTest::isFeedMapping)
                    .toList();
            assertThat(feeds).contains(OCDS);
            feeds.forEach(FeedMapping::load);
        }
    }

    /** Feed mappings and CSV layouts share mappings/; {@code format: json} tells them apart. */
    static boolean isFeedMapping(Path file) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(file.toFile()).path("format").asText().equals("json");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aCsvLayoutIsNoFeedMappingNorTheOtherWayRound() {
        Path layout = Path.of("mappings", "erp-fujian-demo-group-payables.yaml");

        assertThat(problems(layout)).contains(layout + ": field 'format': is 'csv': a feed mapping has format: json"
                + " (format: csv is an ERP file layout)");
        assertThatThrownBy(() -> CsvLayout.load(OCDS)).isInstanceOf(LayoutException.class)
                .hasMessageContaining(OCDS + ": field 'format': 'json' is not supported (only csv)");
    }

    @Test
    void everyProblemNamesTheFileAndTheField() throws IOException {
        Path file = write("ocds-broken.yaml", """
                format: json
                currency: cny
                colour: blue
                package:
                  releases: releases
                release:
                  id: id
                records:
                  AWARD:
                    items: awards[]
                  CONTRACT:
                    items: contracts[]
                    uniqueId: { date: id }
                    fields:
                      contractId: id
                      noticeId: "$tender.id"
                      region: 350000
                      buyerCode: { constant: 11350000003123400X }
                      financeDepartmentCode: { lookup: $release.parties, where: id }
                      supplierCode: { first: [ a, { date: b } ] }
                      amount: value.amount
                      signedDate: { date: dateSigned, zone: Asia/Shanghai }
                      collectionAccount.accountNumber: a
                      collectionAccount.accountName: b
                      paymentPlan:
                        each: milestones[]
                        fields:
                          dueDate: { date: $parent.dueDate }
                          amount: { money: value.amount }
                          extra: x
                  PROCUREMENT_PAYMENT:
                    items: transactions[]
                    uniqueId: "${adapter.code"
                    fields:
                      paymentId: "ids..x"
                      contractId: $parent.id
                      amount: { money: value.amount, currency: value.currency }
                      paidDate: { date: { constant: 2025-13-01 } }
                """);

        List<String> problems = problems(file);

        String at = file + ": field '";
        assertThat(problems).containsExactly(
                at + "colour': is not a known field (known: [currency, description, format, package, records,"
                        + " release])",
                at + "currency': 'cny' is not an ISO 4217 code such as CNY, nor 'any'",
                at + "package.releases': 'releases' must end with [], naming the elements of a list (e.g. releases[])",
                at + "release.date': is missing: the path of the release's date, e.g. date",
                at + "records.AWARD': is not a record kind (known: [AWARD_NOTICE, CONTRACT, PROCUREMENT_PAYMENT])",
                at + "records.CONTRACT.uniqueId': must be text (use concat to build it)",
                at + "records.CONTRACT.fields.noticeId': '$tender.id' starts with an unknown root: a path starts"
                        + " with $release., $parent., $package., or with a field of the item itself",
                at + "records.CONTRACT.fields.region': is 350000: a value is a path (text), or a function such as"
                        + " { constant: \"350000\" }",
                at + "records.CONTRACT.fields.buyerCode': '11350000003123400X' check character is 'X', GB 32100"
                        + " requires 'M'",
                at + "records.CONTRACT.fields.financeDepartmentCode.equals': is missing",
                at + "records.CONTRACT.fields.supplierCode.first': mixes [text, date]: the alternatives must give"
                        + " the same kind of value",
                at + "records.CONTRACT.fields.amount': is an amount: take it with { money: ..., currency: ... }",
                at + "records.CONTRACT.fields.signedDate.zone': is not an option of date (it has none)",
                at + "records.CONTRACT.fields.collectionAccount.bankName': is missing: CONTRACT requires it",
                at + "records.CONTRACT.fields.paymentPlan.fields.amount.currency': is missing: the mapping accepts"
                        + " CNY only, so say where each amount's currency is (e.g. value.currency), or { constant:"
                        + " CNY }",
                at + "records.CONTRACT.fields.paymentPlan.fields.extra': is not a field of CONTRACT paymentPlan"
                        + " (known: [dueDate, amount])",
                at + "records.PROCUREMENT_PAYMENT.uniqueId': '${adapter.code' is not an adapter value such as"
                        + " ${adapter.region}",
                at + "records.PROCUREMENT_PAYMENT.fields.paymentId': 'ids..x' is not a path such as suppliers[0].id",
                at + "records.PROCUREMENT_PAYMENT.fields.contractId': '$parent.id': $parent. is only for items nested"
                        + " in another list (e.g. contracts[].implementation.transactions[]) and for the elements of"
                        + " a list field",
                at + "records.PROCUREMENT_PAYMENT.fields.paidDate.date': the constant is '2025-13-01', not an ISO"
                        + " 8601 date-time such as 2025-02-28T10:00:00+08:00");
    }

    @Test
    void aFileThatIsNoMappingIsNamed() throws IOException {
        Path empty = write("empty.yaml", "");
        Path flow = write("flow.yaml", "format: json\nrecords: { X: { equals: suppliers[0].id } }\n");
        Path gbk = Files.write(dir.resolve("gbk.yaml"), "description: 福建".getBytes("GBK"));

        assertThat(problems(empty)).containsExactly(empty + ": is empty or not a YAML mapping");
        assertThat(problems(flow)).singleElement().satisfies(p -> assertThat(p)
                .startsWith(flow + ": is not valid YAML (line 2): ")
                .endsWith("(inside { } or [ ], quote a path with brackets: \"suppliers[0].id\")"));
        assertThat(problems(gbk)).containsExactly(gbk + ": is not UTF-8 text");
        assertThat(problems(dir.resolve("none.yaml"))).singleElement()
                .satisfies(p -> assertThat(p).contains("cannot be read"));
    }

    @Test
    void aMappingExtendsAnotherAndReplacesWholeFields() throws IOException {
        Path base = Files.copy(OCDS, dir.resolve("ocds-1.1.yaml"));
        Path province = write("ocds-1.1-province.yaml", """
                format: json
                extends: ocds-1.1.yaml
                records:
                  AWARD_NOTICE:
                    fields:
                      region: { constant: "350100" }   # replaces the default's first: [...] as a whole
                      projectId: ~                      # optional: left out
                """);

        FeedMapping mapping = FeedMapping.load(province);
        FeedPage page = new FeedMapper(mapping, OcdsGoldenTest.ADAPTER).map(Files.readAllBytes(
                OcdsGoldenTest.DIR.resolve("fujian-demo-release-package.json")));

        assertThat(mapping.source()).isEqualTo(province + " (extends " + base + ")");
        assertThat(mapping.currency()).isEqualTo("CNY");
        assertThat(page.errors()).isEmpty();
        AwardNotice award = (AwardNotice) page.records().get(0).record();
        assertThat(award.region()).isEqualTo("350100");
        assertThat(award.projectId()).isNull();
        // the rest is the default's
        assertThat(page.records()).hasSize(4);
    }

    @Test
    void theSamplesMappingIsTheDefaultWithAnyCurrency() {
        FeedMapping samples = FeedMapping.load(OcdsGoldenTest.DIR.resolve("ocds-1.1-any-currency.yaml"));

        assertThat(samples.currency()).isNull();
        assertThat(samples.recordKinds()).isEqualTo(FeedMapping.load(OCDS).recordKinds());
        assertThat(samples.source()).endsWith("(extends mappings/ocds-1.1.yaml)");
    }

    @Test
    void anExtendingFileSaysItIsAFeedMappingToo() throws IOException {
        Files.copy(OCDS, dir.resolve("ocds-1.1.yaml"));
        Path file = write("ocds-1.1-province.yaml", "extends: ocds-1.1.yaml\ncurrency: CNY\n");

        assertThat(problems(file)).containsExactly(file + ": field 'format': is missing: a feed mapping has format:"
                + " json, also when it extends another");
    }

    @Test
    void extendsNamesAFileThatExistsAndDoesNotComeBack() throws IOException {
        Path missing = write("missing.yaml", "format: json\nextends: nowhere.yaml\n");
        Path a = write("a.yaml", "format: json\nextends: b.yaml\n");
        write("b.yaml", "format: json\nextends: a.yaml\n");

        assertThat(problems(missing)).singleElement().satisfies(p -> assertThat(p)
                .startsWith(missing + ": field 'extends': file 'nowhere.yaml' not found"));
        // the file whose extends closes the circle is named
        assertThatThrownBy(() -> FeedMapping.load(a)).isInstanceOf(FeedMappingException.class)
                .extracting(e -> ((FeedMappingException) e).problems()).asList()
                .containsExactly(dir.resolve("b.yaml") + ": field 'extends': 'a.yaml' extends this file again");
    }
}
