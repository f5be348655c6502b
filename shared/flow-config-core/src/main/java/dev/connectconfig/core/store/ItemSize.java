package dev.connectconfig.core.store;

import dev.connectconfig.core.model.FlowConfig;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's size as DynamoDB counts it against its limits (400 KB an item, 4 MB a transaction), by the developer
 * guide's "Item sizes": each attribute is its UTF-8 name plus its value; a string is its UTF-8 bytes, binary its raw
 * bytes, a number 1 byte per two significant digits (leading and trailing zeros trimmed) plus 1, a boolean or null
 * 1; a list or map 3 bytes plus, per element, 1 byte, the element and (in a map) its UTF-8 name. Sets are the sum of
 * their members.
 */
public final class ItemSize {

    private static final int CONTAINER_BYTES = 3;
    private static final int ELEMENT_BYTES = 1;

    private ItemSize() {
    }

    /** The size of {@code config} stored as its item ({@link FlowConfigItems#toItem}). */
    public static long of(FlowConfig config) {
        return of(FlowConfigItems.toItem(config));
    }

    public static long of(Map<String, AttributeValue> item) {
        long bytes = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            bytes += utf8(attribute.getKey()) + of(attribute.getValue());
        }
        return bytes;
    }

    /** A value's size, its name aside. */
    public static long of(AttributeValue value) {
        if (value.s() != null) {
            return utf8(value.s());
        }
        if (value.n() != null) {
            return number(value.n());
        }
        if (value.b() != null) {
            return value.b().asByteArray().length;
        }
        if (value.hasM()) {
            long bytes = CONTAINER_BYTES;
            for (Map.Entry<String, AttributeValue> entry : value.m().entrySet()) {
                bytes += ELEMENT_BYTES + utf8(entry.getKey()) + of(entry.getValue());
            }
            return bytes;
        }
        if (value.hasL()) {
            long bytes = CONTAINER_BYTES;
            for (AttributeValue element : value.l()) {
                bytes += ELEMENT_BYTES + of(element);
            }
            return bytes;
        }
        if (value.hasSs()) {
            return value.ss().stream().mapToLong(ItemSize::utf8).sum();
        }
        if (value.hasNs()) {
            return value.ns().stream().mapToLong(ItemSize::number).sum();
        }
        if (value.hasBs()) {
            return value.bs().stream().mapToLong(b -> b.asByteArray().length).sum();
        }
        // BOOL or NUL
        return 1;
    }

    /** 1 byte per two significant digits, rounded up, plus 1: {@code 1000} and {@code 0.001} are each 2 bytes. */
    static long number(String text) {
        BigDecimal number = new BigDecimal(text.strip());
        int digits = number.signum() == 0 ? 0 : number.stripTrailingZeros().unscaledValue().abs().toString().length();
        return (digits + 1) / 2 + 1;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
