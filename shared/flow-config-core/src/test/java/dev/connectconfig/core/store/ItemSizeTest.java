package dev.connectconfig.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.model.PromptText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Sizes worked out by hand from the DynamoDB developer guide's "Item sizes" rules. */
class ItemSizeTest {

    @Test
    void aStringIsItsNameAndItsValueInUtf8Bytes() {
        assertEquals(4 + 5, ItemSize.of(Map.of("name", AttributeValue.fromS("hello"))));
        // é is 2 bytes, € 3, 😀 4 (a surrogate pair in Java, one code point)
        assertEquals(4 + (1 + 2 + 1 + 1 + 1), ItemSize.of(Map.of("name", AttributeValue.fromS("héllo"))));
        assertEquals(1 + 3 + 4, ItemSize.of(Map.of("p", AttributeValue.fromS("€😀"))));
        // a Cyrillic name of 4 letters is 8 bytes, 日本 6
        assertEquals(8 + 6, ItemSize.of(Map.of("ключ", AttributeValue.fromS("日本"))));
        assertEquals(1, ItemSize.of(Map.of("e", AttributeValue.fromS(""))));
    }

    @Test
    void aNumberIsOneBytePerTwoSignificantDigitsPlusOne() {
        assertEquals(1 + 3, ItemSize.of(Map.of("n", AttributeValue.fromN("123"))));
        assertEquals(1 + 2, ItemSize.of(Map.of("n", AttributeValue.fromN("1000"))), "trailing zeros trimmed");
        assertEquals(1 + 2, ItemSize.of(Map.of("n", AttributeValue.fromN("0.001"))), "leading zeros trimmed");
        assertEquals(1 + 3, ItemSize.of(Map.of("n", AttributeValue.fromN("-12.50"))), "1, 2, 5: 2 bytes and 1");
        assertEquals(1 + 3, ItemSize.of(Map.of("n", AttributeValue.fromN("1234"))));
        assertEquals(1 + 1, ItemSize.of(Map.of("n", AttributeValue.fromN("0"))));
        assertEquals(1 + 20, ItemSize.of(Map.of("n",
                AttributeValue.fromN("12345678901234567890123456789012345678"))), "38 digits: 19 bytes and 1");
    }

    @Test
    void aBooleanOrANullIsOneByte() {
        assertEquals(2 + 1, ItemSize.of(Map.of("ok", AttributeValue.fromBool(true))));
        assertEquals(4 + 1, ItemSize.of(Map.of("gone", AttributeValue.fromNul(true))));
    }

    @Test
    void binaryAndSetsAreTheirRawBytes() {
        assertEquals(1 + 3, ItemSize.of(Map.of("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[3])))));
        assertEquals(1 + 1 + 2, ItemSize.of(Map.of("s", AttributeValue.fromSs(List.of("a", "bb")))));
        assertEquals(1 + 2 + 3, ItemSize.of(Map.of("s", AttributeValue.fromNs(List.of("7", "123")))));
    }

    @Test
    void aListOrMapIsThreeBytesAndOneAnElementBesideItsElements() {
        assertEquals(1 + 3, ItemSize.of(Map.of("l", AttributeValue.fromL(List.of()))));
        assertEquals(1 + 3, ItemSize.of(Map.of("m", AttributeValue.fromM(Map.of()))));

        // [7, false, {}]: 3 + (1 + 2) + (1 + 1) + (1 + 3) = 12
        AttributeValue list = AttributeValue.fromL(List.of(AttributeValue.fromN("7"), AttributeValue.fromBool(false),
                AttributeValue.fromM(Map.of())));
        assertEquals(12, ItemSize.of(list));
        // {"a": "xy", "l": [...]}: 3 + (1 + 1 + 2) + (1 + 1 + 12) = 21; the attribute "m" adds its name
        Map<String, AttributeValue> nested = new LinkedHashMap<>();
        nested.put("a", AttributeValue.fromS("xy"));
        nested.put("l", list);
        assertEquals(1 + 21, ItemSize.of(Map.of("m", AttributeValue.fromM(nested))));
    }

    @Test
    void aFlowConfigIsTheSizeOfTheItemItIsStoredAs() {
        FlowConfig config = new FlowConfig("q", "Q", Map.of("Open", "true"), Map.of(),
                Map.of("Hi", Map.of("en-US", PromptText.voice("Hello"))), null, 0, null, null);
        long id = 2 + 1;
        long description = 11 + 1;
        long variables = 9 + (3 + 1 + 4 + 4);
        long voice = 3 + (1 + 5 + 5);
        long languages = 3 + (1 + 5 + voice);
        long prompts = 7 + (3 + (1 + 2 + languages));
        long version = 7 + 1;
        long catalog = 7 + 11;
        assertEquals(98, id + description + variables + prompts + version + catalog);
        assertEquals(98, ItemSize.of(config));
        assertEquals(ItemSize.of(FlowConfigItems.toItem(config)), ItemSize.of(config));
    }
}
