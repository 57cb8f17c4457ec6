package com.receivableshub.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {

    @ParameterizedTest
    @CsvSource({"12.3,12.30", "12,12.00", "0,0.00", "0.05,0.05", "-5.5,-5.50",
            "12345678901234567.89,12345678901234567.89"})
    void parsesToExactlyTwoDecimals(String text, String expected) {
        BigDecimal amount = Money.of(text);
        assertThat(amount.scale()).isEqualTo(2);
        assertThat(amount.toPlainString()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12.345", "12.300", "1e3", "1E3", "1.5E2", "1,000.00", " 12", "12 ", "+12", ".5",
            "12.", "01.00", "12.3.4", "NaN", "Infinity", "0x10", "１２", "12元", "-"})
    void rejectsAnythingButPlainDecimalText(String text) {
        assertThatThrownBy(() -> Money.of(text))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("amount: '" + text + "' is not a CNY amount");
    }

    @Test
    void rejectsMissingText() {
        assertThatThrownBy(() -> Money.of(null)).hasMessage("amount: is missing");
        assertThatThrownBy(() -> Money.of("")).hasMessage("amount: is missing");
    }

    @Test
    void namesTheFieldItParses() {
        assertThatThrownBy(() -> Money.of("financedAmount", "1.001"))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).violations())
                        .singleElement()
                        .extracting(Violation::field).isEqualTo("financedAmount"));
    }

    @Test
    void checkPadsToTwoDecimalsAndAllowsAnySign() {
        assertThat(Money.check("amount", new BigDecimal("5"))).isEqualTo(new BigDecimal("5.00"));
        assertThat(Money.check("amount", new BigDecimal("-1500.5"))).isEqualTo(new BigDecimal("-1500.50"));
        assertThat(Money.check("amount", BigDecimal.ZERO)).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void checkRejectsMoreThanTwoDecimalsNamingTheField() {
        assertThatThrownBy(() -> Money.check("payables[2].amount", new BigDecimal("12.345")))
                .isInstanceOf(ValidationException.class)
                .hasMessage("payables[2].amount: 12.345 has more than two decimals");
        assertThatThrownBy(() -> Money.check("amount", new BigDecimal("12.300")))
                .hasMessage("amount: 12.300 has more than two decimals");
    }

    @Test
    void checkRejectsNull() {
        assertThatThrownBy(() -> Money.check("amount", null)).hasMessage("amount: is missing");
    }

    @Test
    void checkPositiveRejectsZeroAndNegative() {
        assertThat(Money.checkPositive("amount", new BigDecimal("0.01"))).isEqualTo(new BigDecimal("0.01"));
        assertThatThrownBy(() -> Money.checkPositive("amount", new BigDecimal("0.00")))
                .hasMessage("amount: 0.00 must be greater than zero");
        assertThatThrownBy(() -> Money.checkPositive("amount", new BigDecimal("-3")))
                .hasMessage("amount: -3 must be greater than zero");
    }

    @Test
    void checkNonNegativeAllowsZeroOnly() {
        assertThat(Money.checkNonNegative("totalAmount", BigDecimal.ZERO)).isEqualTo(new BigDecimal("0.00"));
        assertThatThrownBy(() -> Money.checkNonNegative("totalAmount", new BigDecimal("-0.01")))
                .hasMessage("totalAmount: -0.01 must not be negative");
    }

    @Test
    void textIsPlainWithTwoDecimals() {
        assertThat(Money.text(new BigDecimal("1E+3"))).isEqualTo("1000.00");
        assertThat(Money.text(Money.of("86500"))).isEqualTo("86500.00");
    }
}
