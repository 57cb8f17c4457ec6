package com.receivableshub.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HashesTest {

    @Test
    void sm3OfTheStandardsExample() {
        // GB/T 32905-2016, example 1
        assertThat(Hashes.sm3("abc")).isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    }

    @Test
    void aStreamWrittenInPiecesHashesAsTheWholeBytes() {
        byte[] bytes = "{\"payables\":[1,2,3]}".repeat(1000).getBytes(StandardCharsets.UTF_8);
        Hashes.Sm3Stream stream = Hashes.sm3Stream();
        stream.write(bytes[0]);
        stream.write(bytes, 1, 999);
        stream.write(bytes, 1000, bytes.length - 1000);
        assertThat(stream.hex()).isEqualTo(Hashes.sm3(bytes));
    }
}
