package dev.connectconfig.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.connectconfig.core.render.LanguageResolver;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LanguageResolverTest {

    private static final List<String> AVAILABLE = List.of("en-US", "es-US", "es-ES", "cmn-CN");

    @Test
    void theRequestedLanguageWinsWhateverItsCase() {
        assertEquals(Optional.of("es-ES"), LanguageResolver.choose(AVAILABLE, "es-es", "en-US"));
        assertEquals(Optional.of("cmn-CN"), LanguageResolver.choose(AVAILABLE, "cmn_CN", "en-US"));
    }

    @Test
    void theSameBaseLanguageIsTheFirstFallback() {
        assertEquals(Optional.of("es-ES"), LanguageResolver.choose(AVAILABLE, "es-MX", "en-US"));
        assertEquals(Optional.of("es-US"), LanguageResolver.choose(AVAILABLE, "es-MX", "es-US"));
        assertEquals(Optional.of("es-ES"), LanguageResolver.choose(AVAILABLE, "es", "en-US"));
    }

    @Test
    void thenTheDefaultLanguageThenNothing() {
        assertEquals(Optional.of("en-US"), LanguageResolver.choose(AVAILABLE, "fr-CA", "en-US"));
        assertEquals(Optional.empty(), LanguageResolver.choose(AVAILABLE, "fr-CA", "de-DE"));
        assertEquals(Optional.empty(), LanguageResolver.choose(List.of("es-US"), "fr-CA", "en-US"));
    }
}
