package com.receivableshub.mapping;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.model.AwardNotice;
import com.receivableshub.model.Contract;
import com.receivableshub.model.ModelJson;
import com.receivableshub.model.ModelValidator;
import com.receivableshub.model.ProcurementPayment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OCDS release packages in src/test/resources/ocds/ map to exactly the canonical JSON beside them. The
 * open-contracting samples are GBP, so they go through the default mapping extended to any currency; the
 * Fujian demo goes through the default mapping itself. After a deliberate change, regenerate with
 * {@code -Dgolden.update=true} and review the diff.
 */
class OcdsGoldenTest {

    static final Path DIR = Path.of("src/test/resources/ocds");
    static final Map<String, String> ADAPTER = Map.of(
            "code", "11350000003123400M",
            "region", "350000",
            "financeDepartmentCode", "11350000003123400M");
    private static final ObjectMapper JSON = ModelJson.newMapper();

    static FeedPage map(String mapping, String name) throws Exception {
        FeedMapper mapper = new FeedMapper(FeedMapping.load(mapping.startsWith("mappings/") ? Path.of(mapping)
                : DIR.resolve(mapping)), ADAPTER);
        return mapper.map(Files.readAllBytes(DIR.resolve(name + ".json")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ocds-213czf-000-00001-04-award", "ocds-213czf-000-00001-05-contract",
            "ocds-213czf-000-00001-06-implementation"})
    void sampleMapsToItsGoldenFile(String name) throws Exception {
        golden(name, map("ocds-1.1-any-currency.yaml", name));
    }

    @Test
    void fujianDemoMapsToItsGoldenFile() throws Exception {
        golden("fujian-demo-release-package", map("mappings/ocds-1.1.yaml", "fujian-demo-release-package"));
    }

    /** The GBP samples are refused whole by the production mapping: nothing foreign slips through as CNY. */
    @Test
    void productionMappingRefusesTheGbpSamples() throws Exception {
        FeedPage page = map("mappings/ocds-1.1.yaml", "ocds-213czf-000-00001-06-implementation");

        assertThat(page.records()).isEmpty();
        assertThat(page.errors()).filteredOn(e -> e.field().equals("amount")).hasSize(4)
                .allSatisfy(e -> assertThat(e.reason()).contains("'GBP'").contains("CNY only"));
    }

    /** What the golden files hold, checked against the samples by meaning, not by text. */
    @Test
    void samplesMapToWhatTheyMean() throws Exception {
        FeedPage page = map("ocds-1.1-any-currency.yaml", "ocds-213czf-000-00001-06-implementation");

        assertThat(page.records()).extracting(FeedMappedRecord::kind).containsExactly(FeedRecordKind.AWARD_NOTICE,
                FeedRecordKind.PROCUREMENT_PAYMENT, FeedRecordKind.PROCUREMENT_PAYMENT);
        AwardNotice award = (AwardNotice) page.records().get(0).record();
        assertThat(award.noticeId()).isEqualTo("ocds-213czf-000-00001-award-01");
        assertThat(award.amount()).isEqualTo(new BigDecimal("11000000.00"));
        assertThat(award.awardDate()).isEqualTo(LocalDate.of(2010, 5, 10));
        // the supplier's identifier (GB-COH) and legal name, through parties[] by suppliers[0].id
        assertThat(award.supplierCode()).isEqualTo("11111111.0");
        assertThat(award.supplierName()).isEqualTo("AnyCorp Ltd");
        // "London" is no division code, and no party is the payer: the adapter's values
        assertThat(award.region()).isEqualTo("350000");
        assertThat(award.financeDepartmentCode()).isEqualTo("11350000003123400M");
        List<ProcurementPayment> payments = page.records().subList(1, 3).stream()
                .map(r -> (ProcurementPayment) r.record()).toList();
        assertThat(payments).containsExactly(
                new ProcurementPayment("ocds-213czf-000-00001-1", "ocds-213czf-000-00001-contract-01",
                        new BigDecimal("50000.00"), LocalDate.of(2010, 8, 1)),
                new ProcurementPayment("ocds-213czf-000-00001-2", "ocds-213czf-000-00001-contract-01",
                        new BigDecimal("10000.00"), LocalDate.of(2010, 10, 1)));
        // the sample's contract has no collection account, which a Chinese contract must carry
        assertThat(page.errors()).containsExactly(new FeedError("ocds-213czf-000-00001-06-implementation",
                "contracts[0]", "collectionAccount", "is missing: nothing at implementation.collectionAccount"
                + ".accountNumber; nothing at implementation.collectionAccount.accountName; nothing at"
                + " implementation.collectionAccount.bankName"));
    }

    @Test
    void fujianDemoRecordsAreValidAndLinked() throws Exception {
        FeedPage page = map("mappings/ocds-1.1.yaml", "fujian-demo-release-package");

        assertThat(page.errors()).isEmpty();
        assertThat(page.records()).allSatisfy(r -> assertThat(ModelValidator.validate(r.record())).isEmpty());
        AwardNotice award = (AwardNotice) page.records().get(0).record();
        Contract contract = (Contract) page.records().get(2).record();
        ProcurementPayment payment = (ProcurementPayment) page.records().get(3).record();
        assertThat(contract.noticeId()).isEqualTo(award.noticeId());
        assertThat(contract.supplierCode()).isEqualTo(award.supplierCode()).isEqualTo("91350100M000100Y43");
        assertThat(payment.contractId()).isEqualTo(contract.contractId());
        // the release's own division code and payer win over the adapter's
        assertThat(award.region()).isEqualTo("350102");
        assertThat(award.financeDepartmentCode()).isEqualTo("11350100003456700G");
        assertThat(contract.paymentPlan()).extracting(p -> p.amount().toPlainString())
                .containsExactly("195000.00", "455000.00");
        // the award read again from the later release is the same record under the same unique id
        assertThat(page.records().get(1).uniqueId()).isEqualTo(page.records().get(0).uniqueId());
        assertThat(page.records().get(1).record()).isEqualTo(award);
    }

    private static void golden(String name, FeedPage page) throws Exception {
        String actual = pretty(page);
        Path expected = DIR.resolve(name + ".expected.json");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }

    private static String pretty(FeedPage page) throws Exception {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        return JSON.writer(printer).writeValueAsString(JSON.valueToTree(page)) + "\n";
    }
}
