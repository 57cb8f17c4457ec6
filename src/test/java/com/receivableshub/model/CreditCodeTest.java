package com.receivableshub.model;

import com.receivableshub.participant.CreditCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CreditCodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y43", "91350100705432100M", "91350200123456700W",
            "91310100666677700N", "11350000003123400M", "11350100003456700G"})
    void acceptsValidCodes(String code) {
        assertThat(CreditCode.problem(code)).isEmpty();
        assertThat(CreditCode.isValid(code)).isTrue();
    }

    @Test
    void computesTheCheckCharacterOfTheDomainExample() {
        assertThat(CreditCode.checkCharacter("91350100M000100Y4")).isEqualTo('3');
    }

    @Test
    void rejectsAWrongCheckCharacter() {
        assertThat(CreditCode.problem("91350100M000100Y44"))
                .hasValue("check character is '4', GB 32100 requires '3'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y4", "91350100M000100Y433", "9135"})
    void rejectsAWrongLength(String code) {
        assertThat(CreditCode.problem(code))
                .hasValue("must have 18 characters, has " + code.length());
    }

    @ParameterizedTest
    @ValueSource(chars = {'I', 'O', 'Z', 'S', 'V', 'm', '-', ' '})
    void rejectsCharactersOutsideTheAlphabet(char letter) {
        String code = "91350100" + letter + "000100Y43";
        assertThat(CreditCode.problem(code))
                .hasValue("character '" + letter + "' at position 9 is not in the GB 32100 alphabet");
    }

    @Test
    void rejectsCharactersBeyondAscii() {
        assertThat(CreditCode.problem("91统50100M000100Y43"))
                .hasValue("character '统' at position 3 is not in the GB 32100 alphabet");
        assertThat(CreditCode.problem("91350100M000100Y4Ｙ"))
                .hasValue("character 'Ｙ' at position 18 is not in the GB 32100 alphabet");
    }

    @Test
    void rejectsAMissingCode() {
        assertThat(CreditCode.problem(null)).hasValue("is missing");
        assertThat(CreditCode.problem("")).hasValue("is missing");
    }

    @Test
    void requireNamesTheField() {
        assertThatThrownBy(() -> CreditCode.require("funderCode", "91350100M000100Y44"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("funderCode '91350100M000100Y44' check character");
    }
}
