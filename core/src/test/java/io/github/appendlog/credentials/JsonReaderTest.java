package io.github.appendlog.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

    @Test
    void readsEveryKindOfValue() throws IOException {
        Object value = JsonReader.parse(" {\"s\":\"text\", \"i\": -42, \"big\": 123456789012345678901234,"
                + " \"d\": 1.5e2, \"t\": true, \"f\": false, \"n\": null, \"a\": [1, \"two\", [], {}],"
                + " \"o\": {\"inner\": \"x\"}}\n");
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        assertEquals("text", map.get("s"));
        assertEquals(-42L, map.get("i"));
        assertEquals(new BigDecimal("123456789012345678901234"), map.get("big"));
        assertEquals(new BigDecimal("1.5e2"), map.get("d"));
        assertEquals(Boolean.TRUE, map.get("t"));
        assertEquals(Boolean.FALSE, map.get("f"));
        assertTrue(map.containsKey("n"));
        assertNull(map.get("n"));
        assertEquals(Arrays.asList(1L, "two", Collections.emptyList(), Collections.emptyMap()), map.get("a"));
        assertEquals(Collections.singletonMap("inner", "x"), map.get("o"));
        assertEquals(Arrays.asList("s", "i", "big", "d", "t", "f", "n", "a", "o"), List.copyOf(map.keySet()),
                "the members' order is kept");
    }

    @Test
    void decodesEveryEscape() throws IOException {
        assertEquals("\"\\/\b\f\n\r\t\u00e9\u4e2d\ud83d\ude00",
                JsonReader.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u4E2D\\ud83d\\ude00\""));
        assertEquals("plain é 中", JsonReader.parse("\"plain é 中\""));
    }

    @Test
    void aRepeatedNameKeepsTheLastValue() throws IOException {
        assertEquals(Collections.singletonMap("k", 2L), JsonReader.parse("{\"k\":1,\"k\":2}"));
    }

    @Test
    void refusesGarbageWithThePositionButNotTheText() {
        String[][] cases = {
            {"", "expected a value at position 0, found the end of the text"},
            {"{\"a\":1,}", "expected a member name in quotes at position 7, found '}'"},
            {"{\"a\" 1}", "expected ':' at position 5"},
            {"[1 2]", "expected ']' at position 3"},
            {"{\"a\":1} x", "expected end of text at position 8"},
            {"\"unterminated", "expected a closing quote at position 13"},
            {"\"bad \\x escape\"", "at position 6"},
            {"\"\\u12G4\"", "expected four hex digits at position 5"},
            {"\"tab\tinside\"", "expected no control character inside a string at position 4"},
            {"01", "expected end of text at position 1"},
            {"-", "expected a digit at position 1"},
            {"1.", "expected a digit after the decimal point at position 2"},
            {"1e+", "expected a digit in the exponent at position 3"},
            {"tru", "expected a value at position 0"},
            {"nul", "expected a value at position 0"},
            {"{'a':1}", "expected a member name in quotes at position 1, found '''"},
        };
        for (String[] c : cases) {
            IOException e = assertThrows(IOException.class, () -> JsonReader.parse(c[0]), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
        }
        IOException secret = assertThrows(IOException.class,
                () -> JsonReader.parse("{\"AccessKeySecret\": s3cretValue}"));
        assertFalse(secret.getMessage().contains("s3cret"), secret.getMessage());
        assertTrue(secret.getMessage().contains("position 20, found a letter, digit or other character"),
                secret.getMessage());
    }

    @Test
    void nestingIsBounded() throws IOException {
        String deep = "[".repeat(64) + "]".repeat(64);
        JsonReader.parse(deep);
        IOException e = assertThrows(IOException.class, () -> JsonReader.parse("[".repeat(65) + "]".repeat(65)));
        assertTrue(e.getMessage().contains("at most 64 levels"), e.getMessage());
    }

    @Test
    void objectNamesTheTextWhenItIsNoObject() throws IOException {
        assertEquals(Collections.singletonMap("a", "b"), JsonReader.object("{\"a\":\"b\"}", "the reply"));
        IOException notObject = assertThrows(IOException.class, () -> JsonReader.object("[1]", "the reply"));
        assertEquals("the reply is not a JSON object", notObject.getMessage());
        IOException notJson = assertThrows(IOException.class, () -> JsonReader.object("<html>", "the reply"));
        assertTrue(notJson.getMessage().startsWith("the reply is not JSON: expected a value at position 0"),
                notJson.getMessage());
    }
}
