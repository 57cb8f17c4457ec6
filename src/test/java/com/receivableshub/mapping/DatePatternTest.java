package com.receivableshub.mapping;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatePatternTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "yyyyMMdd    | 20250401   | 2025-04-01",
            "uuuuMMdd    | 20240229   | 2024-02-29",
            "yyyy-MM-dd  | 2025-12-31 | 2025-12-31",
            "yyyy/MM/dd  | 2025/01/05 | 2025-01-05",
            "dd.MM.yyyy  | 05.01.2025 | 2025-01-05",
            "yyyy/M/d    | 2025/1/5   | 2025-01-05",
            "yyyy年M月d日 | 2025年4月1日 | 2025-04-01",
    })
    void parses(String pattern, String text, LocalDate expected) throws ValueException {
        DatePattern p = DatePattern.of(pattern);

        assertThat(p.parse(text)).isEqualTo(expected);
        assertThat(p.format(expected)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "yyyyMMdd   | 20250229",
            "yyyyMMdd   | 20251301",
            "yyyyMMdd   | 20250400",
            "yyyyMMdd   | 2025041",
            "yyyyMMdd   | 2025-04-01",
            "yyyyMMdd   | 2025O401",
            "yyyyMMdd   | 00000101",
            "yyyy-MM-dd | 2025/04/01",
            "yyyy-MM-dd | 2025-4-01",
            "yyyy/M/d   | 2025/2/30",
            "yyyy/M/d   | 2025-2-3",
    })
    void refuses(String pattern, String text) {
        assertThatThrownBy(() -> DatePattern.of(pattern).parse(text)).isInstanceOf(ValueException.class)
                .hasMessage("'" + text + "' is not a date of the form " + pattern);
    }

    @Test
    void refusesPatternsThatCannotReadADate() {
        assertThatThrownBy(() -> DatePattern.of("yyyyMMbb")).hasMessageContaining("is not a date pattern");
        assertThatThrownBy(() -> DatePattern.of("yyyy-MM")).hasMessageContaining("does not read back a whole date");
        assertThatThrownBy(() -> DatePattern.of("YYYYMMdd")).hasMessageContaining("does not read back a whole date");
        assertThatThrownBy(() -> DatePattern.of("HH:mm")).hasMessageContaining("does not read back a whole date");
    }
}
