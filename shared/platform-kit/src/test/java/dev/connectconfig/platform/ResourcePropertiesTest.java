package dev.connectconfig.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.connectconfig.platform.cloudformation.CustomResourceFailure;
import dev.connectconfig.platform.cloudformation.InvalidPropertyException;
import dev.connectconfig.platform.cloudformation.ResourceProperties;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ResourcePropertiesTest {

    private static final Pattern NAME = Pattern.compile("[a-z_]+");

    enum Mode { FAIL, SKIP }

    @Test
    void aMissingOrBlankRequiredValueNamesThePropertyAndWhatItExpects() {
        ResourceProperties properties = ResourceProperties.of(Map.of("Database", "  "));

        InvalidPropertyException missing = assertThrows(InvalidPropertyException.class,
                () -> properties.required("Database", NAME, "a lowercase name"));

        assertEquals("Property Database: is required (a lowercase name)", missing.reason());
        assertEquals("Database", missing.property());
    }

    @Test
    void aBadValueIsEchoedSafelyAndShortened() {
        ResourceProperties properties = ResourceProperties.of(Map.of("Database", "Bad\nName" + "x".repeat(100)));

        String reason = assertThrows(InvalidPropertyException.class,
                () -> properties.required("Database", NAME, "a lowercase name")).reason();

        assertEquals("Property Database: 'Bad?Name" + "x".repeat(72) + "...' is not a lowercase name", reason);
    }

    @Test
    void optionalValuesFallBackOnlyWhenAbsent() {
        ResourceProperties properties = ResourceProperties.of(Map.of("Suffix", "_lnk"));

        assertEquals("_lnk", properties.optional("Suffix", "_link", NAME, "a suffix"));
        assertEquals("connect_datalake", properties.optional("Producer", "connect_datalake", NAME, "a name"));
        assertThrows(InvalidPropertyException.class, () -> ResourceProperties.of(Map.of("Suffix", "-x"))
                .optional("Suffix", "_link", NAME, "a suffix"));
    }

    @Test
    void listsComeAsArraysOrCommaSeparatedStringsWithBlanksDroppedAndDuplicatesRefused() {
        assertEquals(List.of("users", "contact_record"), ResourceProperties.of(Map.of("Tables",
                List.of(" users", "contact_record", ""))).list("Tables", List.of(), NAME, "a name"));
        assertEquals(List.of("users", "contact_record"), ResourceProperties.of(Map.of("Tables",
                "users,,contact_record,")).list("Tables", List.of(), NAME, "a name"));
        assertEquals(List.of("fallback"), ResourceProperties.of(Map.of()).list("Tables", List.of("fallback"), NAME,
                "a name"));
        assertEquals("Property Tables: 'users' is listed twice", assertThrows(InvalidPropertyException.class,
                () -> ResourceProperties.of(Map.of("Tables", List.of("users", "users")))
                        .list("Tables", List.of(), NAME, "a name")).reason());
        assertEquals("Property Tables: must be a list of names, not an object",
                assertThrows(InvalidPropertyException.class, () -> ResourceProperties.of(Map.of("Tables",
                        Map.of("a", "b"))).list("Tables", List.of(), NAME, "a name")).reason());
    }

    @Test
    void choicesMatchAnyCaseAndListTheAllowedValues() {
        assertEquals(Mode.SKIP, ResourceProperties.of(Map.of("Mode", "Skip")).choice("Mode", Mode.FAIL, Mode.class));
        assertEquals(Mode.FAIL, ResourceProperties.of(Map.of()).choice("Mode", Mode.FAIL, Mode.class));
        assertEquals("Property Mode: 'ignore' is not one of [fail, skip]", assertThrows(
                InvalidPropertyException.class, () -> ResourceProperties.of(Map.of("Mode", "ignore"))
                        .choice("Mode", Mode.FAIL, Mode.class)).reason());
    }

    @Test
    void aListInAScalarPropertyIsRefused() {
        assertEquals("Property Database: must be a single value", assertThrows(InvalidPropertyException.class,
                () -> ResourceProperties.of(Map.of("Database", List.of("a"))).required("Database", NAME, "a name"))
                .reason());
    }

    @Test
    void reasonsNameTheFirstTenItems() {
        assertEquals("a, b", CustomResourceFailure.names(List.of("a", "b")));
        assertEquals("t0, t1, t2, t3, t4, t5, t6, t7, t8, t9 and 2 more", CustomResourceFailure.names(
                java.util.stream.IntStream.range(0, 12).mapToObj(i -> "t" + i).toList()));
    }
}
