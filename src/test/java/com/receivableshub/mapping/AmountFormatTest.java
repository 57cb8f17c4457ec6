package com.receivableshub.mapping;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AmountFormatTest {

    static AmountFormat format(String style, String unit) {
        return new AmountFormat(AmountFormat.Style.valueOf(style), AmountFormat.Unit.valueOf(unit));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PLAIN    | YUAN | 1234.56        | 1234.56",
            "PLAIN    | YUAN | 1234.5         | 1234.50",
            "PLAIN    | YUAN | 1234           | 1234.00",
            "PLAIN    | YUAN | 0.01           | 0.01",
            "PLAIN    | YUAN | -88.80         | -88.80",
            "PLAIN    | YUAN | 000123.40      | 123.40",
            "PLAIN    | YUAN | 5.0000         | 5.00",
            "GROUPED  | YUAN | 1,234,567.89   | 1234567.89",
            "GROUPED  | YUAN | 123,456        | 123456.00",
            "GROUPED  | YUAN | 999.99         | 999.99",
            "GROUPED  | YUAN | -1,250.00      | -1250.00",
            "EUROPEAN | YUAN | 1.234.567,89   | 1234567.89",
            "EUROPEAN | YUAN | 12,5           | 12.50",
            "PLAIN    | FEN  | 123456         | 1234.56",
            "PLAIN    | FEN  | 1              | 0.01",
            "PLAIN    | FEN  | -50            | -0.50",
            "GROUPED  | FEN  | 1,234,567      | 12345.67",
            "EUROPEAN | FEN  | 1.234.567      | 12345.67",
            "PLAIN    | YUAN | 9999999999999999.99 | 9999999999999999.99",
    })
    void parses(String style, String unit, String text, String expected) throws ValueException {
        BigDecimal amount = format(style, unit).parse(text);

        assertThat(amount).isEqualTo(new BigDecimal(expected));
        assertThat(amount.scale()).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PLAIN    | YUAN | 12,3x          | '12,3x' is not an amount in the form 1234.56",
            "PLAIN    | YUAN | 1,234.56       | '1,234.56' is not an amount in the form 1234.56",
            "PLAIN    | YUAN | 12.345         | '12.345' has more than two decimals",
            "PLAIN    | YUAN | 12.            | '12.' is not an amount in the form 1234.56",
            "PLAIN    | YUAN | .5             | '.5' is not an amount in the form 1234.56",
            "PLAIN    | YUAN | -              | '-' is not an amount in the form 1234.56",
            "PLAIN    | YUAN | +5             | '+5' is not an amount in the form 1234.56",
            "PLAIN    | YUAN | 1e3            | '1e3' is not an amount in the form 1234.56",
            "PLAIN    | YUAN | 1 000          | '1 000' is not an amount in the form 1234.56",
            "PLAIN    | YUAN | ￥100          | '￥100' is not an amount in the form 1234.56",
            "PLAIN    | YUAN | 12.3.4         | '12.3.4' is not an amount in the form 1234.56",
            "PLAIN    | YUAN | 10000000000000000 | '10000000000000000' is too large for an amount",
            "GROUPED  | YUAN | 1,23,456.00    | '1,23,456.00' is not an amount in the form 1,234.56",
            "GROUPED  | YUAN | 1234,567.00    | '1234,567.00' is not an amount in the form 1,234.56",
            "GROUPED  | YUAN | ,123.00        | ',123.00' is not an amount in the form 1,234.56",
            "GROUPED  | YUAN | 123,.00        | '123,.00' is not an amount in the form 1,234.56",
            "EUROPEAN | YUAN | 1,234.56       | '1,234.56' is not an amount in the form 1.234,56",
            "EUROPEAN | YUAN | 1,234          | '1,234' has more than two decimals",
            "PLAIN    | FEN  | 12.34          | '12.34' is not an amount in the form 123456 (fen)",
            "GROUPED  | FEN  | 1,234.00       | '1,234.00' is not an amount in the form 123,456 (fen)",
    })
    void refuses(String style, String unit, String text, String reason) {
        assertThatThrownBy(() -> format(style, unit).parse(text)).isInstanceOf(ValueException.class)
                .hasMessage(reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PLAIN    | YUAN | 1234567.8  | 1234567.80",
            "GROUPED  | YUAN | 1234567.8  | 1,234,567.80",
            "GROUPED  | YUAN | -0.05      | -0.05",
            "GROUPED  | YUAN | 123        | 123.00",
            "EUROPEAN | YUAN | 1234567.8  | 1.234.567,80",
            "PLAIN    | FEN  | 1234.56    | 123456",
            "GROUPED  | FEN  | 1234.56    | 123,456",
    })
    void formatsAsTheErpWould(String style, String unit, String amount, String text) throws ValueException {
        AmountFormat f = format(style, unit);

        assertThat(f.format(new BigDecimal(amount))).isEqualTo(text);
        assertThat(f.parse(text)).isEqualByComparingTo(amount);
    }
}
