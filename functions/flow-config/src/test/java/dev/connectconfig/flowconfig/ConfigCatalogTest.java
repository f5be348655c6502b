package dev.connectconfig.flowconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectconfig.api.auth.Caller;
import dev.connectconfig.api.auth.FlowConfigAction;
import dev.connectconfig.api.auth.FlowConfigAuthorizer;
import dev.connectconfig.api.errors.ApiException;
import dev.connectconfig.core.model.FlowConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConfigCatalogTest {

    private static final Caller ANA = new Caller("ana", "ana", Set.of(), Set.of("*"), Set.of(), Set.of());

    /** Allows what {@code rule} allows and records the size of every question it is asked. */
    private static final class RecordingAuthorizer implements FlowConfigAuthorizer {
        final List<Integer> batchSizes = java.util.Collections.synchronizedList(new ArrayList<>());
        final Set<String> asked = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final Predicate<String> rule;

        RecordingAuthorizer(Predicate<String> rule) {
            this.rule = rule;
        }

        @Override
        public boolean isAllowed(Caller caller, FlowConfigAction action, String configId) {
            return rule.test(configId);
        }

        @Override
        public Set<String> allowed(Caller caller, FlowConfigAction action, List<String> configIds) {
            batchSizes.add(configIds.size());
            asked.addAll(configIds);
            return configIds.stream().filter(rule).collect(Collectors.toSet());
        }
    }

    /** A catalog of {@code ids} answered in one page, at most {@code maxItems} after {@code afterId}. */
    private record Catalog(List<String> ids, List<String> queried) implements FlowConfigRepository {
        Catalog(List<String> ids) {
            this(ids, java.util.Collections.synchronizedList(new ArrayList<>()));
        }

        @Override
        public CatalogPage catalog(String prefix, String afterId, int maxItems) {
            queried.add(prefix);
            List<ConfigSummary> page = ids.stream().filter(id -> prefix == null || id.startsWith(prefix))
                    .filter(id -> afterId == null || id.compareTo(afterId) > 0)
                    .limit(maxItems).map(id -> new ConfigSummary(id, "d", 1, "2026-01-01T00:00:00Z", "ana")).toList();
            String last = page.size() == maxItems ? page.get(page.size() - 1).id() : null;
            return new CatalogPage(page, last);
        }

        @Override
        public Optional<FlowConfig> find(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<FlowConfig> findAll(List<String> ids) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void commit(List<Change> changes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long transactionBytes(Change change) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long latestArchivedVersion(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public HistoryPage history(String id, Long beforeVersion, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<FlowConfig> archivedVersion(String id, long version) {
            throw new UnsupportedOperationException();
        }
    }

    private static List<String> ids(int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("q%04d", i)).toList();
    }

    @Test
    void theAuthorizerIsAskedThirtyIdsAtATimeAndEveryAnswerCounts() {
        RecordingAuthorizer authorizer = new RecordingAuthorizer(id -> id.hashCode() % 3 == 0);
        List<String> asked = ids(75);

        Set<String> allowed = new ConfigCatalog(null, authorizer).allowed(ANA, FlowConfigAction.READ, asked);

        assertEquals(30, ConfigCatalog.AUTHORIZATION_BATCH);
        assertEquals(List.of(30, 30, 15), authorizer.batchSizes);
        assertEquals(asked.stream().filter(id -> id.hashCode() % 3 == 0).collect(Collectors.toSet()), allowed);
        assertFalse(allowed.isEmpty());
    }

    @Test
    void aListPageStopsAskingOnceItIsFull() {
        RecordingAuthorizer authorizer = new RecordingAuthorizer(id -> true);
        ConfigCatalog catalog = new ConfigCatalog(new Catalog(ids(100)), authorizer);

        JsonNode body = (JsonNode) catalog.list(ANA, "q", "10", null).body();

        assertEquals(List.of(10), authorizer.batchSizes, "a page asks about the ids it shows, no more");
        assertEquals(ids(10), body.get("items").findValuesAsText("id"));
        assertTrue(body.hasNonNull("nextToken"));
    }

    @Test
    void aPageThatEndsTheCatalogSaysSoAndOneThatDoesNotGivesAToken() {
        ConfigCatalog catalog = new ConfigCatalog(new Catalog(ids(20)), new RecordingAuthorizer(id -> true));

        JsonNode first = (JsonNode) catalog.list(ANA, "q", "10", null).body();
        JsonNode last = (JsonNode) catalog.list(ANA, "q", "10", first.get("nextToken").asText()).body();

        assertEquals(ids(20).subList(10, 20), last.get("items").findValuesAsText("id"));
        assertFalse(last.hasNonNull("nextToken"), "the tenth of ten ids ends the list: no empty page to ask for");
    }

    @Test
    void exportAndTheSwitchReadTheWholeCatalogButOnlyWhatTheCallerMayRead() {
        List<String> all = ids(2_500);
        RecordingAuthorizer authorizer = new RecordingAuthorizer(id -> id.endsWith("7"));
        ConfigCatalog catalog = new ConfigCatalog(new Catalog(all), authorizer);

        assertEquals(all, catalog.scopedIds(ANA, "q", Integer.MAX_VALUE - 1));
        assertEquals(all.stream().filter(id -> id.endsWith("7")).toList(), catalog.readableIds(ANA, "q"));
        assertTrue(authorizer.batchSizes.stream().allMatch(size -> size <= ConfigCatalog.AUTHORIZATION_BATCH),
                authorizer.batchSizes.toString());
        assertEquals(ConfigCatalog.PAGE + 2, catalog.scopedIds(ANA, "q", ConfigCatalog.PAGE + 1).size(),
                "reading stops once it holds more than enough");
    }

    @Test
    void aCallerWithFewScopesReadsAndAsksAboutOnlyWhatTheyName() {
        List<String> all = new ArrayList<>(ids(3_000));
        all.addAll(List.of("sales-emea", "sales-us", "support-1"));
        Catalog store = new Catalog(all.stream().sorted().toList());
        RecordingAuthorizer authorizer = new RecordingAuthorizer(id -> true);
        ConfigCatalog catalog = new ConfigCatalog(store, authorizer);
        Caller sales = new Caller("sam", "sam", Set.of(), Set.of("sales-*", "q0042"), Set.of(), Set.of());

        JsonNode body = (JsonNode) catalog.list(sales, "s", "100", null).body();

        assertEquals(List.of("sales-emea", "sales-us"), body.get("items").findValuesAsText("id"));
        assertEquals(Set.of("sales-emea", "sales-us"), authorizer.asked);
        assertEquals(List.of("sales-"), store.queried(), "prefix s is read as sales-, the caller's scope");
        assertFalse(body.has("nextToken"));

        assertEquals(List.of("q0042", "sales-emea", "sales-us"), catalog.scopedIds(sales, null, 10));
        store.queried().clear();
        authorizer.asked.clear();
        assertEquals(List.of(), catalog.scopedIds(sales, "support", 10));
        JsonNode none = (JsonNode) catalog.list(sales, "support", "100", null).body();
        assertEquals(0, none.get("items").size());
        assertEquals(List.of(), store.queried(), "a prefix outside every scope reads nothing");
        assertTrue(authorizer.asked.isEmpty());
    }

    @Test
    void pagesOverSeveralScopesFollowOneAnotherInIdOrder() {
        List<String> all = new ArrayList<>(ids(300));
        all.addAll(List.of("a-1", "a-2", "sales-emea", "sales-us", "z"));
        Catalog store = new Catalog(all.stream().sorted().toList());
        ConfigCatalog catalog = new ConfigCatalog(store, new RecordingAuthorizer(id -> !id.equals("q0005")));
        Caller caller = new Caller("sam", "sam", Set.of(), Set.of("q00*", "sales-us", "a-*", "z"), Set.of(),
                Set.of("q000*"));
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            JsonNode page = (JsonNode) catalog.list(caller, null, "7", token).body();
            seen.addAll(page.get("items").findValuesAsText("id"));
            token = page.hasNonNull("nextToken") ? page.get("nextToken").asText() : null;
        } while (token != null);
        List<String> expected = new ArrayList<>(List.of("a-1", "a-2"));
        ids(100).stream().filter(id -> !id.equals("q0005")).forEach(expected::add);
        expected.addAll(List.of("sales-us", "z"));
        assertEquals(expected, seen);
    }

    @Test
    void onePrefixRuleAndOneMessage() {
        for (String prefix : new String[] {null, "", "sales-", "+1800", "a.b:c_d"}) {
            assertTrue(ConfigCatalog.isValidPrefix(prefix), String.valueOf(prefix));
        }
        for (String prefix : new String[] {"a b", "sales/*", "x".repeat(129), "é"}) {
            assertFalse(ConfigCatalog.isValidPrefix(prefix), prefix);
            ApiException refused = assertThrows(ApiException.class, () -> ConfigCatalog.checkPrefix(prefix));
            assertEquals(400, refused.status());
            assertEquals("INVALID_PREFIX", refused.code());
            assertEquals("prefix " + ConfigCatalog.PREFIX_RULE, refused.getMessage());
        }
    }
}
