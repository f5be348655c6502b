package dev.connectconfig.flowconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectconfig.api.ApiAnswer;
import dev.connectconfig.api.auth.CalendarAction;
import dev.connectconfig.api.auth.Caller;
import dev.connectconfig.api.auth.FlowConfigAction;
import dev.connectconfig.api.auth.FlowConfigAuthorizer;
import dev.connectconfig.api.errors.ApiException;
import dev.connectconfig.api.errors.FieldError;
import dev.connectconfig.core.calendar.CalendarJson;
import dev.connectconfig.core.calendar.HolidayCalendar;
import dev.connectconfig.core.json.FlowConfigJson;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.store.CalendarItems;
import dev.connectconfig.core.validation.FlowConfigValidator;
import dev.connectconfig.core.validation.Violation;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Shared calendars: read, list, their computed dates, and the writes (PUT, restore, delete) with their own Cedar
 * actions. A change is refused while it would break a config that uses the calendar (an entry it names disappears, or
 * its result could exceed 32 KB): every config in the calendar's {@code usedBy} is read and judged with the new
 * calendar. A calendar in use cannot be deleted.
 */
final class CalendarService {

    /** The longest span {@code GET /calendars/{id}/dates} computes: a year view of the next three years and more. */
    static final int MAX_DATE_SPAN_YEARS = 10;

    private final CalendarRepository calendars;
    private final FlowConfigRepository configs;
    private final FlowConfigAuthorizer authorizer;
    private final ConfigCatalog catalog;
    private final ConfigWriter writer;

    CalendarService(CalendarRepository calendars, FlowConfigRepository configs, FlowConfigAuthorizer authorizer,
            ConfigCatalog catalog, ConfigWriter writer) {
        this.calendars = calendars;
        this.configs = configs;
        this.authorizer = authorizer;
        this.catalog = catalog;
        this.writer = writer;
    }

    static void checkId(String id) {
        if (!FlowConfigValidator.isValidId(id)) {
            throw ApiException.badRequest("INVALID_ID", "A calendar id is 1-128 letters, digits and + _ - . :.");
        }
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("No calendar has the id '" + id + "'.");
    }

    ApiAnswer.Json list(Caller caller, String prefix, String limitText, String nextToken) {
        ConfigCatalog.checkPrefix(prefix);
        int limit = PageToken.limit(limitText);
        String scope = "calendars:" + (prefix == null ? "" : prefix);
        String after = PageToken.decode(nextToken, scope);
        authorizer.require(caller, CalendarAction.READ, prefix == null || prefix.isEmpty() ? "*" : prefix + "*");
        CalendarRepository.CalendarPage page = calendars.calendars(prefix, after, limit);
        ObjectNode body = FlowConfigJson.MAPPER.createObjectNode();
        ArrayNode items = body.putArray("items");
        page.items().forEach(calendar -> items.addObject().put("id", calendar.id())
                .put("description", calendar.description()).put("version", calendar.version())
                .put("updatedAt", calendar.updatedAt()).put("updatedBy", calendar.updatedBy()));
        if (page.lastEvaluatedId() != null && page.items().size() == limit) {
            body.put("nextToken", new PageToken(scope, page.lastEvaluatedId()).encode());
        }
        return ApiAnswer.ok(body);
    }

    /** The calendar, and the configs that use it: by id those the caller may read, the others counted. */
    ApiAnswer.Json get(Caller caller, String id) {
        checkId(id);
        authorizer.require(caller, CalendarAction.READ, id);
        CalendarRepository.StoredCalendar stored = calendars.findCalendar(id).orElseThrow(() -> notFound(id));
        ObjectNode body = CalendarJson.toJson(stored.calendar());
        List<String> users = List.copyOf(stored.usedBy());
        Set<String> readable = users.isEmpty() ? Set.of() : catalog.allowed(caller, FlowConfigAction.READ, users);
        ArrayNode usedBy = body.putArray("usedBy");
        users.stream().filter(readable::contains).forEach(usedBy::add);
        body.put("usedByOthers", users.size() - usedBy.size());
        return new ApiAnswer.Json(200, body, Map.of("ETag", ETags.of(stored.calendar().version())));
    }

    ApiAnswer.Json put(Caller caller, String id, JsonNode body, String ifMatch, String ifNoneMatch) {
        checkId(id);
        authorizer.require(caller, CalendarAction.CHANGE, id);
        FlowConfigService.Precondition precondition = FlowConfigService.Precondition.of(ifMatch, ifNoneMatch);
        List<Violation> violations = new ArrayList<>();
        HolidayCalendar submitted = CalendarJson.fromJson(body, id, violations);
        if (!violations.isEmpty()) {
            throw FieldErrors.invalid(violations);
        }
        Optional<CalendarRepository.StoredCalendar> stored = calendars.findCalendar(id);
        HolidayCalendar written = write(caller, stored, submitted, precondition, "updated");
        return new ApiAnswer.Json(stored.isEmpty() ? 201 : 200, CalendarJson.toJson(written),
                Map.of("ETag", ETags.of(written.version())));
    }

    ApiAnswer.Json delete(Caller caller, String id, String ifMatch) {
        checkId(id);
        authorizer.require(caller, CalendarAction.DELETE, id);
        FlowConfigService.Precondition precondition = FlowConfigService.Precondition.of(ifMatch, null);
        if (precondition.create()) {
            throw ApiException.badRequest("INVALID_PRECONDITION", "Delete with If-Match: <version>.");
        }
        CalendarRepository.StoredCalendar stored = calendars.findCalendar(id).orElseThrow(() -> notFound(id));
        precondition.check(id, stored.calendar().version(), "calendar");
        if (!stored.usedBy().isEmpty()) {
            throw new ApiException(409, "CALENDAR_IN_USE", "Calendar '" + id + "' is used by "
                    + stored.usedBy().size() + " config(s): " + String.join(", ", stored.usedBy())
                    + ". Remove it from their schedules first.", stored.usedBy().stream()
                            .map(config -> new FieldError("usedBy." + config, "has a schedule on this calendar"))
                            .toList());
        }
        commit(new CalendarRepository.CalendarChange(stored, null, "deleted", writer.now(), caller.name()));
        return new ApiAnswer.Json(204, null, Map.of());
    }

    ApiAnswer.Json versions(Caller caller, String id, String limitText, String nextToken) {
        checkId(id);
        authorizer.require(caller, CalendarAction.READ, id);
        return FlowConfigService.versionList(configs, id, CalendarItems.key(id), limitText, nextToken,
                () -> calendars.findCalendar(id).map(stored -> new FlowConfigService.Current(
                        stored.calendar().version(), stored.calendar().updatedAt(), stored.calendar().updatedBy())),
                () -> notFound(id));
    }

    ApiAnswer.Json version(Caller caller, String id, String versionText) {
        checkId(id);
        long version = FlowConfigService.parseVersion(versionText, "n");
        authorizer.require(caller, CalendarAction.READ, id);
        HolidayCalendar found = findVersion(id, version);
        return new ApiAnswer.Json(200, CalendarJson.toJson(found), Map.of("ETag", ETags.of(found.version())));
    }

    ApiAnswer.Json restore(Caller caller, String id, String versionText, String ifMatch, String ifNoneMatch) {
        checkId(id);
        long version = FlowConfigService.parseVersion(versionText, "n");
        authorizer.require(caller, CalendarAction.CHANGE, id);
        FlowConfigService.Precondition precondition = FlowConfigService.Precondition.of(ifMatch, ifNoneMatch);
        Optional<CalendarRepository.StoredCalendar> stored = calendars.findCalendar(id);
        if (stored.isPresent() && stored.get().calendar().version() == version) {
            throw ApiException.conflict("Version " + version + " of calendar '" + id + "' is already the current one.");
        }
        HolidayCalendar written = write(caller, stored, findVersion(id, version), precondition, "restored");
        return new ApiAnswer.Json(200, CalendarJson.toJson(written), Map.of("ETag", ETags.of(written.version())));
    }

    /** The days each entry is observed on from {@code from} to {@code to} inclusive: a year view's data. */
    ApiAnswer.Json dates(Caller caller, String id, String fromText, String toText) {
        checkId(id);
        authorizer.require(caller, CalendarAction.READ, id);
        List<Violation> violations = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(writer.instant(), java.time.ZoneOffset.UTC);
        LocalDate from = date(fromText, "from", LocalDate.of(today.getYear(), 1, 1), violations);
        LocalDate to = date(toText, "to", LocalDate.of(today.getYear() + 2, 12, 31), violations);
        if (violations.isEmpty() && to.isBefore(from)) {
            violations.add(new Violation("to", "must not be before from (" + from + ")"));
        }
        if (violations.isEmpty() && from.plusYears(MAX_DATE_SPAN_YEARS).isBefore(to)) {
            violations.add(new Violation("to", "must be at most " + MAX_DATE_SPAN_YEARS + " years after from"));
        }
        if (!violations.isEmpty()) {
            throw FieldErrors.invalid(violations);
        }
        HolidayCalendar calendar = calendars.findCalendar(id).orElseThrow(() -> notFound(id)).calendar();
        ObjectNode body = FlowConfigJson.MAPPER.createObjectNode().put("id", id).put("version", calendar.version())
                .put("from", from.toString()).put("to", to.toString());
        ArrayNode list = body.putArray("dates");
        for (HolidayCalendar.Day day : calendar.days(from, to)) {
            ObjectNode item = list.addObject().put("date", day.date().toString()).put("entry", day.entry().name())
                    .put("dayOfWeek", day.date().getDayOfWeek().name().substring(0, 3));
            if (!day.entry().wholeDay()) {
                item.put("start", day.entry().start().toString()).put("end", day.entry().end().toString());
            }
            day.entry().rule().in(day.date().getYear()).filter(rule -> !rule.equals(day.date()))
                    .ifPresent(rule -> item.put("observedFor", rule.toString()));
        }
        return ApiAnswer.ok(body);
    }

    private static LocalDate date(String text, String field, LocalDate otherwise, List<Violation> violations) {
        if (text == null || text.isEmpty()) {
            return otherwise;
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text);
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        violations.add(new Violation(field, "must be a date such as 2026-01-01"));
        return otherwise;
    }

    private HolidayCalendar findVersion(String id, long version) {
        Optional<CalendarRepository.StoredCalendar> stored = calendars.findCalendar(id);
        if (stored.isPresent() && stored.get().calendar().version() == version) {
            return stored.get().calendar();
        }
        return calendars.archivedCalendar(id, version).orElseThrow(() -> ApiException.notFound(
                "Calendar '" + id + "' has no version " + version + "."));
    }

    /**
     * Checks the precondition, then every config that uses the calendar with the new calendar in place: a change
     * that would break one is refused with 409 CALENDAR_BREAKS_CONFIGS naming each.
     */
    private HolidayCalendar write(Caller caller, Optional<CalendarRepository.StoredCalendar> stored,
            HolidayCalendar submitted, FlowConfigService.Precondition precondition, String reason) {
        String id = submitted.id();
        precondition.check(id, stored.map(s -> s.calendar().version()).orElse(null), "calendar");
        List<FieldError> broken = broken(stored, submitted, Set.of());
        if (!broken.isEmpty()) {
            throw new ApiException(409, "CALENDAR_BREAKS_CONFIGS", "This change would break " + broken.size()
                    + " config(s) that use calendar '" + id + "': " + String.join(", ", broken.stream()
                            .map(e -> e.field().substring("usedBy.".length())).toList())
                    + ". Change them first, or change the calendar differently.", broken);
        }
        long version = stored.map(s -> s.calendar().version())
                .orElseGet(() -> configs.latestArchivedVersion(CalendarItems.key(id))) + 1;
        String at = writer.now();
        HolidayCalendar next = submitted.withBookkeeping(version, at, caller.name());
        commit(new CalendarRepository.CalendarChange(stored.orElse(null), next, reason, at, caller.name()));
        return next;
    }

    /**
     * The configs using the stored calendar (but those in {@code replaced}) that {@code submitted} would break, each
     * with its first problem.
     */
    private List<FieldError> broken(Optional<CalendarRepository.StoredCalendar> stored, HolidayCalendar submitted,
            Set<String> replaced) {
        List<FieldError> broken = new ArrayList<>();
        if (stored.isEmpty() || stored.get().usedBy().isEmpty()) {
            return broken;
        }
        List<FlowConfig> users = configs.findAll(stored.get().usedBy().stream().filter(id -> !replaced.contains(id))
                .toList());
        Map<String, HolidayCalendar> named = new HashMap<>(writer.calendarsOf(users));
        named.put(submitted.id(), submitted);
        for (FlowConfig user : users) {
            List<Violation> problems = ConfigWriter.problems(user.withCalendars(named));
            if (!problems.isEmpty()) {
                broken.add(new FieldError("usedBy." + user.id(), problems.get(0).field() + ": "
                        + problems.get(0).message()));
            }
        }
        return broken;
    }

    /** What an import does with its calendars: checked and planned first, written before its configs. */
    record CalendarImport(Map<String, HolidayCalendar> incoming, List<CalendarRepository.CalendarChange> changes,
            List<String> created, List<String> updated, List<String> unchanged) {

        static final CalendarImport NONE = new CalendarImport(Map.of(), List.of(), List.of(), List.of(), List.of());

        void commit(CalendarRepository calendars) {
            changes.forEach(calendars::commit);
        }
    }

    /** Calendars one import may carry. */
    static final int MAX_IMPORT_CALENDARS = 200;

    /**
     * Plans the import of {@code list} (an export's {@code calendars}): shape and rule problems and configs a change
     * would break (those not replaced by the same import) go to {@code problems}, changes the caller may not make to
     * {@code refused}, each named {@code calendars[i]...}.
     */
    CalendarImport planImport(Caller caller, JsonNode list, Set<String> importedConfigs, List<Violation> problems,
            List<Violation> refused) {
        if (list == null || list.isNull()) {
            return CalendarImport.NONE;
        }
        if (!list.isArray() || list.size() > MAX_IMPORT_CALENDARS) {
            problems.add(new Violation("calendars", "must be a list of at most " + MAX_IMPORT_CALENDARS
                    + " calendars, as export returns it"));
            return CalendarImport.NONE;
        }
        Map<String, HolidayCalendar> incoming = new java.util.LinkedHashMap<>();
        List<CalendarRepository.CalendarChange> changes = new ArrayList<>();
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        String at = writer.now();
        for (int i = 0; i < list.size(); i++) {
            String field = "calendars[" + i + "]";
            JsonNode node = list.get(i);
            String id = node.path("id").isTextual() ? node.get("id").textValue() : null;
            if (id == null || !FlowConfigValidator.isValidId(id)) {
                problems.add(new Violation(field + ".id", "must be a valid calendar id"));
                continue;
            }
            if (incoming.containsKey(id)) {
                problems.add(new Violation(field + ".id", "'" + id + "' appears more than once"));
                continue;
            }
            List<Violation> violations = new ArrayList<>();
            HolidayCalendar calendar = CalendarJson.fromJson(node, id, violations);
            if (!violations.isEmpty()) {
                problems.addAll(ConfigWriter.prefixed(violations, field + "."));
                continue;
            }
            incoming.put(id, calendar);
            Optional<CalendarRepository.StoredCalendar> stored = calendars.findCalendar(id);
            if (stored.isPresent() && stored.get().calendar().entries().equals(calendar.entries())
                    && java.util.Objects.equals(stored.get().calendar().description(), calendar.description())) {
                unchanged.add(id);
                continue;
            }
            if (!authorizer.isAllowed(caller, CalendarAction.CHANGE, id)) {
                refused.add(new Violation(field, "you may not change calendar '" + id + "'"));
                continue;
            }
            broken(stored, calendar, importedConfigs).forEach(error -> problems.add(new Violation(field,
                    "would break config '" + error.field().substring("usedBy.".length()) + "': " + error.message())));
            long version = stored.map(s -> s.calendar().version())
                    .orElseGet(() -> configs.latestArchivedVersion(CalendarItems.key(id))) + 1;
            changes.add(new CalendarRepository.CalendarChange(stored.orElse(null),
                    calendar.withBookkeeping(version, at, caller.name()), "imported", at, caller.name()));
            (stored.isPresent() ? updated : created).add(id);
        }
        return new CalendarImport(incoming, changes, created, updated, unchanged);
    }

    /** The calendars an export carries: all of them, or with a prefix those its configs name. */
    ArrayNode export(Caller caller, String prefix, List<FlowConfig> exported) {
        ArrayNode list = FlowConfigJson.MAPPER.createArrayNode();
        List<String> ids = new ArrayList<>();
        if (prefix == null || prefix.isEmpty()) {
            String after = null;
            do {
                CalendarRepository.CalendarPage page = calendars.calendars(null, after, 100);
                page.items().forEach(calendar -> ids.add(calendar.id()));
                after = page.lastEvaluatedId();
            } while (after != null);
        } else {
            exported.stream().flatMap(config -> config.calendarIds().stream()).distinct().forEach(ids::add);
        }
        if (!ids.isEmpty() && authorizer.isAllowed(caller, CalendarAction.READ, "*")) {
            configs.findCalendars(ids).values().forEach(calendar -> {
                ObjectNode json = CalendarJson.toJson(calendar);
                json.remove(List.of("version", "updatedAt", "updatedBy"));
                list.add(json);
            });
        }
        return list;
    }

    /** A lost race: 412 when the version moved, 409 when a config began or stopped using the calendar meanwhile. */
    private void commit(CalendarRepository.CalendarChange change) {
        try {
            calendars.commit(change);
        } catch (FlowConfigRepository.ConflictException e) {
            Optional<CalendarRepository.StoredCalendar> now = calendars.findCalendar(change.id());
            long seen = change.previous() == null ? -1 : change.previous().calendar().version();
            if (now.isEmpty() || now.get().calendar().version() != seen) {
                throw new VersionMismatchException("Calendar '" + change.id() + "' was changed by someone else"
                        + now.map(c -> "; it is now at version " + c.calendar().version() + ". Reload it and apply "
                                + "your change again.").orElse(" and no longer exists."),
                        now.map(c -> c.calendar().version()).orElse(null));
            }
            throw new ApiException(409, "CALENDAR_USE_CHANGED", "A config began or stopped using calendar '"
                    + change.id() + "' meanwhile; send the change again.");
        }
    }
}
