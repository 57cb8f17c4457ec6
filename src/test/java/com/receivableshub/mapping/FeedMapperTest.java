package com.receivableshub.mapping;

import com.receivableshub.model.AwardNotice;
import com.receivableshub.model.Contract;
import com.receivableshub.model.ProcurementPayment;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The default OCDS mapping (CNY only) on small release packages, one rule at a time. */
class FeedMapperTest {

    static final FeedMapping OCDS = FeedMapping.load(Path.of("mappings", "ocds-1.1.yaml"));
    static final FeedMapper MAPPER = new FeedMapper(OCDS, OcdsGoldenTest.ADAPTER);

    static final String PARTIES = """
            "parties": [
              {"id": "B1", "roles": ["buyer"], "identifier": {"id": "11350102003567890X", "legalName": "福州市鼓楼区教育局"},
               "address": {"region": "350102"}},
              {"id": "S1", "roles": ["supplier"], "identifier": {"id": "91350100M000100Y43", "legalName": "福州闽江设备有限公司"}}
            ],
            "buyer": {"id": "B1"}""";

    static String award(String id, String value, String date) {
        return """
                {"id": "%s", "title": "中标公告 %s", "date": "%s", %s "suppliers": [{"id": "S1"}]}"""
                .formatted(id, id, date, value == null ? "" : "\"value\": " + value + ",");
    }

    static String release(String id, String date, String sections) {
        return """
                {"ocid": "ocds-fj0001-P1", "id": "%s", "date": "%s", %s, %s}""".formatted(id, date, PARTIES, sections);
    }

    static String page(String links, String... releases) {
        return "{\"version\": \"1.1\", " + (links == null ? "" : "\"links\": " + links + ", ") + "\"releases\": ["
                + String.join(",", releases) + "]}";
    }

    static FeedPage map(String json) {
        return MAPPER.map(json.getBytes(StandardCharsets.UTF_8));
    }

    static final String CNY = "{\"amount\": 1000, \"currency\": \"CNY\"}";

    @Test
    void nextLinkAndWatermarkComeFromThePage() {
        FeedPage page = map(page("{\"next\": \"https://feed.example/releases?cursor=3\"}",
                release("R1", "2025-03-01T10:00:00+08:00", "\"awards\": [" + award("A1", CNY, "2025-03-01") + "]"),
                release("R2", "2025-02-28T23:00:00-05:00", "\"awards\": []"),
                release("R3", "2025-03-01T03:00:00Z", "\"tag\": [\"planning\"]")));

        assertThat(page.next()).isEqualTo("https://feed.example/releases?cursor=3");
        // the latest instant (04:00Z), not the last release nor the largest text
        assertThat(page.watermark()).isEqualTo(OffsetDateTime.parse("2025-02-28T23:00:00-05:00"));
        assertThat(page.errors()).isEmpty();
        assertThat(page.records()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(FeedRecordKind.AWARD_NOTICE);
            assertThat(r.uniqueId()).isEqualTo("ocds-fj0001-P1/awards/A1");
            assertThat(r.releaseId()).isEqualTo("R1");
            assertThat(r.ocid()).isEqualTo("ocds-fj0001-P1");
        });
    }

    @Test
    void theLastPageHasNoNextLinkAndAnEmptyPageNoWatermark() {
        FeedPage last = map(page("{}", release("R1", "2025-03-01T10:00:00+08:00", "\"awards\": []")));
        FeedPage empty = map(page(null));

        assertThat(last.next()).isNull();
        assertThat(last.watermark()).isEqualTo(OffsetDateTime.parse("2025-03-01T10:00:00+08:00"));
        assertThat(empty.next()).isNull();
        assertThat(empty.watermark()).isNull();
        assertThat(empty.records()).isEmpty();
        assertThat(empty.errors()).isEmpty();
    }

    @Test
    void aMissingFieldIsAnErrorNamingReleaseItemAndField() {
        FeedPage page = map(page(null, release("R1", "2025-03-01T10:00:00+08:00", "\"awards\": ["
                + award("A1", CNY, "2025-03-01") + "," + award("A2", null, "2025-03-02") + ","
                + award("A3", CNY, "2025-03-03") + "]")));

        assertThat(page.errors()).containsExactly(new FeedError("R1", "awards[1]", "amount",
                "is missing: nothing at value.amount"));
        // the bad award stops neither the one before nor the one after it
        assertThat(page.records()).extracting(r -> ((AwardNotice) r.record()).noticeId()).containsExactly("A1", "A3");
    }

    @Test
    void anAmountInAnotherCurrencyIsAnErrorOfItsItem() {
        FeedPage page = map(page(null, release("R1", "2025-03-01T10:00:00+08:00", "\"awards\": ["
                + award("A1", "{\"amount\": 1000, \"currency\": \"USD\"}", "2025-03-01") + ","
                + award("A2", "{\"amount\": 1000}", "2025-03-01") + ","
                + award("A3", CNY, "2025-03-01") + "]")));

        assertThat(page.errors()).containsExactly(
                new FeedError("R1", "awards[0]", "amount", "is in 'USD' (value.currency); the mapping accepts CNY only"),
                new FeedError("R1", "awards[1]", "amount",
                        "has no currency (nothing at value.currency); the mapping accepts CNY only"));
        assertThat(page.records()).singleElement().satisfies(r ->
                assertThat(((AwardNotice) r.record()).amount()).isEqualTo(new BigDecimal("1000.00")));
    }

    @Test
    void badDatesAndAmountsAreErrorsQuotingTheValue() {
        FeedPage page = map(page(null, release("R1", "2025-03-01T10:00:00+08:00", "\"awards\": ["
                + award("A1", "{\"amount\": 12.345, \"currency\": \"CNY\"}", "2025-02-30T10:00:00+08:00") + ","
                + award("A2", "{\"amount\": \"12,00\", \"currency\": \"CNY\"}", "2025-03-01") + "]")));

        assertThat(page.records()).isEmpty();
        assertThat(page.errors()).containsExactly(
                new FeedError("R1", "awards[0]", "amount", "value.amount is 12.345, which has more than two decimals"),
                new FeedError("R1", "awards[0]", "awardDate", "date is '2025-02-30T10:00:00+08:00', not an ISO 8601"
                        + " date-time such as 2025-02-28T10:00:00+08:00"),
                new FeedError("R1", "awards[1]", "amount", "value.amount is '12,00', not an amount such as 1234.56"));
    }

    @Test
    void amountsAreExactWithTwoDecimalsAndDatesAreTheDayAsWritten() {
        FeedPage page = map(page(null, release("R1", "2025-07-01T00:30:00+08:00", "\"awards\": ["
                + award("A1", "{\"amount\": 0.1, \"currency\": \"CNY\"}", "2025-07-01T00:30:00+08:00") + ","
                + award("A2", "{\"amount\": \"88000.5\", \"currency\": \"CNY\"}", "2025-07-01") + ","
                + award("A3", "{\"amount\": 1.2300, \"currency\": \"CNY\"}", "2025-06-30T23:59:59Z") + "]")));

        assertThat(page.errors()).isEmpty();
        assertThat(page.records()).extracting(r -> ((AwardNotice) r.record()).amount().toPlainString())
                .containsExactly("0.10", "88000.50", "1.23");
        // 00:30 in Beijing is the day before in UTC; the publisher's day is kept
        assertThat(page.records()).extracting(r -> ((AwardNotice) r.record()).awardDate())
                .containsExactly(LocalDate.of(2025, 7, 1), LocalDate.of(2025, 7, 1), LocalDate.of(2025, 6, 30));
    }

    @Test
    void aReleaseWithoutIdOrReadableDateIsSkippedWithAnError() {
        FeedPage page = map(page(null,
                "{\"ocid\": \"ocds-fj0001-P1\", \"date\": \"2025-03-01T10:00:00+08:00\", \"awards\": ["
                        + award("A1", CNY, "2025-03-01") + "]}",
                release("R2", "2025-03-01", "\"awards\": [" + award("A2", CNY, "2025-03-01") + "]"),
                release("R3", "2025-03-02T10:00:00+08:00", "\"awards\": [" + award("A3", CNY, "2025-03-02") + "]"),
                "\"not a release\""));

        assertThat(page.errors()).containsExactly(
                new FeedError(null, "releases[0]", "id", "is missing"),
                new FeedError("R2", "", "date", "'2025-03-01' is not an ISO 8601 date-time with an offset, such as"
                        + " 2025-02-28T10:00:00+08:00"),
                new FeedError(null, "releases[3]", FeedError.WHOLE_ITEM, "is not an object"));
        assertThat(page.records()).extracting(FeedMappedRecord::releaseId).containsExactly("R3");
        assertThat(page.watermark()).isEqualTo(OffsetDateTime.parse("2025-03-02T10:00:00+08:00"));
    }

    @Test
    void aPageThatIsNotAReleasePackageIsOneErrorOfThePage() {
        assertThat(MAPPER.map("{\"releases\": [".getBytes(StandardCharsets.UTF_8)).errors())
                .singleElement().satisfies(e -> {
                    assertThat(e.releaseId()).isNull();
                    assertThat(e.reason()).startsWith("is not JSON: ");
                });
        assertThat(map("{\"version\": \"1.1\"}").errors()).containsExactly(
                new FeedError(null, "releases", FeedError.WHOLE_ITEM, "is missing: the page has no releases"));
        assertThat(map("{\"releases\": {}}").errors()).containsExactly(
                new FeedError(null, "releases", FeedError.WHOLE_ITEM, "is not a list"));
        assertThat(map("[]").errors()).containsExactly(
                new FeedError(null, "", FeedError.WHOLE_ITEM, "is not a JSON object"));
    }

    @Test
    void contractsTakeTheirSupplierFromTheContractOrElseFromItsAward() {
        String contract = """
                {"id": "%s", "awardID": "A1", %s "value": {"amount": 500, "currency": "CNY"},
                 "dateSigned": "2025-03-05T09:00:00+08:00",
                 "implementation": {"collectionAccount": {"accountNumber": "35001610007052508888",
                   "accountName": "福州闽江设备有限公司", "bankName": "中国建设银行福州鼓楼支行"},
                   "transactions": [{"id": "T1", "date": "2025-04-01T10:00:00+08:00",
                                     "value": {"amount": 200, "currency": "CNY"}}]}}""";
        String secondSupplier = "{\"id\": \"S2\", \"roles\": [\"supplier\"], \"identifier\": {\"id\": \"913501002611234009\"}}";
        FeedPage page = map(page(null, release("R1", "2025-03-05T10:00:00+08:00",
                "\"awards\": [" + award("A1", CNY, "2025-03-01") + "], \"contracts\": ["
                        + contract.formatted("C1", "") + ","
                        + contract.formatted("C2", "\"suppliers\": [{\"id\": \"S2\"}],") + "]")
                .replace("\"parties\": [", "\"parties\": [" + secondSupplier + ",")));

        assertThat(page.errors()).isEmpty();
        // C1 names no supplier: the one of award A1; C2 names its own (Contract suppliers extension)
        assertThat(page.records()).filteredOn(r -> r.kind() == FeedRecordKind.CONTRACT)
                .extracting(r -> ((Contract) r.record()).supplierCode())
                .containsExactly("91350100M000100Y43", "913501002611234009");
        // each transaction is a payment of the contract it is in, unique per contract
        assertThat(page.records()).filteredOn(r -> r.kind() == FeedRecordKind.PROCUREMENT_PAYMENT)
                .extracting(r -> (ProcurementPayment) r.record(), FeedMappedRecord::uniqueId)
                .containsExactly(
                        tuple(new ProcurementPayment("T1", "C1", new BigDecimal("200.00"), LocalDate.of(2025, 4, 1)),
                                "ocds-fj0001-P1/contracts/C1/transactions/T1"),
                        tuple(new ProcurementPayment("T1", "C2", new BigDecimal("200.00"), LocalDate.of(2025, 4, 1)),
                                "ocds-fj0001-P1/contracts/C2/transactions/T1"));
    }

    @Test
    void twoPartiesWithTheRolePayerAreAnError() {
        String twoPayers = release("R1", "2025-03-01T10:00:00+08:00", "\"awards\": [" + award("A1", CNY, "2025-03-01")
                + "]").replace("\"parties\": [", "\"parties\": [{\"id\": \"P1\", \"roles\": [\"payer\"]},"
                + " {\"id\": \"P2\", \"roles\": [\"payer\", \"funder\"]},");

        assertThat(map(page(null, twoPayers)).errors()).containsExactly(new FeedError("R1", "awards[0]",
                "financeDepartmentCode", "2 elements of $release.parties have roles 'payer': cannot tell which is meant"));
    }

    @Test
    void everyAdapterValueTheMappingUsesMustBeGiven() {
        Map<String, String> values = new HashMap<>(OcdsGoldenTest.ADAPTER);
        values.remove("region");
        values.put("financeDepartmentCode", " ");

        assertThat(OCDS.adapterValues()).containsExactlyInAnyOrder("code", "region", "financeDepartmentCode");
        assertThatThrownBy(() -> new FeedMapper(OCDS, values))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mappings/ocds-1.1.yaml needs the adapter values [financeDepartmentCode, region]");
    }
}
