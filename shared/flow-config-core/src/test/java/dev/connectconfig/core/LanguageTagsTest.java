package dev.connectconfig.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.core.validation.LanguageTags;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LanguageTagsTest {

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "es-US", "cmn-CN", "arb", "fr-CA", "de-AT", "en-GB-WLS", "yue-CN", "en-IN"})
    void connectAndPollyLanguagesAreAccepted(String tag) {
        assertTrue(LanguageTags.isValid(tag));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "english", "en_US", "e", "en-", "12-US", "en-GB-XYZ"})
    void malformedTagsAreRefused(String tag) {
        assertFalse(LanguageTags.isValid(tag));
    }
}
