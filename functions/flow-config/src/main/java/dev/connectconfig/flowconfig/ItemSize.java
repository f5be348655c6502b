package dev.connectconfig.flowconfig;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's size as DynamoDB counts it against its limits (400 KB an item, 4 MB a transaction): UTF-8 attribute names
 * and strings, numbers at one byte per two digits plus one, three bytes and one per element for lists and maps.
 */
final class ItemSize {

    private ItemSize() {
    }

    static long of(Map<String, AttributeValue> item) {
        long bytes = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            bytes += utf8(attribute.getKey()) + of(attribute.getValue());
        }
        return bytes;
    }

    static long of(AttributeValue value) {
        if (value.s() != null) {
            return utf8(value.s());
        }
        if (value.n() != null) {
            return Math.min(21, 1 + (value.n().length() + 1) / 2);
        }
        if (value.b() != null) {
            return value.b().asByteArray().length;
        }
        if (value.hasM()) {
            long bytes = 3;
            for (Map.Entry<String, AttributeValue> entry : value.m().entrySet()) {
                bytes += 1 + utf8(entry.getKey()) + of(entry.getValue());
            }
            return bytes;
        }
        if (value.hasL()) {
            long bytes = 3;
            for (AttributeValue element : value.l()) {
                bytes += 1 + of(element);
            }
            return bytes;
        }
        if (value.hasSs()) {
            return value.ss().stream().mapToLong(ItemSize::utf8).sum();
        }
        if (value.hasNs()) {
            return value.ns().stream().mapToLong(n -> Math.min(21, 1 + (n.length() + 1) / 2)).sum();
        }
        return 1;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
